import { describe, expect, it, vi } from 'vitest';
import { createFakeClock } from '../time/test-support/fake-clock';
import { createRefreshScheduler, type SyncReason } from './refresh-scheduler';

const deferred = () => {
  let resolve: (v: number) => void = () => {};
  const promise = new Promise<number>((r) => (resolve = r));
  return { promise, resolve };
};

describe('createRefreshScheduler', () => {
  it('joins a sync already running instead of starting another', async () => {
    const d = deferred();
    const run = vi.fn((_reason: SyncReason) => d.promise);
    const s = createRefreshScheduler({ run, intervalMs: 1000, timers: createFakeClock().timers });
    const a = s.requestSync('manual');
    const b = s.requestSync('reconnect');
    expect(a).toBe(b);
    expect(s.isRunning()).toBe(true);
    d.resolve(7);
    expect(await b).toBe(7);
    expect(run).toHaveBeenCalledTimes(1);
    expect(s.isRunning()).toBe(false);
  });

  it('syncs on the interval, counted from the end of the last sync, and skips while offline', async () => {
    const time = createFakeClock();
    let online = true;
    const run = vi.fn(async () => 1);
    const s = createRefreshScheduler({ run, intervalMs: 1000, timers: time.timers, isOnline: () => online });
    s.start();
    time.advance(999);
    expect(run).not.toHaveBeenCalled();
    time.advance(1);
    expect(run).toHaveBeenCalledWith('interval');
    await new Promise((r) => setImmediate(r));
    online = false;
    time.advance(1000);
    expect(run).toHaveBeenCalledTimes(1);
    s.notifyReconnect();
    expect(run).toHaveBeenLastCalledWith('reconnect');
    s.stop();
    await new Promise((r) => setImmediate(r));
    expect(time.armed()).toBe(0);
  });

  it('reports failures of background syncs and keeps scheduling', async () => {
    const time = createFakeClock();
    const onError = vi.fn();
    const run = vi.fn(async () => {
      throw new Error('boom');
    });
    const s = createRefreshScheduler({ run, intervalMs: 10, timers: time.timers, onError });
    s.start();
    time.advance(10);
    await new Promise((r) => setImmediate(r));
    expect(onError).toHaveBeenCalledWith(new Error('boom'));
    expect(time.armed()).toBe(1);
  });
});
