import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { guardDownload, hardenSession, isOwnExport, withHeader } = await import('./session-guards');
type Session = Parameters<typeof hardenSession>[0];

/** A session that records the handlers it is given. */
const fakeSession = () => {
  const emitter = new EventEmitter();
  const handlers: Record<string, (...args: never[]) => unknown> = {};
  const record = (name: string) => vi.fn((fn: (...args: never[]) => unknown) => void (handlers[name] = fn));
  const session = Object.assign(emitter, {
    setPermissionRequestHandler: record('request'),
    setPermissionCheckHandler: record('check'),
    setDevicePermissionHandler: record('device'),
    setDisplayMediaRequestHandler: record('displayMedia'),
    setBluetoothPairingHandler: record('bluetoothPairing'),
    webRequest: { onHeadersReceived: vi.fn() },
  });
  return { session, handlers, asSession: session as unknown as Session };
};

const call = (fn: ((...args: never[]) => unknown) | undefined, ...args: unknown[]) =>
  (fn as (...a: unknown[]) => unknown)(...args);

const event = () => ({ preventDefault: vi.fn() });

/** A DownloadItem: its URL, where it was saved, and its `done` event. */
const downloadItem = (url: string, savePath = '') =>
  Object.assign(new EventEmitter(), { getURL: () => url, getSavePath: () => savePath });

describe('hardenSession', () => {
  it('denies every permission request and check', () => {
    const { handlers, asSession } = fakeSession();
    hardenSession(asSession);
    for (const permission of [
      'media',
      'notifications',
      'clipboard-read',
      'geolocation',
      'openExternal',
      'hid',
    ]) {
      const callback = vi.fn();
      call(handlers['request'], {}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(call(handlers['check'], null, permission, 'app://admit', {})).toBe(false);
    }
    expect(call(handlers['device'], { deviceType: 'usb', origin: 'app://admit' })).toBe(false);
  });

  it('refuses screen capture and Bluetooth pairing', () => {
    const { handlers, asSession } = fakeSession();
    hardenSession(asSession);
    const media = vi.fn();
    call(handlers['displayMedia'], {}, media);
    expect(media).toHaveBeenCalledWith(null);
    const pairing = vi.fn();
    call(handlers['bluetoothPairing'], {}, pairing);
    expect(pairing).toHaveBeenCalledWith({ confirmed: false });
  });

  it('chooses no HID, serial or USB device and downloads nothing', () => {
    const { session, asSession } = fakeSession();
    hardenSession(asSession);
    const hid = { e: event(), cb: vi.fn() };
    session.emit('select-hid-device', hid.e, { deviceList: [{ deviceId: 'x' }] }, hid.cb);
    expect(hid.e.preventDefault).toHaveBeenCalled();
    expect(hid.cb).toHaveBeenCalledWith();
    const serial = { e: event(), cb: vi.fn() };
    session.emit('select-serial-port', serial.e, [{ portId: 'p' }], {}, serial.cb);
    expect(serial.cb).toHaveBeenCalledWith('');
    const usb = { e: event(), cb: vi.fn() };
    session.emit('select-usb-device', usb.e, { deviceList: [{ deviceId: 'u' }] }, usb.cb);
    expect(usb.e.preventDefault).toHaveBeenCalled();
    expect(usb.cb).toHaveBeenCalledWith();
    const download = event();
    session.emit('will-download', download, downloadItem('https://evil.example/payload.exe'), {});
    expect(download.preventDefault).toHaveBeenCalled();
  });

  it("lets the page's own export through, in a packaged build and in dev", () => {
    const packaged = fakeSession();
    hardenSession(packaged.asSession);
    const own = event();
    packaged.session.emit('will-download', own, downloadItem('blob:app://admit/4f1c'), {});
    expect(own.preventDefault).not.toHaveBeenCalled();
    const dev = fakeSession();
    hardenSession(dev.asSession, 'http://localhost:5173/');
    const fromDevServer = event();
    dev.session.emit('will-download', fromDevServer, downloadItem('blob:http://localhost:5173/4f1c'), {});
    expect(fromDevServer.preventDefault).not.toHaveBeenCalled();
  });

  it.each([
    ['a web page', 'https://slack.com/file.csv'],
    ['a blob of another origin', 'blob:https://evil.example/4f1c'],
    ['a blob of a look-alike host', 'blob:app://admit.evil/4f1c'],
    ['a data URL', 'data:text/csv,a,b'],
    ['a garbage blob', 'blob:not a url'],
  ])('refuses a download from %s', (_name, url) => {
    expect(isOwnExport(url, 'app://admit')).toBe(false);
    const e = event();
    guardDownload(e, downloadItem(url), 'app://admit', vi.fn());
    expect(e.preventDefault).toHaveBeenCalled();
  });

  it('makes a completed export 0600, and leaves a cancelled one alone', () => {
    const tighten = vi.fn();
    const done = downloadItem('blob:app://admit/1', '/home/ada/Downloads/audit.csv');
    guardDownload(event(), done, 'app://admit', tighten);
    done.emit('done', {}, 'completed');
    expect(tighten).toHaveBeenCalledWith('/home/ada/Downloads/audit.csv');
    const cancelled = downloadItem('blob:app://admit/2', '');
    guardDownload(event(), cancelled, 'app://admit', tighten);
    cancelled.emit('done', {}, 'cancelled');
    expect(tighten).toHaveBeenCalledTimes(1);
    const failing = downloadItem('blob:app://admit/3', '/mnt/share/audit.csv');
    guardDownload(event(), failing, 'app://admit', () => {
      throw new Error('EPERM');
    });
    expect(() => failing.emit('done', {}, 'completed')).not.toThrow();
  });

  it('leaves response headers alone in a packaged build (app:// sets its own CSP)', () => {
    const { session, asSession } = fakeSession();
    hardenSession(asSession);
    expect(session.webRequest.onHeadersReceived).not.toHaveBeenCalled();
  });

  it('adds the dev CSP to the dev server’s responses only', () => {
    const { session, asSession } = fakeSession();
    hardenSession(asSession, 'http://localhost:5173/');
    const [filter, listener] = session.webRequest.onHeadersReceived.mock.calls[0] as [
      { urls: string[] },
      (details: unknown, callback: (response: unknown) => void) => void,
    ];
    expect(filter).toEqual({ urls: ['http://localhost:5173/*'] });
    const callback = vi.fn();
    listener(
      { responseHeaders: { 'content-security-policy': ['x'], 'Content-Type': ['text/html'] } },
      callback,
    );
    const { responseHeaders } = callback.mock.calls[0]?.[0] as { responseHeaders: Record<string, string[]> };
    expect(responseHeaders['Content-Type']).toEqual(['text/html']);
    expect(responseHeaders['content-security-policy']).toBeUndefined();
    expect(responseHeaders['Content-Security-Policy']?.[0]).toContain("default-src 'none'");
  });
});

describe('withHeader', () => {
  it('replaces a header whatever its case', () => {
    expect(withHeader({ 'X-A': ['1'], 'x-b': ['2'] }, 'X-B', '3')).toEqual({ 'X-A': ['1'], 'X-B': ['3'] });
    expect(withHeader(undefined, 'X', 'y')).toEqual({ X: ['y'] });
  });
});
