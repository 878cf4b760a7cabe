import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';

vi.mock('electron', () => ({}));

const { claimSingleInstance, focusWindow } = await import('./single-instance');

const fakeApp = (gotLock: boolean) =>
  Object.assign(new EventEmitter(), { requestSingleInstanceLock: vi.fn(() => gotLock), quit: vi.fn() });

const fakeWindow = (minimized: boolean) => ({
  isMinimized: vi.fn(() => minimized),
  isDestroyed: vi.fn(() => false),
  restore: vi.fn(),
  show: vi.fn(),
  focus: vi.fn(),
});

describe('single instance', () => {
  it('quits when another instance holds the lock', () => {
    const app = fakeApp(false);
    expect(claimSingleInstance(app as never, () => null)).toBe(false);
    expect(app.quit).toHaveBeenCalled();
    expect(app.listenerCount('second-instance')).toBe(0);
  });

  it('keeps running and focuses its window when a second instance starts', () => {
    const app = fakeApp(true);
    const window = fakeWindow(true);
    expect(claimSingleInstance(app as never, () => window)).toBe(true);
    expect(app.quit).not.toHaveBeenCalled();
    app.emit('second-instance', {}, [], '/');
    expect(window.restore).toHaveBeenCalled();
    expect(window.show).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
  });

  it('does not restore a window that is not minimized, and survives having none', () => {
    const window = fakeWindow(false);
    focusWindow(window);
    expect(window.restore).not.toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(() => focusWindow(null)).not.toThrow();
  });
});
