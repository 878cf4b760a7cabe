import { describe, expect, it } from 'vitest';
import { METHOD_TIERS, TIER_CALLS_PER_MINUTE, callsPerMinute, tierOf } from './method-tiers';
import { methodNames, tierOfMethod } from '../../slack-facts';

describe('method tier table', () => {
  const tiers = methodNames().flatMap((m) => {
    const tier = tierOfMethod(m);
    return tier === undefined ? [] : [[m, tier] as const];
  });

  it('has the tier Slack documents for every method in the committed facts', () => {
    expect(tiers.length).toBeGreaterThan(20);
    expect(METHOD_TIERS).toEqual(Object.fromEntries(tiers));
  });

  it('knows the per-minute budget of every tier Slack uses', () => {
    for (const [, tier] of tiers) expect(TIER_CALLS_PER_MINUTE).toHaveProperty(tier);
    expect(TIER_CALLS_PER_MINUTE).toMatchObject({ t1: 1, t2: 20, t3: 50, t4: 100 });
  });

  it('treats unknown methods as tier 1', () => {
    expect(tierOf('admin.apps.unknown')).toBe('t1');
    expect(callsPerMinute('admin.apps.approve')).toBe(20);
    expect(callsPerMinute('admin.apps.uninstall')).toBe(1);
  });
});
