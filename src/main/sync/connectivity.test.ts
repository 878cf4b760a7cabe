import { describe, expect, it, vi } from 'vitest';
import { createFakeClock } from '../time/test-support/fake-clock';
import { createConnectivityMonitor } from './connectivity';

const flush = () => new Promise((r) => setImmediate(r));

describe('createConnectivityMonitor', () => {
  it('treats OS hints as a reason to probe, not as the truth', async () => {
    const probe = vi.fn(async () => {});
    const m = createConnectivityMonitor({ probe, timers: createFakeClock().timers });
    expect(m.state()).toBe('unknown');
    m.hint(false);
    await flush();
    expect(probe).toHaveBeenCalledTimes(1);
    expect(m.state()).toBe('online');
  });

  it('goes offline on a network error, probes with backoff, and comes back online', async () => {
    const time = createFakeClock();
    let reachable = false;
    const probe = vi.fn(async () => {
      if (!reachable) throw Object.assign(new Error('down'), { category: 'network' });
    });
    const changes: string[] = [];
    const m = createConnectivityMonitor({ probe, timers: time.timers, random: () => 1 });
    m.onChange((s) => changes.push(s));
    m.reportNetworkError();
    expect(m.state()).toBe('offline');
    time.advance(2000);
    await flush();
    expect(probe).toHaveBeenCalledTimes(1);
    time.advance(3999);
    await flush();
    expect(probe).toHaveBeenCalledTimes(1);
    reachable = true;
    time.advance(1);
    await flush();
    expect(probe).toHaveBeenCalledTimes(2);
    expect(m.state()).toBe('online');
    expect(changes).toEqual(['offline', 'online']);
    expect(time.armed()).toBe(0);
  });

  it('counts a Slack error answer as reachable', async () => {
    const probe = vi.fn(async () => {
      throw Object.assign(new Error('invalid_auth'), { category: 'reauth' });
    });
    const m = createConnectivityMonitor({ probe, timers: createFakeClock().timers });
    expect(await m.probeNow()).toBe('online');
    m.reportNetworkError();
    m.reportReachable();
    expect(m.state()).toBe('online');
  });
});
