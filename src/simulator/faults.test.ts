import { describe, expect, it } from 'vitest';
import { setup } from './test-setup';

const HQ = 'T0ACMEHQ001';

describe('faults (in-process)', () => {
  it('offline destroys API connections while /_sim/ keeps working', async () => {
    const { call, sim } = await setup();
    sim.faults.set({ offline: true });
    await expect(call('auth.test')).rejects.toThrow();
    const state = (await fetch(`${sim.origin}/_sim/state`).then((r) => r.json())) as { ok: boolean };
    expect(state.ok).toBe(true);
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
    const req = sim.state.pendingFor(HQ)[0]!;
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
    const req = sim.state.pendingFor(HQ)[0]!;
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
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
    await fetch(`${sim.origin}/_sim/faults`, { method: 'DELETE' });
    expect((await call('auth.test')).body.ok).toBe(true);
    await post(sim.origin, '/_sim/faults', { offline: true });
    await post(sim.origin, '/_sim/faults', { reset: true });
    expect((await call('auth.test')).body.ok).toBe(true);
  });

  it('POST /_sim/resolve resolves a request as another admin (conflict)', async () => {
    const { call, sim } = await setup();
    const req = sim.state.pendingFor(HQ)[0]!;
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
    const req = sim.state.pendingFor(HQ)[0]!;
    await call('admin.apps.requests.cancel', { request_id: req.id, team_id: HQ });
    type Summary = { pending: number; closed: unknown[] };
    let state = (await fetch(`${sim.origin}/_sim/state`).then((r) => r.json())) as Summary;
    expect(state.pending).toBe(59);
    expect(state.closed).toEqual([{ id: req.id, outcome: 'cancelled', actor_id: sim.state.org.admin.id }]);
    const added = await post(sim.origin, '/_sim/requests', {
      app_id: req.app.id,
      team_id: HQ,
      message: 'again',
    });
    const { request } = (await added.json()) as { request: { id: string } };
    expect(request.id).toMatch(/^Ar[A-Z0-9]+$/);
    expect(sim.state.pendingFor(HQ)[0]!.id).toBe(request.id);
    await post(sim.origin, '/_sim/reset', {});
    state = (await fetch(`${sim.origin}/_sim/state`).then((r) => r.json())) as Summary;
    expect(state.pending).toBe(60);
  });
});
