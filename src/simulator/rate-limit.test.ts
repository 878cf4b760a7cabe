import { describe, expect, it } from 'vitest';
import { tierOfMethod } from '../slack-facts';
import { simTierOf, TIER_CALLS_PER_MINUTE } from './method-facts';
import { METHODS } from './methods/registry';
import { createRateLimiter } from './rate-limit';
import { HQ, setup, uncertifiedAt } from './test-support/simulator-setup';

const ORG_A = { clientId: 'app-a', orgId: 'E1' };

describe('rate tiers', () => {
  it('limits every served method by the tier Slack documents for it', () => {
    for (const method of Object.keys(METHODS)) {
      expect(simTierOf(method), method).toBeDefined();
      expect(simTierOf(method), method).toBe(tierOfMethod(method));
    }
    expect(simTierOf('admin.apps.uninstall')).toBe('t1');
    expect(simTierOf('admin.apps.requests.list')).toBe('t2');
    expect(TIER_CALLS_PER_MINUTE).toEqual({ t1: 1, t2: 20, t3: 50, t4: 100, t5: 100 });
  });

  it('computes Retry-After from the window start', () => {
    const limiter = createRateLimiter(1, () => 't1');
    expect(limiter.check('m', ORG_A, 1_000)).toEqual({ ok: true });
    expect(limiter.check('m', ORG_A, 21_000)).toEqual({ ok: false, retryAfterMs: 40_000 });
    expect(limiter.check('m', ORG_A, 61_000)).toEqual({ ok: true });
  });

  it('keys windows by app and org and method, not by token', () => {
    const limiter = createRateLimiter(1, () => 't1');
    expect(limiter.check('m', ORG_A, 0).ok).toBe(true);
    expect(limiter.check('m', ORG_A, 1).ok).toBe(false);
    expect(limiter.check('other', ORG_A, 1).ok).toBe(true);
    expect(limiter.check('m', { clientId: 'app-b', orgId: 'E1' }, 1).ok).toBe(true);
    expect(limiter.check('m', { clientId: 'app-a', orgId: 'E2' }, 1).ok).toBe(true);
  });
});

describe('rate limiting over HTTP', () => {
  it('answers 429 ratelimited with Retry-After once a tier is used up', async () => {
    // rateScale 60 → 1-second windows; t2 allows 20 calls per window.
    const { call } = await setup({ rateScale: 60 });
    const list = () => call('admin.apps.requests.list', { team_id: HQ, limit: 1 });
    for (let i = 0; i < 20; i++) expect((await list()).status).toBe(200);
    const limited = await list();
    expect(limited.status).toBe(429);
    expect(limited.body).toEqual({ ok: false, error: 'ratelimited' });
    expect(limited.headers.get('retry-after')).toBe('1');
    const ms = Number(limited.headers.get('x-simulator-retry-after-ms'));
    expect(ms).toBeGreaterThan(0);
    expect(ms).toBeLessThanOrEqual(1000);
    // Another method has its own budget.
    expect((await call('auth.test')).status).toBe(200);
    await new Promise((r) => setTimeout(r, ms + 20));
    expect((await list()).status).toBe(200);
  });

  it('shares one window between two tokens of the same app; another app has its own', async () => {
    const { call, sim } = await setup({ rateScale: 60 });
    const sameApp = sim.state.issueToken();
    const otherApp = sim.state.issueToken({ clientId: '9999999999.8888888888' });
    const list = (token: string) => call('admin.apps.requests.list', { team_id: HQ, limit: 1 }, { token });
    for (let i = 0; i < 10; i++) expect((await list(sim.adminToken)).status).toBe(200);
    for (let i = 0; i < 10; i++) expect((await list(sameApp)).status).toBe(200);
    expect((await list(sameApp)).status).toBe(429);
    expect((await list(sim.adminToken)).status).toBe(429);
    expect((await list(otherApp)).status).toBe(200);
  });

  it('limits uninstall (tier 1) to one call per window', async () => {
    const { call, sim } = await setup({ rateScale: 600 });
    const appId = uncertifiedAt(sim, HQ)[0]!.app.id;
    const u = () => call('admin.apps.uninstall', { app_id: appId, team_ids: HQ });
    expect((await u()).status).toBe(200);
    const second = await u();
    expect(second.status).toBe(429);
    expect(Number(second.headers.get('x-simulator-retry-after-ms'))).toBeLessThanOrEqual(100);
    expect(sim.state.uninstalls).toHaveLength(1);
  });

  it('Retry-After reflects the remaining window in seconds at scale 1', async () => {
    const { call, sim } = await setup({ rateScale: 1 });
    const appId = uncertifiedAt(sim, HQ)[0]!.app.id;
    await call('admin.apps.uninstall', { app_id: appId, team_ids: HQ });
    const limited = await call('admin.apps.uninstall', { app_id: appId, team_ids: HQ });
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThanOrEqual(59);
    expect(Number(limited.headers.get('retry-after'))).toBeLessThanOrEqual(60);
  });
});
