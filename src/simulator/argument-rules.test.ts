import { describe, expect, it } from 'vitest';
import { ENG, HQ, ORG, setup, uncertifiedAt } from './test-support/simulator-setup';

const errorOf = (a: { body: Record<string, unknown> }) => a.body.error;

describe('admin.apps.requests.list arguments', () => {
  it('requires exactly one of team_id / enterprise_id and known IDs', async () => {
    const { call } = await setup();
    expect(errorOf(await call('admin.apps.requests.list'))).toBe('no_team_or_enterprise_provided');
    expect(errorOf(await call('admin.apps.requests.list', { team_id: HQ, enterprise_id: ORG }))).toBe(
      'too_many_teams_provided',
    );
    expect(errorOf(await call('admin.apps.requests.list', { team_id: 'T0NOPE' }))).toBe('team_not_found');
    expect(errorOf(await call('admin.apps.requests.list', { enterprise_id: 'E0NOPE' }))).toBe(
      'enterprise_not_found',
    );
  });

  it('rejects limits outside 1–1000 and bad cursors', async () => {
    const { call } = await setup();
    for (const limit of ['0', '1001', 'ten', '-5', '2.5']) {
      expect(errorOf(await call('admin.apps.requests.list', { team_id: HQ, limit }))).toBe(
        'invalid_arguments',
      );
    }
    expect((await call('admin.apps.requests.list', { team_id: HQ, limit: 1000 })).body.ok).toBe(true);
    expect((await call('admin.apps.requests.list', { team_id: HQ, limit: 1 })).body.ok).toBe(true);
    expect(errorOf(await call('admin.apps.requests.list', { team_id: HQ, cursor: 'garbage!' }))).toBe(
      'invalid_cursor',
    );
  });

  it('refuses a cursor minted for another list', async () => {
    const { call } = await setup();
    const first = await call('admin.apps.requests.list', { team_id: HQ, limit: 2 });
    const cursor = (first.body.response_metadata as { next_cursor: string }).next_cursor;
    expect(cursor).not.toBe('');
    expect(errorOf(await call('admin.apps.requests.list', { team_id: ENG, cursor }))).toBe('invalid_cursor');
  });
});

describe('admin.teams.list arguments', () => {
  it('answers invalid_limit and invalid_cursor', async () => {
    const { call } = await setup();
    expect(errorOf(await call('admin.teams.list', { limit: 0 }))).toBe('invalid_limit');
    expect(errorOf(await call('admin.teams.list', { limit: 1001 }))).toBe('invalid_limit');
    expect(errorOf(await call('admin.teams.list', { cursor: 'bm9wZQ' }))).toBe('invalid_cursor');
  });
});

describe.each(['admin.apps.approve', 'admin.apps.restrict'])('%s arguments', (method) => {
  it('requires exactly one of app_id / request_id', async () => {
    const { call, sim } = await setup();
    const req = uncertifiedAt(sim, HQ)[0]!;
    expect(errorOf(await call(method, { team_id: HQ }))).toBe('request_id_or_app_id_is_required');
    expect(errorOf(await call(method, { team_id: HQ, app_id: req.app.id, request_id: req.id }))).toBe(
      'too_many_ids_provided',
    );
  });

  it('requires exactly one of team_id / enterprise_id', async () => {
    const { call, sim } = await setup();
    const req = uncertifiedAt(sim, HQ)[0]!;
    expect(errorOf(await call(method, { request_id: req.id, team_id: HQ, enterprise_id: ORG }))).toBe(
      'too_many_teams_provided',
    );
    expect(errorOf(await call(method, { request_id: req.id }))).toBe('invalid_arguments');
    expect(errorOf(await call(method, { request_id: req.id, team_id: 'T0NOPE' }))).toBe('team_not_found');
  });

  it('rejects unknown and already resolved requests and unknown apps', async () => {
    const { call, sim } = await setup();
    const req = uncertifiedAt(sim, HQ)[0]!;
    expect(errorOf(await call(method, { request_id: 'Ar0NOPE', team_id: HQ }))).toBe('invalid_request_id');
    expect(errorOf(await call(method, { request_id: req.id, team_id: ENG }))).toBe('invalid_request_id');
    expect(errorOf(await call(method, { app_id: 'A0NOPE', team_id: HQ }))).toBe('invalid_app_id');
    expect((await call(method, { request_id: req.id, team_id: HQ })).body).toEqual({ ok: true });
    expect(errorOf(await call(method, { request_id: req.id, team_id: HQ }))).toBe('request_already_resolved');
  });
});

