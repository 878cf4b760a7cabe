import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createDemoOrg, generateOrg, startSimulator, type Simulator } from '../../simulator';
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
    expect(teams.length).toBe(sim.state.teams.size);
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it('lists every pending request across workspaces, each parsed', async () => {
    let total = 0;
    for (const team of await client.listTeams()) {
      total += (await client.listRequests({ team_id: team.id })).length;
    }
    total += (await client.listRequests({ enterprise_id: sim.enterpriseId })).length;
    expect(total).toBe(sim.state.pending.size);
  });

  it('approve, then a second approve is a conflict', async () => {
    const req = [...sim.state.pending.values()][0];
    if (!req) throw new Error('demo org has no requests');
    const scopes = req.scopes.filter((s) => s.token_type === 'bot').map((s) => s.name);
    await client.approve({ request_id: req.id, team_id: req.team.id, bot_scopes: scopes });
    expect(sim.state.closed.get(req.id)?.outcome).toBe('approved');
    const approved = await client.listApproved({ team_id: req.team.id });
    expect(approved.map((a) => a.app.id)).toContain(req.app.id);
    const again = await failure(client.approve({ request_id: req.id, team_id: req.team.id }));
    expect(again).toMatchObject({ code: 'request_already_resolved', category: 'conflict' });
  });

  it('restrict, clearResolution, cancel and uninstall', async () => {
    const [a, b] = [...sim.state.pending.values()];
    if (!a || !b) throw new Error('demo org has too few requests');
    await client.restrict({ request_id: a.id, team_id: a.team.id });
    expect((await client.listRestricted({ team_id: a.team.id })).map((r) => r.app.id)).toContain(a.app.id);
    await client.clearResolution({ app_id: a.app.id, team_id: a.team.id });
    const none = await failure(client.clearResolution({ app_id: a.app.id, team_id: a.team.id }));
    expect(none.category).toBe('conflict');
    await client.cancelRequest({ request_id: b.id, team_id: b.team.id });
    expect(sim.state.closed.get(b.id)?.outcome).toBe('cancelled');
    await client.uninstall({ app_id: a.app.id, team_ids: [a.team.id] });
    expect(sim.state.uninstalls.at(-1)).toMatchObject({ app_id: a.app.id, team_ids: [a.team.id] });
    const protectedId = sim.state.org.protectedAppIds[0];
    if (protectedId) {
      const e = await failure(client.uninstall({ app_id: protectedId, enterprise_id: sim.enterpriseId }));
      expect(e.category).toBe('not_possible');
    }
  });

  it.each([
    [{ offline: 1 }, 'network'],
    [{ http503: 1 }, 'network'],
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
    const req = [...sim.state.pending.values()][0];
    if (!req) throw new Error('no requests');
    sim.faults.set({ fatalErrorAfterApply: 1 });
    const e = await failure(client.restrict({ request_id: req.id, team_id: req.team.id }));
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
      const [team] = await client.listTeams();
      const pages: number[] = [];
      const all = await client.listRequests({ team_id: team?.id ?? '' }, (p) => pages.push(p.items.length));
      expect(all).toHaveLength(sim.state.pendingFor(team?.id ?? '').length);
      expect(pages.length).toBeGreaterThanOrEqual(3);
      expect(Math.max(...pages)).toBeLessThanOrEqual(1000);
      expect(new Set(all.map((r) => r.id)).size).toBe(all.length);
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
      const results = await Promise.allSettled(Array.from({ length: 120 }, () => client.listTeams()));
      const limited = results.flatMap((r) => (r.status === 'rejected' ? [r.reason as SlackApiError] : []));
      expect(limited.length).toBeGreaterThan(0);
      expect(limited[0]).toMatchObject({ code: 'ratelimited', category: 'retryable' });
      expect(limited[0]?.retryAfterMs).toBeGreaterThanOrEqual(1000);
      const calls = sim.state.calls.length;
      const started = Date.now();
      await client.listTeams();
      expect(Date.now() - started).toBeGreaterThanOrEqual(900);
      expect(sim.state.calls.length).toBe(calls + 1);
    } finally {
      await sim.close();
    }
  });
});
