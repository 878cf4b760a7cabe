import { describe, expect, it } from 'vitest';
import { BUDGET_SHARE, createRateLimiter } from './rate-limiter';
import { createFakeClock, type FakeClock } from '../time/test-support/fake-clock';

const ORG = 'E0000001';

async function startTimes(clock: FakeClock, runs: Promise<void>[]): Promise<number[]> {
  const times: number[] = [];
  runs.forEach((p) => void p.then(() => times.push(clock.now())));
  await clock.runAll();
  await Promise.all(runs);
  return times.sort((a, b) => a - b);
}

describe('createRateLimiter', () => {
  it('spaces calls evenly within the tier budget, with 5% headroom (t2: 20/min → one every ~3.16 s)', async () => {
    const clock = createFakeClock(0);
    const limiter = createRateLimiter(clock);
    const i = limiter.intervalMs('admin.apps.approve');
    expect(i).toBeCloseTo(3000 / BUDGET_SHARE);
    const runs = Array.from({ length: 5 }, () => limiter.acquire(ORG, 'admin.apps.approve'));
    expect(await startTimes(clock, runs)).toEqual([0, i, 2 * i, 3 * i, 4 * i]);
  });

  it('never exceeds the per-minute budget inside any one-minute window', async () => {
    const clock = createFakeClock(0);
    const limiter = createRateLimiter(clock);
    const runs = Array.from({ length: 120 }, () => limiter.acquire(ORG, 'admin.teams.list'));
    const times = await startTimes(clock, runs);
    for (const t of times)
      expect(times.filter((x) => x >= t && x < t + 60_000).length).toBeLessThanOrEqual(50);
  });

  it('keeps separate budgets per method and per org', async () => {
    const clock = createFakeClock(0);
    const limiter = createRateLimiter(clock);
    const runs = [
      limiter.acquire(ORG, 'admin.apps.uninstall'),
      limiter.acquire(ORG, 'admin.apps.approve'),
      limiter.acquire('E0000002', 'admin.apps.uninstall'),
    ];
    expect(await startTimes(clock, runs)).toEqual([0, 0, 0]);
    const second = limiter.acquire(ORG, 'admin.apps.uninstall');
    expect(await startTimes(clock, [second])).toEqual([60_000 / BUDGET_SHARE]);
  });

  it('scale shrinks the window (scale 60 → per-second budgets)', async () => {
    const clock = createFakeClock(0);
    const limiter = createRateLimiter({ ...clock, scale: 60 });
    const i = limiter.intervalMs('admin.apps.approve');
    expect(i).toBeCloseTo(50 / BUDGET_SHARE);
    const runs = Array.from({ length: 3 }, () => limiter.acquire(ORG, 'admin.apps.approve'));
    expect(await startTimes(clock, runs)).toEqual([0, i, 2 * i]);
  });

  it('pause holds the method back for Retry-After, including calls already waiting', async () => {
    const clock = createFakeClock(1_000);
    const limiter = createRateLimiter(clock);
    await limiter.acquire(ORG, 'admin.apps.approve'); // t=1000
    const waiting = limiter.acquire(ORG, 'admin.apps.approve'); // slot 4000
    limiter.pause(ORG, 'admin.apps.approve', 30_000); // until 31000
    const later = limiter.acquire(ORG, 'admin.apps.approve');
    const times = await startTimes(clock, [waiting, later]);
    expect(times[0]).toBeGreaterThanOrEqual(31_000);
    expect(times[1]).toBeGreaterThanOrEqual((times[0] ?? 0) + limiter.intervalMs('admin.apps.approve'));
    // Other methods are not held back.
    const other = limiter.acquire(ORG, 'admin.apps.restrict');
    expect(await startTimes(clock, [other])).toEqual([clock.now()]);
  });

  it('reports an ETA for queued calls, including a pause', async () => {
    const clock = createFakeClock(0);
    const limiter = createRateLimiter(clock);
    expect(limiter.etaMs(ORG, 'admin.apps.approve', 0)).toBe(0);
    expect(limiter.etaMs(ORG, 'admin.apps.approve', 1)).toBe(0);
    const i = limiter.intervalMs('admin.apps.approve');
    expect(limiter.etaMs(ORG, 'admin.apps.approve', 10)).toBeCloseTo(9 * i);
    await limiter.acquire(ORG, 'admin.apps.approve');
    expect(limiter.etaMs(ORG, 'admin.apps.approve', 1)).toBeCloseTo(i);
    limiter.pause(ORG, 'admin.apps.approve', 10_000);
    // After a 429 the method goes at 40% of its pace (someone else spends the same budget).
    expect(limiter.etaMs(ORG, 'admin.apps.approve', 2)).toBeCloseTo(10_000 + i / 0.4);
    expect(limiter.etaMs(ORG, 'admin.apps.uninstall', 3)).toBeCloseTo(
      2 * limiter.intervalMs('admin.apps.uninstall'),
    );
  });

  it('cuts a method’s pace after a 429, once per pause, and wins it back a step per calm window', async () => {
    const clock = createFakeClock(0);
    const limiter = createRateLimiter({ ...clock, random: () => 0.5 }); // the average step
    const m = 'admin.apps.requests.list';
    const full = limiter.intervalMs(m);
    expect(limiter.intervalMs(m, ORG)).toBeCloseTo(full);
    limiter.pause(ORG, m, 5_000);
    limiter.pause(ORG, m, 5_000); // a second call drew the same window's 429: one halving
    expect(limiter.intervalMs(m, ORG)).toBeCloseTo(full / 0.4);
    expect(limiter.limitedCount(ORG)).toBe(2);
    expect(limiter.limitedCount('E0OTHER')).toBe(0);
    expect(limiter.intervalMs(m, 'E0OTHER')).toBeCloseTo(full); // other orgs are not slowed
    await clock.advanceAsync(5_000 + 60_000); // one calm window after the pause
    const share = (ms: number): number => 60_000 / 20 / ms;
    expect(share(limiter.intervalMs(m, ORG))).toBeCloseTo(0.95 * 0.4 + 0.02);
    await clock.advanceAsync(180 * 60_000); // long calm: back to the full pace, never above it
    expect(limiter.intervalMs(m, ORG)).toBeCloseTo(full);
  });

  it('climbs back quickly to just under the pace that drew the 429, then only creeps', async () => {
    const clock = createFakeClock(0);
    const limiter = createRateLimiter({ ...clock, random: () => 0.5 });
    const m = 'admin.apps.requests.list';
    const share = (): number => 60_000 / 20 / limiter.intervalMs(m, ORG);
    limiter.pause(ORG, m, 1);
    await clock.advanceAsync(1 + 60 * 60_000); // an hour of calm windows
    // The ceiling is 90% of 0.95; an hour above it adds a tenth of the step a window.
    expect(share()).toBeGreaterThanOrEqual(0.95 * 0.9);
    expect(share()).toBeLessThan(0.95 * 0.9 + 60 * 0.002 + 1e-9);
  });

  it('rejects a non-positive scale', () => {
    expect(() => createRateLimiter({ scale: 0 })).toThrow(/scale/);
  });
});
