/**
 * The one app window, locked down: sandboxed, isolated, no Node, no navigation, no new windows; it
 * opens where the admin left it when that place is still on a display.
 */
import { BrowserWindow, screen, type WebPreferences } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { WindowStateStorage } from './settings-store';
import { guardWebContents } from './web-contents-guard';
import { MIN_SIZE, restoreBounds } from './window-bounds';

/**
 * The window's web preferences: every Electron security default, stated so a review can see them.
 * DevTools only where development switches count (see launch-switches.ts).
 */
export const secureWebPreferences = (preload: string, options: WindowOptions = {}): WebPreferences => ({
  preload,
  devTools: options.devTools ?? false,
  sandbox: true,
  contextIsolation: true,
  nodeIntegration: false,
  nodeIntegrationInWorker: false,
  nodeIntegrationInSubFrames: false,
  webSecurity: true,
  allowRunningInsecureContent: false,
  experimentalFeatures: false,
  webviewTag: false,
  navigateOnDragDrop: false,
  spellcheck: false,
});

/** What differs between a development run and a release, and where the window's place is kept. */
export type WindowOptions = { devTools?: boolean; windowState?: WindowStateStorage };

/** How long the window must be still before its place is written (moves and resizes come in bursts). */
const SAVE_AFTER_MS = 400;

/** Saves the window's normal (unmaximized) bounds after it moves or resizes, and when it closes. */
const rememberBounds = (window: BrowserWindow, storage: WindowStateStorage): void => {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const save = (): void => {
    clearTimeout(timer);
    if (window.isDestroyed() || window.isMinimized() || window.isFullScreen()) return;
    storage.write({ ...window.getNormalBounds(), maximized: window.isMaximized() });
  };
  const later = (): void => {
    clearTimeout(timer);
    timer = setTimeout(save, SAVE_AFTER_MS);
  };
  window.on('resize', later);
  window.on('move', later);
  window.on('maximize', later);
  window.on('unmaximize', later);
  window.on('close', save);
};

/** Creates the main window and loads the renderer from `rendererUrl`; DevTools stay off unless asked for. */
export const createMainWindow = (rendererUrl: string, options: WindowOptions = {}): BrowserWindow => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  // The primary display first: a saved place that is on no display now opens there instead.
  const primary = screen.getPrimaryDisplay();
  const areas = [primary, ...screen.getAllDisplays().filter((d) => d.id !== primary.id)].map(
    (d) => d.workArea,
  );
  const { maximized, ...bounds } = restoreBounds(options.windowState?.read(), areas);
  const window = new BrowserWindow({
    ...bounds,
    minWidth: MIN_SIZE.width,
    minHeight: MIN_SIZE.height,
    show: false,
    title: 'Admit',
    webPreferences: secureWebPreferences(path.join(here, '../preload/index.cjs'), options),
  });
  // Also applied by the app-wide web-contents-created guard; stated here so the window is safe on its own.
  guardWebContents(window.webContents);
  if (maximized) window.maximize();
  if (options.windowState) rememberBounds(window, options.windowState);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
};
