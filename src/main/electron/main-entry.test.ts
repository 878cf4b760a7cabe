/** The main module (src/main/index.ts) with a mocked Electron: hardening order, lock, IPC trust base, window, release rules, log. */
import { EventEmitter } from 'node:events';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { E2E_BUILD_MARKER } from './launch-switches';

const state = vi.hoisted(() => ({
  gotLock: true,
  failStart: false,
  isPackaged: false,
  userData: '',
  ready: null as null | (() => void),
}));
state.userData = mkdtempSync(path.join(os.tmpdir(), 'admit-user-data-'));

vi.mock('electron', async () => {
  const { EventEmitter: Emitter } = await import('node:events');
  const app = Object.assign(new Emitter(), {
    enableSandbox: vi.fn(),
    requestSingleInstanceLock: vi.fn(() => state.gotLock),
    quit: vi.fn(),
    whenReady: vi.fn(() => new Promise<void>((resolve) => (state.ready = resolve))),
    getPath: vi.fn(() => state.userData),
    getVersion: vi.fn(() => '0.1.0'),
    exit: vi.fn(),
    commandLine: { hasSwitch: vi.fn(() => false), removeSwitch: vi.fn() },
  });
  Object.defineProperty(app, 'isPackaged', { get: () => state.isPackaged });
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
  electronWindowStateStorage: vi.fn(() => ({ read: () => undefined, write: vi.fn() })),
}));
// The data-folder lock is a real OS lock (its own tests cover it); here it only has to be taken.
vi.mock('../data-lock', () => ({
  acquireDataLock: vi.fn(() => ({ release: vi.fn(), setAddress: vi.fn() })),
  DataFolderInUseError: class DataFolderInUseError extends Error {},
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
  const lock = await import('../data-lock');
  await import('../index');
  return { electron, ipc, window, setup, lock };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
const argv = process.argv;
const resourcesPath = process.resourcesPath;
const setResourcesPath = (value: string | undefined) =>
  Object.defineProperty(process, 'resourcesPath', { value, configurable: true, writable: true });

describe('the main module', () => {
  beforeEach(() => {
    vi.clearAllMocks();
    delete process.env['ELECTRON_RENDERER_URL'];
    delete process.env['ADMIT_DATA_DIR'];
    delete process.env['ADMIT_SLACK_CLIENT_ID'];
    state.ready = null;
    state.failStart = false;
    state.isPackaged = false;
    vi.spyOn(process.stderr, 'write').mockImplementation(() => true); // development runs mirror the log
  });
  afterEach(() => {
    vi.restoreAllMocks();
    process.argv = argv;
    setResourcesPath(resourcesPath);
  });
  afterAll(() => rmSync(state.userData, { recursive: true, force: true }));

  it('hardens before ready, then serves app://, trusts app://admit for IPC and opens the window', async () => {
    state.gotLock = true;
    const { electron, ipc, window, setup, lock } = await load();
    expect(electron.app.enableSandbox).toHaveBeenCalled();
    expect(electron.protocol.registerSchemesAsPrivileged).toHaveBeenCalled();
    expect((electron.app as unknown as EventEmitter).listenerCount('web-contents-created')).toBe(1);
    expect(electron.protocol.handle).not.toHaveBeenCalled();
    state.ready?.();
    await settle();
    expect(electron.protocol.handle).toHaveBeenCalledWith('app', expect.any(Function));
    expect(ipc.registerIpc).toHaveBeenCalledWith(expect.any(Function), 'app://admit', expect.anything());
    expect(window.createMainWindow).toHaveBeenCalledWith('app://admit/index.html', {
      devTools: true,
      windowState: expect.objectContaining({ read: expect.any(Function) }),
    });
    const [adapters] = vi.mocked(setup.createHostService).mock.calls[0] ?? [];
    expect(adapters?.config.dataDir).toBe(path.resolve(state.userData));
    expect(lock.acquireDataLock).toHaveBeenCalledWith(path.resolve(state.userData), expect.anything());
    await expect(adapters?.openUrl?.('https://evil.example/')).rejects.toThrow(/only opens/);
    expect((electron.app as unknown as EventEmitter).listenerCount('second-instance')).toBe(1);
  });

  it('holds the quit until the service has closed and the data folder is released', async () => {
    state.gotLock = true;
    const { electron, setup, lock } = await load();
    state.ready?.();
    await settle();
    const service = await vi.mocked(setup.createHostService).mock.results.at(-1)?.value;
    const taken = vi.mocked(lock.acquireDataLock).mock.results.at(-1)?.value as { release: () => void };
    const event = { preventDefault: vi.fn() };
    (electron.app as unknown as EventEmitter).emit('before-quit', event);
    expect(event.preventDefault).toHaveBeenCalled();
    await vi.waitFor(() => expect(electron.app.quit).toHaveBeenCalled());
    expect(service.close).toHaveBeenCalled();
    expect(taken.release).toHaveBeenCalled();
  });

  it('loads and trusts the dev server under electron-vite dev', async () => {
    state.gotLock = true;
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    const { ipc, window } = await load();
    state.ready?.();
    await settle();
    expect(ipc.registerIpc).toHaveBeenCalledWith(
      expect.any(Function),
      'http://localhost:5173',
      expect.anything(),
    );
    expect(window.createMainWindow).toHaveBeenCalledWith('http://localhost:5173', {
      devTools: true,
      windowState: expect.objectContaining({ read: expect.any(Function) }),
    });
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

  it('in a release, ignores the dev server, ADMIT_* and SLACK_API_URL, and keeps DevTools off', async () => {
    state.gotLock = true;
    state.isPackaged = true;
    process.env['ELECTRON_RENDERER_URL'] = 'http://localhost:5173';
    process.env['ADMIT_DATA_DIR'] = '/tmp/admit-elsewhere';
    process.env['ADMIT_SLACK_CLIENT_ID'] = '1.2';
    const { ipc, window, setup } = await load();
    state.ready?.();
    await settle();
    expect(ipc.registerIpc).toHaveBeenCalledWith(expect.any(Function), 'app://admit', expect.anything());
    expect(window.createMainWindow).toHaveBeenCalledWith('app://admit/index.html', {
      devTools: false,
      windowState: expect.objectContaining({ read: expect.any(Function) }),
    });
    const [adapters, env] = vi.mocked(setup.createHostService).mock.calls[0] ?? [];
    expect(adapters?.config.dataDir).toBe(path.resolve(state.userData));
    expect(
      Object.keys(env ?? {}).filter((k) => k.startsWith('ADMIT_') || k === 'ELECTRON_RENDERER_URL'),
    ).toEqual([]);
    expect(adapters?.policyIO.env['ADMIT_SLACK_CLIENT_ID']).toBeUndefined();
    expect(process.env['ADMIT_SLACK_CLIENT_ID']).toBeUndefined(); // gone for every later reader too
  });

  it('in a release, refuses --remote-debugging-port and quits before anything starts', async () => {
    state.gotLock = true;
    state.isPackaged = true;
    process.argv = ['/opt/Admit/admit', '--remote-debugging-port=9222'];
    const { electron, ipc } = await load();
    expect(electron.app.commandLine.removeSwitch).toHaveBeenCalledWith('remote-debugging-port');
    expect(electron.dialog.showErrorBox).toHaveBeenCalledWith(
      'Admit cannot start',
      expect.stringContaining('--remote-debugging-port'),
    );
    expect(electron.app.exit).toHaveBeenCalledWith(1);
    expect(electron.app.whenReady).not.toHaveBeenCalled();
    expect(electron.app.enableSandbox).not.toHaveBeenCalled();
    expect(ipc.registerIpc).not.toHaveBeenCalled();
  });

  it('the e2e build keeps its development switches', async () => {
    state.gotLock = true;
    state.isPackaged = true;
    const resources = mkdtempSync(path.join(os.tmpdir(), 'admit-resources-'));
    writeFileSync(path.join(resources, E2E_BUILD_MARKER), '');
    setResourcesPath(resources);
    process.env['ADMIT_DATA_DIR'] = state.userData;
    process.argv = ['/opt/Admit/admit', '--inspect=0', '--remote-debugging-port=0'];
    const { electron, window, setup } = await load();
    state.ready?.();
    await settle();
    rmSync(resources, { recursive: true, force: true });
    expect(electron.app.exit).not.toHaveBeenCalled();
    expect(window.createMainWindow).toHaveBeenCalledWith('app://admit/index.html', {
      devTools: true,
      windowState: expect.objectContaining({ read: expect.any(Function) }),
    });
    const [, env] = vi.mocked(setup.createHostService).mock.calls[0] ?? [];
    expect(env?.['ADMIT_DATA_DIR']).toBe(state.userData);
  });

  it('writes its log to <data dir>/logs/admit.log, and logs a failed start', async () => {
    state.gotLock = true;
    state.failStart = true;
    const { setup } = await load();
    state.ready?.();
    await settle();
    const [adapters] = vi.mocked(setup.createHostService).mock.calls[0] ?? [];
    expect(adapters?.logger).toBeDefined();
    const lines = readFileSync(path.join(state.userData, 'logs', 'admit.log'), 'utf8')
      .trimEnd()
      .split('\n');
    const events = lines.map((l) => (JSON.parse(l) as { event: string }).event);
    expect(events).toEqual(expect.arrayContaining(['app.start', 'app.start_failed']));
  });
});
