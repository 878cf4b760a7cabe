import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const openExternal = vi.fn(async () => undefined);
const windows: FakeWindow[] = [];

/** A webContents: an emitter that records its window-open handler. */
class FakeContents extends EventEmitter {
  openHandler: ((details: { url: string }) => { action: string }) | null = null;
  setWindowOpenHandler = vi.fn((handler: (details: { url: string }) => { action: string }) => {
    this.openHandler = handler;
  });
}

/** A BrowserWindow with the parts window.ts uses. */
class FakeWindow extends EventEmitter {
  webContents = new FakeContents();
  loadURL = vi.fn(async () => undefined);
  show = vi.fn();
  maximize = vi.fn();
  bounds = { x: 0, y: 0, width: 0, height: 0 };
  getNormalBounds = () => this.bounds;
  isMaximized = () => false;
  isMinimized = () => false;
  isFullScreen = () => false;
  isDestroyed = () => false;
  constructor(public options: { webPreferences: Record<string, unknown> } & Record<string, unknown>) {
    super();
    windows.push(this);
  }
}

// One 1440×900 laptop display with a menu bar.
const display = { id: 1, workArea: { x: 0, y: 25, width: 1440, height: 875 } };
vi.mock('electron', () => ({
  shell: { openExternal },
  BrowserWindow: FakeWindow,
  screen: { getPrimaryDisplay: () => display, getAllDisplays: () => [display] },
}));

const { guardWebContents, installWebContentsGuard } = await import('./web-contents-guard');
const { createMainWindow } = await import('./window');

const guarded = () => {
  const contents = new FakeContents();
  guardWebContents(contents as never);
  return contents;
};

const prevented = (contents: EventEmitter, name: string, ...args: unknown[]) => {
  const event = { preventDefault: vi.fn() };
  contents.emit(name, event, ...args);
  return event.preventDefault.mock.calls.length > 0;
};

describe('guardWebContents', () => {
  beforeEach(() => vi.clearAllMocks());

  it.each(['will-navigate', 'will-frame-navigate'])('denies %s', (name) => {
    expect(prevented(guarded(), name, { url: 'https://evil.example/' })).toBe(true);
  });

  it('denies attaching a webview', () => {
    const params = { src: 'https://evil.example/' };
    expect(prevented(guarded(), 'will-attach-webview', {}, params)).toBe(true);
  });

  it('picks no Bluetooth device', () => {
    const contents = guarded();
    const callback = vi.fn();
    expect(prevented(contents, 'select-bluetooth-device', [{ deviceId: 'b' }], callback)).toBe(true);
    expect(callback).toHaveBeenCalledWith('');
  });

  it('denies every new window and opens only allowed https links outside', async () => {
    const contents = guarded();
    expect(contents.openHandler?.({ url: 'https://slack.com/apps/A1' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'https://evil.example/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'http://slack.com/' })).toEqual({ action: 'deny' });
    expect(contents.openHandler?.({ url: 'app://admit/index.html' })).toEqual({ action: 'deny' });
    await Promise.resolve();
    expect(openExternal.mock.calls).toEqual([['https://slack.com/apps/A1']]);
  });

  it('is applied to every webContents the app creates', () => {
    const app = new EventEmitter();
    installWebContentsGuard(app as never);
    const contents = new FakeContents();
    app.emit('web-contents-created', {}, contents);
    expect(contents.setWindowOpenHandler).toHaveBeenCalled();
    expect(prevented(contents, 'will-navigate', {})).toBe(true);
    expect(prevented(contents, 'will-attach-webview', {}, {})).toBe(true);
  });
});

describe('createMainWindow', () => {
  it('is sandboxed, isolated, without Node or webviews, guarded, and loads the given URL', () => {
    const window = createMainWindow('app://admit/index.html') as unknown as FakeWindow;
    expect(window.options.webPreferences).toMatchObject({
      sandbox: true,
      contextIsolation: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      webviewTag: false,
      devTools: false,
    });
    expect(String(window.options.webPreferences['preload'])).toMatch(/preload[\\/]index\.cjs$/);
    expect(window.loadURL).toHaveBeenCalledWith('app://admit/index.html');
    expect(prevented(window.webContents, 'will-navigate', {})).toBe(true);
    expect(window.webContents.openHandler?.({ url: 'https://x.example/' })).toEqual({ action: 'deny' });
    window.emit('ready-to-show');
    expect(window.show).toHaveBeenCalled();
  });

  it('opens where it was left (on screen only) and saves its place after a move and when it closes', () => {
    const written: unknown[] = [];
    const windowState = {
      read: () => ({ x: 50, y: 60, width: 1100, height: 700 }),
      write: vi.fn((s) => written.push(s)),
    };
    vi.useFakeTimers();
    try {
      const window = createMainWindow('app://admit/index.html', { windowState }) as unknown as FakeWindow;
      expect(window.options).toMatchObject({ x: 50, y: 60, width: 1100, height: 700, minWidth: 880 });
      window.bounds = { x: 80, y: 90, width: 1000, height: 650 };
      window.emit('move');
      window.emit('resize');
      expect(written).toEqual([]); // not on every event of a drag
      vi.advanceTimersByTime(1000);
      expect(written).toEqual([{ x: 80, y: 90, width: 1000, height: 650, maximized: false }]);
      window.emit('close');
      expect(written).toHaveLength(2);
      // Saved on a monitor that is gone: it opens on this display, never off screen.
      const away = { read: () => ({ x: 3000, y: 60, width: 1100, height: 700 }), write: vi.fn() };
      const moved = createMainWindow('app://admit/index.html', {
        windowState: away,
      }) as unknown as FakeWindow;
      expect(moved.options['x']).toBeUndefined();
      expect(moved.options).toMatchObject({ width: 1100, height: 700 });
    } finally {
      vi.useRealTimers();
    }
  });

  it('has DevTools only when the launch allows development switches', () => {
    const dev = createMainWindow('http://localhost:5173', { devTools: true }) as unknown as FakeWindow;
    expect(dev.options.webPreferences['devTools']).toBe(true);
    const release = createMainWindow('app://admit/index.html', { devTools: false }) as unknown as FakeWindow;
    expect(release.options.webPreferences['devTools']).toBe(false);
  });
});
