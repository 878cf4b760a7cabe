/** The one app window, locked down: sandboxed, isolated, no Node, no navigation, no new windows. */
import { BrowserWindow, shell } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** Opens an https link in the system browser; anything else is ignored. */
const openExternalSafely = (url: string): void => {
  try {
    if (new URL(url).protocol === 'https:') void shell.openExternal(url);
  } catch {
    // not a URL: ignore
  }
};

/** Creates the main window and loads the renderer from `rendererUrl`. */
export const createMainWindow = (rendererUrl: string): BrowserWindow => {
  const here = path.dirname(fileURLToPath(import.meta.url));
  const window = new BrowserWindow({
    width: 1280,
    height: 820,
    minWidth: 880,
    minHeight: 560,
    show: false,
    title: 'Admit',
    webPreferences: {
      preload: path.join(here, '../preload/index.cjs'),
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      webviewTag: false,
      spellcheck: false,
    },
  });
  // The renderer is a single page that never navigates: any navigation (links, drag-and-drop,
  // redirects, a compromised page) is refused. loadURL itself does not raise these events.
  window.webContents.on('will-navigate', (event) => event.preventDefault());
  window.webContents.on('will-frame-navigate', (event) => event.preventDefault());
  window.webContents.setWindowOpenHandler(({ url }) => {
    openExternalSafely(url);
    return { action: 'deny' };
  });
  window.once('ready-to-show', () => window.show());
  void window.loadURL(rendererUrl);
  return window;
};