describe('admin.apps.requests.cancel arguments', () => {
  it('validates request and target', async () => {
    const { call, sim } = await setup();
    const req = uncertifiedAt(sim, HQ)[0]!;
    expect(errorOf(await call('admin.apps.requests.cancel', { team_id: HQ }))).toBe('invalid_arguments');
    expect(
      errorOf(
        await call('admin.apps.requests.cancel', { request_id: req.id, team_id: HQ, enterprise_id: ORG }),
      ),
    ).toBe('too_many_teams_provided');
    expect(errorOf(await call('admin.apps.requests.cancel', { request_id: req.id, team_id: 'T0NOPE' }))).toBe(
      'team_not_found',
    );
    expect(errorOf(await call('admin.apps.requests.cancel', { request_id: 'Ar0NOPE', team_id: HQ }))).toBe(
      'invalid_request_id',
    );
    expect((await call('admin.apps.requests.cancel', { request_id: req.id, team_id: HQ })).body).toEqual({
      ok: true,
    });
    expect(errorOf(await call('admin.apps.requests.cancel', { request_id: req.id, team_id: HQ }))).toBe(
      'request_already_resolved',
    );
  });
});

describe('admin.apps.clearResolution arguments', () => {
  it('validates app, target and that a resolution exists', async () => {
    const { call, sim } = await setup();
    const appId = uncertifiedAt(sim, HQ)[0]!.app.id;
    expect(errorOf(await call('admin.apps.clearResolution', { team_id: HQ }))).toBe('invalid_arguments');
    expect(
      errorOf(await call('admin.apps.clearResolution', { app_id: appId, team_id: HQ, enterprise_id: ORG })),
    ).toBe('too_many_teams_provided');
    expect(errorOf(await call('admin.apps.clearResolution', { app_id: appId, team_id: 'T0NOPE' }))).toBe(
      'team_not_found',
    );
    expect(errorOf(await call('admin.apps.clearResolution', { app_id: 'A0NOPE', team_id: HQ }))).toBe(
      'invalid_app_id',
    );
    expect(errorOf(await call('admin.apps.clearResolution', { app_id: appId, team_id: HQ }))).toBe(
      'no_resolution_found',
    );
  });
});

describe('admin.apps.uninstall arguments', () => {
  it('applies the documented rules', async () => {
    const { call, sim } = await setup();
    const appId = uncertifiedAt(sim, HQ)[0]!.app.id;
    const protectedId = sim.state.org.protectedAppIds[0]!;
    const u = (args: Record<string, string>) => call('admin.apps.uninstall', args);
    expect(errorOf(await u({ app_id: 'A0NOPE', enterprise_id: ORG }))).toBe('app_not_found');
    expect(errorOf(await u({ app_id: appId }))).toBe('specify_enterprise_or_teams');
    expect(errorOf(await u({ app_id: appId, enterprise_id: ORG, team_ids: HQ }))).toBe(
      'specify_enterprise_or_teams',
    );
    const many = Array.from({ length: 101 }, (_, i) => `T0X${i}`).join(',');
    expect(errorOf(await u({ app_id: appId, team_ids: many }))).toBe('too_many_teams');
    expect(errorOf(await u({ app_id: appId, team_ids: `${HQ},T0NOPE` }))).toBe('teams_not_found');
    expect(errorOf(await u({ app_id: appId, enterprise_id: 'E0NOPE' }))).toBe('enterprise_not_found');
    expect(errorOf(await u({ app_id: protectedId, enterprise_id: ORG }))).toBe('can_not_uninstall');
    expect(sim.state.uninstalls).toEqual([]);
    expect((await u({ app_id: appId, team_ids: `${HQ},${ENG}` })).body).toEqual({ ok: true });
    expect((await u({ app_id: appId, enterprise_id: ORG })).body).toEqual({ ok: true });
    expect(sim.state.uninstalls.map((x) => x.team_ids ?? x.enterprise_id)).toEqual([[HQ, ENG], ORG]);
  });
});

describe('unknown methods', () => {
  it('answers unknown_method with HTTP 200 like Slack', async () => {
    const { call } = await setup();
    const a = await call('admin.apps.nope');
    expect(a.status).toBe(200);
    expect(a.body).toEqual({ ok: false, error: 'unknown_method' });
  });
});
