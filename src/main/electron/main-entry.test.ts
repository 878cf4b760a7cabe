/** The main module (src/main/index.ts) with a mocked Electron: hardening order, lock, IPC trust base, window. */
import { EventEmitter } from 'node:events';
import path from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const state = vi.hoisted(() => ({ gotLock: true, failStart: false, ready: null as null | (() => void) }));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => state.gotLock),
    quit: vi.fn(),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (state.ready = resolve))),
    getPath: vi.fn(() => '/tmp/admit-user-data'),
    exit: vi.fn(),
  });
  const defaultSession = Object.assign(new Emitter(), {
    setPermissionRequestHandler: vi.fn(),
    setPermissionCheckHandler: vi.fn(),
    setDevicePermissionHandler: vi.fn(),
    setDisplayMediaRequestHandler: vi.fn(),
    setBluetoothPairingHandler: vi.fn(),
    webRequest: { onHeadersReceived: vi.fn() },
  });
  return {
    app,
    net: { fetch: vi.fn() },
    dialog: { showErrorBox: vi.fn() },
    safeStorage: {},
    protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
    session: { defaultSession },
    shell: { openExternal: vi.fn() },
  };
});
vi.mock('./ipc', () => ({ registerIpc: vi.fn(), sendEvent: vi.fn() }));
vi.mock('./window', () => ({ createMainWindow: vi.fn(() => ({ isMinimized: () => false })) }));
vi.mock('./settings-store', () => ({
  electronSettingsStorage: vi.fn(() => ({ read: () => ({}), write: vi.fn() })),
}));
vi.mock('../host-setup', () => ({
  createHostService: vi.fn(async () => {
    if (state.failStart) throw new Error('bad policy');
    return { handlers: {}, close: vi.fn(async () => undefined), restore: vi.fn(async () => undefined) };
  }),
}));

const load = async () => {
  vi.resetModules();
  const electron = await import('electron');
  const ipc = await import('./ipc');
  const window = await import('./window');
  const setup = await import('../host-setup');
  await import('../index');
  return { electron, ipc, window, setup };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the main module', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    delete process.env['ELECTRON_RENDERER_URL'];
    delete process.env['ADMIT_DATA_DIR'];
    state.ready = null;
    state.failStart = false;
  });

  it('hardens before ready, then serves app://, trusts app://admit for IPC and opens the window', async () => {
    state.gotLock = true;
    const { electron, ipc, window, setup } = await load();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect((electron.app as unknown as EventEmitter).listenerCount('web-contents-created')).toBe(1);
    expect(electron.protocol.handle).not.toHaveBeenCalled();
    state.ready?.();
    await settle();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(ipc.registerIpc).toHaveBeenCalledWith(expect.any(Function), 'app://admit');
    expect(window.createMainWindow).toHaveBeenCalledWith('app://admit/index.html');
    const [adapters] = vi.mocked(setup.createHostService).mock.calls[0] ?? [];
    expect(adapters?.config.dataDir).toBe(path.resolve('/tmp/admit-user-data'));
    await expect(adapters?.openUrl?.('https://evil.example/')).rejects.toThrow(/only opens/);
    expect((electron.app as unknown as EventEmitter).listenerCount('second-instance')).toBe(1);
  });

  it('loads and trusts the dev server under electron-vite dev', async () => {
    state.gotLock = true;
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    const { ipc, window } = await load();
    state.ready?.();
    await settle();
    expect(ipc.registerIpc).toHaveBeenCalledWith(expect.any(Function), 'http://localhost:5173');
    expect(window.createMainWindow).toHaveBeenCalledWith('http://localhost:5173');
  });

  it('quits without starting anything when another instance is running', async () => {
    state.gotLock = false;
    const { electron, ipc } = await load();
    expect(electron.app.quit).toHaveBeenCalled();
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(ipc.registerIpc).not.toHaveBeenCalled();
  });

  it('keeps ADMIT_DATA_DIR when set, and reports a failed start instead of hanging', async () => {
    state.gotLock = true;
    state.failStart = true;
    process.env['ADMIT_DATA_DIR'] = '/tmp/admit-e2e';
    const { electron, setup } = await load();
    state.ready?.();
    await settle();
    const [adapters] = vi.mocked(setup.createHostService).mock.calls[0] ?? [];
    expect(adapters?.config.dataDir).toBe(path.resolve('/tmp/admit-e2e'));
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith('Admit could not start', 'bad policy');
    expect(electron.app.exit).toHaveBeenCalledWith(1);
  });
});
