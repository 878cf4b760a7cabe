/** One Admit per user session: a second launch focuses the first one's window and exits. */
import type { App, BrowserWindow } from 'electron';

export type FocusableWindow = Pick<
  BrowserWindow,
  'isMinimized' | 'restore' | 'show' | 'focus' | 'isDestroyed'
>;

/** Brings `window` to the front, restoring it when minimized. */
export const focusWindow = (window: FocusableWindow | null): void => {
  if (!window || window.isDestroyed()) return;
  if (window.isMinimized()) window.restore();
  window.show();
  window.focus();
};

/**
 * Takes the single-instance lock. Returns false (and quits) when another instance holds it;
 * otherwise focuses `currentWindow()` whenever a second instance starts.
 */
export const claimSingleInstance = (
  app: Pick<App, 'requestSingleInstanceLock' | 'quit' | 'on'>,
  currentWindow: () => FocusableWindow | null,
): boolean => {
  if (!app.requestSingleInstanceLock()) {
    app.quit();
    return false;
  }
  app.on('second-instance', () => focusWindow(currentWindow()));
  return true;
};
