import { describe, expect, it } from 'vitest';
import { DEMO_REQUEST_COUNT } from './demo-org';
import { HQ, ORG, setup, uncertifiedAt } from './test-support/simulator-setup';

describe('faults (in-process)', () => {
  it('offline destroys API connections while /_sim/ keeps working', async () => {
    const { call, sim } = await setup();
    sim.faults.set({ offline: true });
    await expect(call('auth.test')).rejects.toThrow();
    const state = (await fetch(`${sim.origin}/_sim/state`).then((r) => r.json())) as {
      ok: boolean;
      certified_app_ids: string[];
    };
    expect(state.ok).toBe(true);
    expect(state.certified_app_ids.sort()).toEqual(
      [...sim.state.apps.values()]
        .filter((a) => a.certified)
        .map((a) => a.app.id)
        .sort(),
    );
    expect(state.certified_app_ids.length).toBeGreaterThan(0);
    sim.faults.clear();
    expect((await call('auth.test')).body.ok).toBe(true);
  });

  it('counts fail only the next N calls', async () => {
    const { call, sim } = await setup();
    sim.faults.set({ http503: 2 });
    expect((await call('auth.test')).status).toBe(503);
    const second = await call('auth.test');
    expect(second.status).toBe(503);
    expect(second.text).not.toBe('');
    expect((await call('auth.test')).status).toBe(200);
  });

  it('errorFor with method@target fails that target only', async () => {
    const { call, sim } = await setup();
    sim.faults.set({ errorFor: { [`admin.apps.requests.list@${HQ}`]: 'not_allowed' } });
    expect((await call('admin.apps.requests.list', { team_id: HQ })).body).toMatchObject({
      ok: false,
      error: 'not_allowed',
    });
    expect((await call('admin.apps.requests.list', { enterprise_id: ORG })).body.ok).toBe(true);
  });

  it('malformedItemAt damages the first request of that target only', async () => {
    const { call, sim } = await setup();
    sim.faults.set({ malformedItemAt: [HQ] });
    const hq = (await call('admin.apps.requests.list', { team_id: HQ })).body as {
      app_requests: { date_created: unknown }[];
    };
    expect(hq.app_requests[0]?.date_created).toBe('yesterday');
    expect(typeof hq.app_requests[1]?.date_created).toBe('number');
    const org = (await call('admin.apps.requests.list', { enterprise_id: ORG })).body as {
      app_requests: { date_created: unknown }[];
    };
    expect(org.app_requests.every((r) => typeof r.date_created === 'number')).toBe(true);
    // The simulator's own state is untouched.
    expect([...sim.state.pending.values()].every((r) => typeof r.date_created === 'number')).toBe(true);
  });

  it('slowMs delays responses', async () => {
    const { call, sim } = await setup();
    sim.faults.set({ slowMs: 120 });
    const t0 = performance.now();
    await call('auth.test');
    expect(performance.now() - t0).toBeGreaterThanOrEqual(110);
  });

  it('malformedJson answers 200 with a body that is not JSON', async () => {
    const { call, sim } = await setup();
    sim.faults.set({ malformedJson: 1 });
    const a = await call('admin.apps.requests.list', { team_id: HQ });
    expect(a.status).toBe(200);
    expect(() => JSON.parse(a.text)).toThrow();
  });

  it('tokenRevoked answers token_revoked to authenticated calls', async () => {
    const { call, sim } = await setup();
    sim.faults.set({ tokenRevoked: true });
    expect((await call('auth.test')).body).toEqual({ ok: false, error: 'token_revoked' });
    expect((await call('admin.teams.list')).body.error).toBe('token_revoked');
  });

  it('fatalErrorAfterApply applies the change, then answers fatal_error', async () => {
    const { call, sim } = await setup();
    const req = uncertifiedAt(sim, HQ)[0]!;
    sim.faults.set({ fatalErrorAfterApply: 1 });
    // Reads do not consume it.
    expect((await call('admin.apps.requests.list', { team_id: HQ })).body.ok).toBe(true);
    expect((await call('admin.apps.approve', { request_id: req.id, team_id: HQ })).body).toEqual({
      ok: false,
      error: 'fatal_error',
    });
    expect(sim.state.closed.get(req.id)?.outcome).toBe('approved');
    expect(sim.faults.snapshot().fatalErrorAfterApply).toBe(0);
  });

  it('errorFor answers a given code for one method, optionally N times', async () => {
    const { call, sim } = await setup();
    const req = uncertifiedAt(sim, HQ)[0]!;
    sim.faults.set({ errorFor: { 'admin.apps.approve': { error: 'internal_error', count: 1 } } });
    expect((await call('admin.apps.approve', { request_id: req.id, team_id: HQ })).body.error).toBe(
      'internal_error',
    );
    expect(sim.state.pending.has(req.id)).toBe(true);
    expect((await call('admin.apps.approve', { request_id: req.id, team_id: HQ })).body.ok).toBe(true);
    sim.faults.set({ errorFor: { 'auth.test': 'account_inactive' } });
    expect((await call('auth.test')).body.error).toBe('account_inactive');
    expect((await call('auth.test')).body.error).toBe('account_inactive');
    sim.faults.set({ errorFor: { 'auth.test': null } });
    expect((await call('auth.test')).body.ok).toBe(true);
  });
});

