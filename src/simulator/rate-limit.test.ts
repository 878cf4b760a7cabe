import { describe, expect, it } from 'vitest';
import { METHODS } from './methods/registry';
import { createRateLimiter } from './rate-limit';
import { METHOD_TIERS } from '../main/slack/method-tiers';
import { setup } from './test-setup';

describe('rate tiers', () => {
  it('limits every served method by its tier in the one tested table', () => {
    for (const method of Object.keys(METHODS)) expect(METHOD_TIERS[method], method).toBeDefined();
  });

  it('computes Retry-After from the window start', () => {
    const limiter = createRateLimiter({ m: 't1' }, 1);
    expect(limiter.check('m', 'tok', 1_000)).toEqual({ ok: true });
    expect(limiter.check('m', 'tok', 21_000)).toEqual({ ok: false, retryAfterMs: 40_000 });
    expect(limiter.check('m', 'other', 21_000)).toEqual({ ok: true });
    expect(limiter.check('m', 'tok', 61_000)).toEqual({ ok: true });
  });
});

describe('rate limiting over HTTP', () => {
  it('answers 429 ratelimited with Retry-After once a tier is used up, per method and token', async () => {
    // rateScale 60 → 1-second windows; t2 allows 20 calls per window.
    const { call, sim } = await setup({ rateScale: 60 });
    const list = () => call('admin.apps.requests.list', { team_id: 'T0ACMEHQ001', limit: 1 });
    for (let i = 0; i < 20; i++) expect((await list()).status).toBe(200);
    const limited = await list();
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ ok: false, error: 'ratelimited' });
    expect(limited.headers.get('retry-after')).toBe('1');
    const ms = Number(limited.headers.get('x-simulator-retry-after-ms'));
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThanOrEqual(1000);
    // Other methods and other tokens have their own budget.
    expect((await call('auth.test')).status).toBe(200);
    expect(
      (await call('admin.apps.requests.list', { team_id: 'T0ACMEHQ001' }, { token: sim.state.issueToken() }))
        .status,
    ).toBe(200);
    await new Promise((r) => setTimeout(r, ms + 20));
    expect((await list()).status).toBe(200);
  });

  it('limits uninstall (tier 1) to one call per window', async () => {
    const { call, sim } = await setup({ rateScale: 600 });
    const appId = sim.state.pendingFor('T0ACMEHQ001')[0]!.app.id;
    const u = () => call('admin.apps.uninstall', { app_id: appId, team_ids: 'T0ACMEHQ001' });
    expect((await u()).status).toBe(200);
    const second = await u();
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('x-simulator-retry-after-ms'))).toBeLessThanOrEqual(100);
    expect(sim.state.uninstalls).toHaveLength(1);
  });

  it('Retry-After reflects the remaining window in seconds at scale 1', async () => {
    const { call, sim } = await setup({ rateScale: 1 });
    const appId = sim.state.pendingFor('T0ACMEHQ001')[0]!.app.id;
    await call('admin.apps.uninstall', { app_id: appId, team_ids: 'T0ACMEHQ001' });
    const limited = await call('admin.apps.uninstall', { app_id: appId, team_ids: 'T0ACMEHQ001' });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });
});
