/** The one app window, locked down: sandboxed, isolated, no Node, no navigation, no new windows. */
import { BrowserWindow, type WebPreferences } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { guardWebContents } from './web-contents-guard';

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

/** What differs between a development run and a release. */
export type WindowOptions = { devTools?: boolean };

/** Creates the main window and loads the renderer from `rendererUrl`; DevTools stay off unless asked for. */
export const createMainWindow = (rendererUrl: string, options: WindowOptions = {}): BrowserWindow => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Admit',
    webPreferences: secureWebPreferences(path.join(here, '../preload/index.cjs'), options),
  });
  // Also applied by the app-wide web-contents-created guard; stated here so the window is safe on its own.
  guardWebContents(window.webContents);
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
};
