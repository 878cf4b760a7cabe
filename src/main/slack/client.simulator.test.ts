import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDemoOrg, generateOrg, startSimulator, type Simulator } from '../../simulator';
import type { AppRequest } from '../../shared/models';
import { toSlackTarget } from './target';
import { createSlackAdminClient, type SlackAdminClient } from './client';
import { SlackApiError } from './errors';
import { createRateLimiter } from './rate-limiter';

async function failure(p: Promise<unknown>): Promise<SlackApiError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SlackApiError);
  return e as SlackApiError;
}

function clientFor(sim: Simulator, scale = 10_000, fetchImpl: typeof fetch = fetch): SlackAdminClient {
  return createSlackAdminClient({
    token: sim.adminToken,
    apiUrl: sim.apiUrl,
    orgId: sim.enterpriseId,
    fetch: fetchImpl,
    limiter: createRateLimiter({ scale }),
    timeoutMs: 2_000,
  });
}

/** Every pending request of the org, read the way Admit reads it: each workspace, then the org. */
async function allRequests(client: SlackAdminClient, enterpriseId: string): Promise<AppRequest[]> {
  const out: AppRequest[] = [];
  for (const team of (await client.listTeams()).items) {
    const listed = await client.listRequests({ team_id: team.id });
    expect(listed.skipped).toEqual([]);
    out.push(...listed.items);
  }
  const org = await client.listRequests({ enterprise_id: enterpriseId });
  expect(org.skipped).toEqual([]);
  return [...out, ...org.items];
}

describe('every method against the simulator (demo org)', () => {
  let sim: Simulator;
  let client: SlackAdminClient;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, rateScale: 0, org: createDemoOrg() });
  });
  afterAll(() => sim.close());
  beforeEach(() => {
    sim.state.reset();
    sim.faults.clear();
    client = clientFor(sim);
  });

  it('api.test, auth.test, admin.teams.list, and every call goes through the injected fetch', async () => {
    const spy = vi.fn(fetch);
    client = clientFor(sim, 10_000, spy as typeof fetch);
    await client.apiTest();
    expect(await client.authTest()).toMatchObject({ enterprise_id: sim.enterpriseId });
    const teams = await client.listTeams();
    expect(teams.items.length).toBe(sim.state.teams.size);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('lists every pending request across workspaces and the org, certified and whole-org ones included', async () => {
    const all = await allRequests(client, sim.enterpriseId);
    expect(all).toHaveLength(sim.state.pending.size);
    expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
    const orgLevel = all.filter((r) => r.level === 'org');
    expect(orgLevel.length).toBeGreaterThanOrEqual(3);
    for (const r of orgLevel) expect(r.target).toEqual({ enterpriseId: sim.enterpriseId });
  });

  it('approve, then a second approve is a conflict', async () => {
    const req = (await allRequests(client, sim.enterpriseId)).find(
      (r) => r.level === 'workspace' && r.scopes.some((s) => s.token_type === 'bot'),
    );
    if (!req) throw new Error('demo org has no workspace requests');
    const where = toSlackTarget(req.target);
    const scopes = req.scopes.filter((s) => s.token_type === 'bot').map((s) => s.name);
    const users = req.scopes.filter((s) => s.token_type === 'user').map((s) => s.name);
    await client.approve({
      request_id: req.id,
      ...where,
      bot_scopes: scopes,
      ...(users.length > 0 ? { user_scopes: users } : {}),
    });
    expect(sim.state.closed.get(req.id)?.outcome).toBe('approved');
    const approved = await client.listApproved(where);
    expect(approved.items.map((a) => a.app.id)).toContain(req.app.id);
    const again = await failure(client.approve({ request_id: req.id, ...where }));
    expect(again).toMatchObject({ code: 'request_already_resolved', category: 'conflict' });
  });

  it('decides and cancels whole-org requests with request_id + enterprise_id', async () => {
    const [a, b] = (await allRequests(client, sim.enterpriseId)).filter((r) => r.level === 'org');
    if (!a || !b) throw new Error('demo org has too few whole-org requests');
    await client.restrict({ request_id: a.id, enterprise_id: sim.enterpriseId });
    expect(sim.state.closed.get(a.id)?.outcome).toBe('restricted');
    await client.cancelRequest({ request_id: b.id, enterprise_id: sim.enterpriseId });
    expect(sim.state.closed.get(b.id)?.outcome).toBe('cancelled');
  });

  it('restrict, clearResolution, cancel and uninstall', async () => {
    const [a, b] = (await allRequests(client, sim.enterpriseId)).filter((r) => r.level === 'workspace');
    if (!a || !b || !('teamId' in a.target)) throw new Error('demo org has too few requests');
    const team = a.target.teamId;
    await client.restrict({ request_id: a.id, team_id: team });
    expect((await client.listRestricted({ team_id: team })).items.map((r) => r.app.id)).toContain(a.app.id);
    await client.clearResolution({ app_id: a.app.id, team_id: team });
    const none = await failure(client.clearResolution({ app_id: a.app.id, team_id: team }));
    expect(none.category).toBe('conflict');
    await client.cancelRequest({ request_id: b.id, ...toSlackTarget(b.target) });
    expect(sim.state.closed.get(b.id)?.outcome).toBe('cancelled');
    await client.uninstall({ app_id: a.app.id, team_ids: [team] });
    expect(sim.state.uninstalls.at(-1)).toMatchObject({ app_id: a.app.id, team_ids: [team] });
    const protectedId = sim.state.org.protectedAppIds[0];
    if (protectedId) {
      const e = await failure(client.uninstall({ app_id: protectedId, enterprise_id: sim.enterpriseId }));
      expect(e.category).toBe('not_possible');
    }
  });

  it.each([
    [{ offline: 1 }, 'network'],
    [{ http503: 1 }, 'retryable'],
    [{ malformedJson: 1 }, 'network'],
    [{ tokenRevoked: 1 }, 'reauth'],
    [{ errorFor: { 'admin.teams.list': { error: 'not_an_admin', count: 1 } } }, 'permission'],
  ] as const)('fault %j → %s, one request, no SDK retry', async (fault, category) => {
    sim.faults.set(fault);
    const before = sim.state.calls.length;
    const e = await failure(client.listTeams());
    expect(e.category).toBe(category);
    expect(sim.state.calls.length - before).toBeLessThanOrEqual(1);
    await client.listTeams();
  });

  it('fatal_error after applying is uncertain', async () => {
    const req = (await allRequests(client, sim.enterpriseId))[0];
    if (!req) throw new Error('no requests');
    sim.faults.set({ fatalErrorAfterApply: 1 });
    const e = await failure(client.restrict({ request_id: req.id, ...toSlackTarget(req.target) }));
    expect(e).toMatchObject({ code: 'fatal_error', category: 'uncertain' });
  });
});

