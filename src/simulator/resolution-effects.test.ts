import { describe, expect, it } from 'vitest';
import { DEMO_REQUEST_COUNT } from './demo-org';
import { HQ, ORG, setup, uncertifiedAt } from './test-support/simulator-setup';

type Listed = { app: { id: string }; scopes: { name: string; token_type: string }[] };
const listed = (a: { body: Record<string, unknown> }, field: string) => a.body[field] as Listed[];

describe('resolutions', () => {
  it('approve with partial scopes records exactly those scopes', async () => {
    const { call, sim } = await setup();
    const req = sim.state.pendingFor(HQ).find((r) => r.app.name === 'Zoom')!;
    const res = await call('admin.apps.approve', {
      request_id: req.id,
      team_id: HQ,
      bot_scopes: 'chat:write,commands',
      user_scopes: 'users.profile:read',
    });
    expect(res.body).toEqual({ ok: true });
    const approved = listed(await call('admin.apps.approved.list', { team_id: HQ }), 'approved_apps');
    const zoom = approved.find((a) => a.app.id === req.app.id)!;
    expect(zoom.scopes.map((s) => `${s.token_type}:${s.name}`).sort()).toEqual([
      'bot:chat:write',
      'bot:commands',
      'user:users.profile:read',
    ]);
  });

  it('rejects scopes the app did not request (or of the wrong token type) with invalid_scopes', async () => {
    const { call, sim } = await setup();
    const req = sim.state.pendingFor(HQ).find((r) => r.app.name === 'Zoom')!;
    expect(
      (await call('admin.apps.approve', { request_id: req.id, team_id: HQ, bot_scopes: 'admin' })).body.error,
    ).toBe('invalid_scopes');
    expect(
      (await call('admin.apps.approve', { request_id: req.id, team_id: HQ, user_scopes: 'chat:write' })).body
        .error,
    ).toBe('invalid_scopes');
    expect(sim.state.pending.has(req.id)).toBe(true);
  });

  it('approve and restrict move requests out of requests.list into approved/restricted lists', async () => {
    const { call, sim } = await setup();
    const [a, b] = uncertifiedAt(sim, HQ);
    await call('admin.apps.approve', { request_id: a!.id, team_id: HQ });
    await call('admin.apps.restrict', { request_id: b!.id, team_id: HQ });
    const pending = (await call('admin.apps.requests.list', { team_id: HQ, limit: 1000 })).body
      .app_requests as {
      id: string;
    }[];
    expect(pending.map((r) => r.id)).not.toContain(a!.id);
    expect(pending.map((r) => r.id)).not.toContain(b!.id);
    const approved = listed(await call('admin.apps.approved.list', { team_id: HQ }), 'approved_apps');
    const restricted = listed(await call('admin.apps.restricted.list', { team_id: HQ }), 'restricted_apps');
    expect(approved.map((x) => x.app.id)).toContain(a!.app.id);
    expect(restricted.map((x) => x.app.id)).toContain(b!.app.id);
    expect(sim.state.closed.get(a!.id)?.outcome).toBe('approved');
  });

  it('an org-level approval resolves that app on every workspace', async () => {
    const { call, sim } = await setup();
    const jira = [...sim.state.pending.values()].filter((r) => r.app.name === 'Jira Cloud');
    expect(new Set(jira.map((r) => r.team?.id)).size).toBe(4);
    expect((await call('admin.apps.approve', { request_id: jira[0]!.id, enterprise_id: ORG })).body.ok).toBe(
      true,
    );
    expect(jira.every((r) => !sim.state.pending.has(r.id))).toBe(true);
    const orgApproved = listed(
      await call('admin.apps.approved.list', { enterprise_id: ORG }),
      'approved_apps',
    );
    expect(orgApproved.map((x) => x.app.id)).toContain(jira[0]!.app.id);
    expect(sim.state.pending.size).toBe(DEMO_REQUEST_COUNT - jira.length);
  });

  it('approving by app_id at a workspace resolves every pending request for it there only', async () => {
    const { call, sim } = await setup();
    const github = [...sim.state.pending.values()].filter((r) => r.app.name === 'GitHub');
    const eng = github.filter((r) => r.team?.id === 'T0ACMEENG02');
    expect(eng.length).toBe(2);
    await call('admin.apps.approve', { app_id: github[0]!.app.id, team_id: 'T0ACMEENG02' });
    expect(eng.every((r) => !sim.state.pending.has(r.id))).toBe(true);
    expect(github.filter((r) => r.team?.id !== 'T0ACMEENG02').every((r) => sim.state.pending.has(r.id))).toBe(
      true,
    );
  });

  it('an org-wide restriction blocks workspace approvals', async () => {
    const { call, sim } = await setup();
    const loom = [...sim.state.pending.values()].find((r) => r.app.name === 'Loom')!;
    await call('admin.apps.restrict', { app_id: loom.app.id, enterprise_id: ORG });
    const res = await call('admin.apps.approve', { app_id: loom.app.id, team_id: HQ });
    expect(res.body.error).toBe('app_restricted_org_wide');
  });

  it('clearResolution removes a resolution from the lists', async () => {
    const { call, sim } = await setup();
    const req = uncertifiedAt(sim, HQ)[0]!;
    await call('admin.apps.restrict', { request_id: req.id, team_id: HQ });
    expect((await call('admin.apps.clearResolution', { app_id: req.app.id, team_id: HQ })).body).toEqual({
      ok: true,
    });
    const restricted = listed(await call('admin.apps.restricted.list', { team_id: HQ }), 'restricted_apps');
    expect(restricted.map((x) => x.app.id)).not.toContain(req.app.id);
    expect((await call('admin.apps.clearResolution', { app_id: req.app.id, team_id: HQ })).body.error).toBe(
      'no_resolution_found',
    );
  });

  it('cancel drops the request without resolving the app', async () => {
    const { call, sim } = await setup();
    const req = uncertifiedAt(sim, HQ)[0]!;
    await call('admin.apps.requests.cancel', { request_id: req.id, team_id: HQ });
    expect(sim.state.pending.has(req.id)).toBe(false);
    expect(sim.state.closed.get(req.id)?.outcome).toBe('cancelled');
    expect([...sim.state.resolutions.values()].some((r) => r.app_id === req.app.id && r.target === HQ)).toBe(
      false,
    );
  });

  it('lists pre-existing org-level approvals and restrictions', async () => {
    const { call } = await setup();
    const approved = listed(await call('admin.apps.approved.list', { enterprise_id: ORG }), 'approved_apps');
    const restricted = listed(
      await call('admin.apps.restricted.list', { enterprise_id: ORG }),
      'restricted_apps',
    );
    expect(approved.length).toBeGreaterThanOrEqual(2);
    expect(restricted.length).toBeGreaterThanOrEqual(1);
  });
});
