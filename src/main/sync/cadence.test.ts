import { describe, expect, it } from 'vitest';
import { budgetIntervalMs, createCadence, MAX_BACKOFF } from './cadence';

// Slack's tiers: requests.list is Tier 2 (20 a minute), admin.teams.list Tier 3 (50 a minute).
const perMinute = (method: string): number => (method === 'admin.teams.list' ? 50 : 20);
const MINUTE = 60_000;

describe('refresh cadence', () => {
  it('keeps a refresh of 61 requests.list calls within half of Tier 2: one every 6.1 minutes', () => {
    expect(budgetIntervalMs({ 'admin.apps.requests.list': 61, 'admin.teams.list': 1 }, perMinute)).toBe(
      6.1 * MINUTE,
    );
  });

  it('uses the base interval while the budget allows it, and before anything was measured', () => {
    const c = createCadence({ baseMs: 5 * MINUTE, callsPerMinute: perMinute });
    expect(c.nextMs()).toBe(5 * MINUTE);
    c.record({ 'admin.apps.requests.list': 21 }, false);
    expect(c.nextMs()).toBe(5 * MINUTE);
  });

  it('grows with the org: 201 calls at 200 workspaces wait 20.1 minutes', () => {
    const c = createCadence({ baseMs: 5 * MINUTE, callsPerMinute: perMinute });
    c.record({ 'admin.apps.requests.list': 201 }, false);
    expect(c.nextMs()).toBeCloseTo(20.1 * MINUTE);
  });

  it('doubles after a 429, up to a cap, and recovers slowly after clean refreshes', () => {
    const c = createCadence({ baseMs: 5 * MINUTE, callsPerMinute: perMinute });
    c.record({ 'admin.apps.requests.list': 10 }, true);
    expect(c.nextMs()).toBe(10 * MINUTE);
    for (let i = 0; i < 10; i++) c.record({ 'admin.apps.requests.list': 10 }, true);
    expect(c.backoff()).toBe(MAX_BACKOFF);
    c.record({ 'admin.apps.requests.list': 10 }, false);
    expect(c.backoff()).toBeCloseTo(MAX_BACKOFF * 0.8);
    expect(c.backoff()).toBeGreaterThan(1); // one clean refresh does not undo the back-off
    for (let i = 0; i < 20; i++) c.record({ 'admin.apps.requests.list': 10 }, false);
    expect(c.backoff()).toBe(1);
  });

  it('shrinks Slack’s window by the limiter’s scale (simulator runs)', () => {
    expect(budgetIntervalMs({ 'admin.apps.requests.list': 61 }, perMinute, 0.5, 60)).toBeCloseTo(6100);
  });
});
