import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

const app = Object.assign(new EventEmitter(), { enableSandbox: vi.fn() });
const protocol = { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() };
const defaultSession = Object.assign(new EventEmitter(), {
  setPermissionRequestHandler: vi.fn(),
  setPermissionCheckHandler: vi.fn(),
  setDevicePermissionHandler: vi.fn(),
  setDisplayMediaRequestHandler: vi.fn(),
  setBluetoothPairingHandler: vi.fn(),
  webRequest: { onHeadersReceived: vi.fn() },
});
vi.mock('electron', () => ({ app, protocol, session: { defaultSession }, shell: { openExternal: vi.fn() } }));

const { hardenBeforeReady, hardenOnReady, rendererUrlFor } = await import('./hardening');

describe('hardening', () => {
  it('before ready: sandboxes every renderer, registers app:// as standard+secure, guards new webContents', () => {
    hardenBeforeReady();
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(protocol.registerSchemesAsPrivileged).toHaveBeenCalledWith([
      expect.objectContaining({
        scheme: 'app',
        privileges: expect.objectContaining({ standard: true, secure: true }),
      }),
    ]);
    expect(app.listenerCount('web-contents-created')).toBe(1);
  });

  it('on ready: serves app:// and installs the deny-by-default session handlers', () => {
    hardenOnReady({ rendererRoot: '/tmp/renderer', devServerUrl: undefined });
    expect(protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(defaultSession.setPermissionRequestHandler).toHaveBeenCalled();
    expect(defaultSession.setPermissionCheckHandler).toHaveBeenCalled();
    expect(defaultSession.setDevicePermissionHandler).toHaveBeenCalled();
    expect(defaultSession.listenerCount('select-hid-device')).toBe(1);
    expect(defaultSession.webRequest.onHeadersReceived).not.toHaveBeenCalled();
  });

  it('in dev, also sets the CSP on the dev server’s responses', () => {
    hardenOnReady({ rendererRoot: '/tmp/renderer', devServerUrl: 'http://localhost:5173' });
    expect(defaultSession.webRequest.onHeadersReceived).toHaveBeenCalledWith(
      { urls: ['http://localhost:5173/*'] },
      expect.any(Function),
    );
  });

  it('loads app:// unless electron-vite dev gives a dev server URL', () => {
    expect(rendererUrlFor(undefined)).toBe('app://admit/index.html');
    expect(rendererUrlFor('')).toBe('app://admit/index.html');
    expect(rendererUrlFor('http://localhost:5173')).toBe('http://localhost:5173');
  });
});
