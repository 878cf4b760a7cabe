/**
 * The rules every webContents follows, whoever created it: no navigation away from the page, no
 * new windows (allowed https links go to the system browser instead), no webviews, no Bluetooth
 * device picking.
 */
import type { App, WebContents } from 'electron';
import { openExternalUrl } from './open-external';

export type GuardedContents = Pick<WebContents, 'on' | 'setWindowOpenHandler'>;

/** Applies the navigation, window, webview and device rules to one webContents. */
export const guardWebContents = (contents: GuardedContents): void => {
  // The renderer is a single page that never navigates: any navigation (links, drag-and-drop,
  // a compromised page) is refused. loadURL itself does not raise these events.
  contents.on('will-navigate', (event) => event.preventDefault());
  contents.on('will-frame-navigate', (event) => event.preventDefault());
  contents.on('will-attach-webview', (event) => event.preventDefault());
  contents.on('select-bluetooth-device', (event, _devices, callback) => {
    event.preventDefault();
    callback('');
  });
  contents.setWindowOpenHandler(({ url }) => {
    // Fire and forget: the page gets its answer (deny) now; a link the OS cannot open just stays closed.
    void openExternalUrl(url).catch(() => false);
    return { action: 'deny' };
  });
};

/** Guards every webContents the app ever creates (windows, devtools, anything a bug might open). */
export const installWebContentsGuard = (app: Pick<App, 'on'>): void => {
  app.on('web-contents-created', (_event, contents) => guardWebContents(contents));
};