describe('control endpoints over HTTP', () => {
  const post = (origin: string, path: string, body: unknown) =>
    fetch(`${origin}${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify(body),
    });

  it('POST /_sim/faults sets faults, validates input, DELETE clears', async () => {
    const { call, sim } = await setup();
    const res = await post(sim.origin, '/_sim/faults', {
      errorFor: { 'auth.test': 'ratelimited' },
      http503: 1,
    });
    expect(res.status).toBe(200);
    expect((await call('auth.test')).status).toBe(503);
    expect((await call('auth.test')).body.error).toBe('ratelimited');
    expect((await post(sim.origin, '/_sim/faults', { nonsense: true })).status).toBe(400);
    const preflight = await fetch(`${sim.origin}/_sim/faults`, { method: 'OPTIONS' });
    // No CORS: tests call /_sim from Node, and no web page may drive the simulator.
    expect(preflight.status).toBe(404);
    expect(preflight.headers.get('access-control-allow-origin')).toBeNull();
    await fetch(`${sim.origin}/_sim/faults`, { method: 'DELETE' });
    expect((await call('auth.test')).body.ok).toBe(true);
    await post(sim.origin, '/_sim/faults', { offline: true });
    await post(sim.origin, '/_sim/faults', { reset: true });
    expect((await call('auth.test')).body.ok).toBe(true);
  });

  it('POST /_sim/resolve resolves a request as another admin (conflict)', async () => {
    const { call, sim } = await setup();
    const req = uncertifiedAt(sim, HQ)[0]!;
    expect(
      (await post(sim.origin, '/_sim/resolve', { request_id: req.id, status: 'restricted' })).status,
    ).toBe(200);
    expect((await call('admin.apps.approve', { request_id: req.id, team_id: HQ })).body.error).toBe(
      'request_already_resolved',
    );
    expect(
      (await post(sim.origin, '/_sim/resolve', { request_id: 'Ar0NOPE', status: 'approved' })).status,
    ).toBe(404);
  });

  it('GET /_sim/state summarises, POST /_sim/requests adds, POST /_sim/reset restores', async () => {
    const { call, sim } = await setup();
    const req = uncertifiedAt(sim, HQ)[0]!;
    await call('admin.apps.requests.cancel', { request_id: req.id, team_id: HQ });
    type Summary = { pending: number; closed: unknown[] };
    let state = (await fetch(`${sim.origin}/_sim/state`).then((r) => r.json())) as Summary;
    expect(state.pending).toBe(DEMO_REQUEST_COUNT - 1);
    expect(state.closed).toEqual([{ id: req.id, outcome: 'cancelled', actor_id: sim.state.org.admin.id }]);
    const added = await post(sim.origin, '/_sim/requests', {
      app_id: req.app.id,
      team_id: HQ,
      message: 'again',
    });
    const { request } = (await added.json()) as { request: { id: string } };
    expect(request.id).toMatch(/^Ar[A-Z0-9]+$/);
    expect(uncertifiedAt(sim, HQ)[0]!.id).toBe(request.id);
    await post(sim.origin, '/_sim/reset', {});
    state = (await fetch(`${sim.origin}/_sim/state`).then((r) => r.json())) as Summary;
    expect(state.pending).toBe(DEMO_REQUEST_COUNT);
  });

  it('POST /_sim/requests adds an org-level request (team: null) with enterprise_id, and a null message', async () => {
    const { call, sim } = await setup();
    const appId = uncertifiedAt(sim, HQ)[0]!.app.id;
    const added = await post(sim.origin, '/_sim/requests', {
      app_id: appId,
      enterprise_id: ORG,
      message: null,
    });
    expect(added.status).toBe(200);
    const { request } = (await added.json()) as { request: { id: string } };
    const listed = (await call('admin.apps.requests.list', { enterprise_id: ORG })).body.app_requests as {
      id: string;
      team: unknown;
      enterprise: { id: string };
      message: unknown;
    }[];
    expect(listed[0]).toMatchObject({ id: request.id, team: null, enterprise: { id: ORG }, message: null });
    const byTeam = (await (await fetch(`${sim.origin}/_sim/state`)).json()) as {
      pending_by_team: Record<string, number>;
    };
    expect(byTeam.pending_by_team[ORG]).toBeGreaterThan(0);
    for (const bad of [{ app_id: appId }, { app_id: appId, team_id: HQ, enterprise_id: ORG }])
      expect((await post(sim.origin, '/_sim/requests', bad)).status).toBe(400);
    expect(
      (await post(sim.origin, '/_sim/requests', { app_id: appId, enterprise_id: 'E0NOPE' })).status,
    ).toBe(404);
  });

  it('POST /_sim/apps marks an app certified or org-deployed; reset restores the catalog', async () => {
    const { call, sim } = await setup();
    const req = uncertifiedAt(sim, HQ)[0]!;
    expect(
      (await post(sim.origin, '/_sim/apps', { app_id: req.app.id, certified: true, org_deployed: true }))
        .status,
    ).toBe(200);
    const ids = (await call('admin.apps.requests.list', { team_id: HQ, limit: 1000 })).body.app_requests as {
      id: string;
    }[];
    expect(ids.map((r) => r.id)).not.toContain(req.id);
    expect((await call('admin.apps.uninstall', { app_id: req.app.id, team_ids: HQ })).body.error).toBe(
      'must_revoke_access',
    );
    await post(sim.origin, '/_sim/reset', {});
    expect(sim.state.isCertified(req.app.id)).toBe(false);
    expect((await post(sim.origin, '/_sim/apps', { app_id: 'A0NOPE', certified: true })).status).toBe(404);
  });

  it('POST /_sim/resolutions seeds a resolution decided by another admin', async () => {
    const { call, sim } = await setup();
    const req = uncertifiedAt(sim, HQ).find((r) => r.app.name === 'Zoom')!;
    const res = await post(sim.origin, '/_sim/resolutions', {
      app_id: req.app.id,
      team_id: HQ,
      status: 'approved',
      scopes: ['chat:write'],
    });
    expect(res.status).toBe(200);
    const approved = (await call('admin.apps.approved.list', { team_id: HQ })).body.approved_apps as {
      app: { id: string };
      scopes: { name: string }[];
      last_resolved_by: { actor_id: string };
    }[];
    const zoom = approved.find((a) => a.app.id === req.app.id)!;
    expect(zoom.scopes.map((s) => s.name)).toEqual(['chat:write']);
    expect(zoom.last_resolved_by.actor_id).toBe('W0OTHERADM1');
    expect(sim.state.pending.has(req.id)).toBe(false);
    expect(
      (
        await post(sim.origin, '/_sim/resolutions', {
          app_id: req.app.id,
          enterprise_id: ORG,
          status: 'restricted',
        })
      ).status,
    ).toBe(200);
    expect(
      (await post(sim.origin, '/_sim/resolutions', { app_id: req.app.id, status: 'approved' })).status,
    ).toBe(400);
  });
});
