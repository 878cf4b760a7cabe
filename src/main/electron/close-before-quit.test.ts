import { EventEmitter } from 'node:events';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { closeBeforeQuit } from './close-before-quit';

const fakeApp = () => Object.assign(new EventEmitter(), { quit: vi.fn() });
const quitEvent = () => ({ preventDefault: vi.fn() });

afterEach(() => vi.useRealTimers());

describe('closeBeforeQuit', () => {
  it('holds the quit until the service has closed, then quits once', async () => {
    const app = fakeApp();
    let finish: () => void = () => undefined;
    const close = vi.fn(() => new Promise<void>((r) => (finish = r)));
    closeBeforeQuit(app, close, vi.fn());
    const first = quitEvent();
    app.emit('before-quit', first);
    expect(first.preventDefault).toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
    const again = quitEvent(); // a second Cmd+Q while closing waits for the same close
    app.emit('before-quit', again);
    expect(again.preventDefault).toHaveBeenCalled();
    await Promise.resolve();
    expect(app.quit).not.toHaveBeenCalled();
    finish();
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    const last = quitEvent(); // the quit it asked for goes through
    app.emit('before-quit', last);
    expect(last.preventDefault).not.toHaveBeenCalled();
    expect(close).toHaveBeenCalledTimes(1);
  });

  it('quits anyway when closing fails, saying why', async () => {
    const app = fakeApp();
    const onError = vi.fn();
    closeBeforeQuit(app, () => Promise.reject(new Error('disk full')), onError);
    app.emit('before-quit', quitEvent());
    await vi.waitFor(() => expect(app.quit).toHaveBeenCalledTimes(1));
    expect(onError).toHaveBeenCalledWith(expect.objectContaining({ message: 'disk full' }));
  });

  it('quits after the time limit when closing never ends', async () => {
    vi.useFakeTimers();
    const app = fakeApp();
    closeBeforeQuit(app, () => new Promise<void>(() => undefined), vi.fn(), 5_000);
    app.emit('before-quit', quitEvent());
    await vi.advanceTimersByTimeAsync(4_999);
    expect(app.quit).not.toHaveBeenCalled();
    await vi.advanceTimersByTimeAsync(1);
    expect(app.quit).toHaveBeenCalledTimes(1);
  });
});
