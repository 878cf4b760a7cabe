/**
 * Session-wide denials: no permission (camera, notifications, clipboard read, HID, serial, USB,
 * Bluetooth, screen capture…) is ever granted, no device is ever chosen, nothing is downloaded.
 * In dev, the dev server's pages get the CSP as a response header too.
 */
import type { Session } from 'electron';
import { devContentSecurityPolicy } from './csp';

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
  session.on('will-download', (event) => event.preventDefault());

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