describe('pagination and rate limits against the simulator', () => {
  it('pages a 2,500-request workspace at limit 1000', async () => {
    const sim = await startSimulator({
      port: 0,
      rateScale: 0,
      org: generateOrg({ requests: 2500, workspaces: 1 }),
    });
    try {
      const client = clientFor(sim);
      const [team] = (await client.listTeams()).items;
      const pages: number[] = [];
      const all = await client.listRequests({ team_id: team?.id ?? '' }, (p) => pages.push(p.items.length));
      expect(all.items).toHaveLength(sim.state.pendingFor(team?.id ?? '').length);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...pages)).toBeLessThanOrEqual(1000);
      expect(new Set(all.items.map((r) => r.id)).size).toBe(all.items.length);
    } finally {
      await sim.close();
    }
  });

  it('our limiter keeps a burst inside the simulator’s tier budget: no 429', async () => {
    const sim = await startSimulator({ port: 0, rateScale: 60 });
    try {
      const client = clientFor(sim, 60);
      await Promise.all(Array.from({ length: 60 }, () => client.apiTest()));
      expect(sim.state.calls.filter((c) => c.status === 429)).toHaveLength(0);
    } finally {
      await sim.close();
    }
  });

  it('a 429 from the simulator becomes ratelimited with Retry-After, and the next call waits', async () => {
    const sim = await startSimulator({ port: 0, rateScale: 60 });
    try {
      const limiter = createRateLimiter({ scale: 1_000_000 });
      const client = createSlackAdminClient({
        token: sim.adminToken,
        apiUrl: sim.apiUrl,
        orgId: sim.enterpriseId,
        limiter,
      });
      // api.test, not a list: lists re-read a page after a 429, single calls hand it to the caller.
      const results = await Promise.allSettled(Array.from({ length: 300 }, () => client.apiTest()));
      const limited = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as SlackApiError] : []));
      expect(limited.length).toBeGreaterThan(0);
      expect(limited[0]).toMatchObject({ code: 'ratelimited', category: 'retryable' });
      expect(limited[0]?.retryAfterMs).toBeGreaterThanOrEqual(1000);
      const calls = sim.state.calls.length;
      const started = Date.now();
      await client.apiTest();
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(sim.state.calls.length).toBe(calls + 1);
    } finally {
      await sim.close();
    }
  });
});
