import { describe, expect, it } from 'vitest';
import { METHOD_TIERS, TIER_CALLS_PER_MINUTE, callsPerMinute, tierOf } from './method-tiers';
import { readMethodReferences } from './test-support/reference';

describe('method tier table', () => {
  const refs = readMethodReferences().filter((m) => m.rate_limits !== undefined);

  it('has the tier the reference gives for every method in slack-methods/', () => {
    expect(refs.length).toBeGreaterThan(20);
    const fromReference = Object.fromEntries(refs.map((m) => [m.method, m.rate_limits]));
    expect(METHOD_TIERS).toEqual(fromReference);
  });

  it('knows the per-minute budget of every tier the reference uses', () => {
    for (const m of refs) expect(TIER_CALLS_PER_MINUTE).toHaveProperty(m.rate_limits ?? '');
    expect(TIER_CALLS_PER_MINUTE).toMatchObject({ t1: 1, t2: 20, t3: 50, t4: 100 });
  });

  it('treats unknown methods as tier 1', () => {
    expect(tierOf('admin.apps.unknown')).toBe('t1');
    expect(callsPerMinute('admin.apps.approve')).toBe(20);
    expect(callsPerMinute('admin.apps.uninstall')).toBe(1);
  });
});
