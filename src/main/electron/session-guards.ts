/**
 * Session-wide denials: no permission (camera, notifications, clipboard read, HID, serial, USB,
 * Bluetooth, screen capture…) is ever granted, no device is ever chosen, and nothing is downloaded
 * but the app's own exports (the audit log), saved through the OS dialog and made 0600.
 * In dev, the dev server's pages get the CSP as a response header too.
 */
import type { DownloadItem, Session } from 'electron';
import { tightenFileSync } from '../files/private-files';
import { APP_ORIGIN } from './app-protocol';
import { devContentSecurityPolicy } from './csp';
import { appBase } from './trusted-sender';

export type GuardedSession = Pick<
  Session,
  | 'setPermissionRequestHandler'
  | 'setPermissionCheckHandler'
  | 'setDevicePermissionHandler'
  | 'setDisplayMediaRequestHandler'
  | 'setBluetoothPairingHandler'
  | 'on'
> & { webRequest: Pick<Session['webRequest'], 'onHeadersReceived'> };

/** Sets `name` to `value` in response headers, replacing any spelling of the same header. */
export const withHeader = (
  headers: Record<string, string[]> | undefined,
  name: string,
  value: string,
): Record<string, string[]> => {
  const kept = Object.entries(headers ?? {}).filter(([key]) => key.toLowerCase() !== name.toLowerCase());
  return { ...Object.fromEntries(kept), [name]: [value] };
};

/** Is this download a file the app's own page made (a `blob:` URL of the page's own origin)? */
export const isOwnExport = (url: string, pageBase: string): boolean => {
  if (!url.startsWith('blob:')) return false;
  try {
    return appBase(url.slice('blob:'.length)) === pageBase;
  } catch {
    return false;
  }
};

/** The parts of a DownloadItem the guard reads. */
export type DownloadLike = Pick<DownloadItem, 'getURL' | 'getSavePath'> & {
  once(
    event: 'done',
    listener: (event: unknown, state: 'completed' | 'cancelled' | 'interrupted') => void,
  ): unknown;
};

/**
 * Lets the page's own exports through (Electron asks where to save them) and makes the saved file
 * 0600 once it is complete; refuses every other download.
 */
export const guardDownload = (
  event: { preventDefault(): void },
  item: DownloadLike,
  pageBase: string,
  tighten: (file: string) => void = tightenFileSync,
): void => {
  if (!isOwnExport(item.getURL(), pageBase)) {
    event.preventDefault();
    return;
  }
  item.once('done', (_event, state) => {
    const file = item.getSavePath();
    if (state !== 'completed' || !file) return;
    try {
      tighten(file);
    } catch {
      // saved where this user cannot change modes (a network share): the export is still there
    }
  });
};

/** Applies the deny-everything handlers to `session`, and the dev CSP when `devServerUrl` is set. */
export const hardenSession = (session: GuardedSession, devServerUrl?: string): void => {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
  session.setDisplayMediaRequestHandler((_request, callback) => callback(null));
  session.setBluetoothPairingHandler((_details, callback) => callback({ confirmed: false }));
  session.on('select-hid-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  session.on('select-serial-port', (event, _ports, _contents, callback) => {
    event.preventDefault();
    callback('');
  });
  session.on('select-usb-device', (event, _details, callback) => {
    event.preventDefault();
    callback();
  });
  const pageBase = devServerUrl ? appBase(devServerUrl) : APP_ORIGIN;
  session.on('will-download', (event, item) => guardDownload(event, item, pageBase));

  if (devServerUrl) {
    // Only the dev server's responses: main's own net.fetch calls share this session.
    const policy = devContentSecurityPolicy(devServerUrl);
    const base = new URL(devServerUrl);
    session.webRequest.onHeadersReceived(
      { urls: [`${base.protocol}//${base.host}/*`] },
      (details, callback) =>
        callback({ responseHeaders: withHeader(details.responseHeaders, 'Content-Security-Policy', policy) }),
    );
  }
};
