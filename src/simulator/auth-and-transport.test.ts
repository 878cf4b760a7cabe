import { describe, expect, it } from 'vitest';
import { setup } from './test-support/simulator-setup';

describe('authentication', () => {
  it('answers not_authed without a token and invalid_auth for an unknown one', async () => {
    const { call } = await setup();
    expect((await call('auth.test', {}, { token: null })).body).toEqual({ ok: false, error: 'not_authed' });
    expect((await call('auth.test', {}, { token: 'xoxp-nope' })).body).toEqual({
      ok: false,
      error: 'invalid_auth',
    });
  });

  it('accepts the token as a header or a parameter, over GET, form and JSON', async () => {
    const { call } = await setup();
    for (const as of ['get', 'form', 'json'] as const) {
      for (const tokenParam of [false, true]) {
        const a = await call(
          'admin.apps.requests.list',
          { team_id: 'T0ACMEHQ001', limit: 1 },
          { as, tokenParam },
        );
        expect(a.body.ok, `${as} tokenParam=${tokenParam}`).toBe(true);
        expect((a.body.app_requests as unknown[]).length).toBe(1);
      }
    }
  });

  it('auth.test describes an org-level install', async () => {
    const { call, sim } = await setup();
    const a = await call('auth.test');
    expect(a.body).toMatchObject({ ok: true, enterprise_id: sim.enterpriseId, is_enterprise_install: true });
  });

  it('auth.revoke with test=1 keeps the token; without it the token stops working', async () => {
    const { call } = await setup();
    expect((await call('auth.revoke', { test: 1 })).body).toEqual({ ok: true, revoked: false });
    expect((await call('auth.test')).body.ok).toBe(true);
    expect((await call('auth.revoke')).body).toEqual({ ok: true, revoked: true });
    expect((await call('auth.test')).body).toEqual({ ok: false, error: 'invalid_auth' });
  });

  it('issues extra tokens that work independently', async () => {
    const { call, sim } = await setup();
    const other = sim.state.issueToken();
    await call('auth.revoke');
    expect((await call('auth.test', {}, { token: other })).body.ok).toBe(true);
  });
});

describe('api.test and body parsing', () => {
  it('echoes args and errors without a token', async () => {
    const { call } = await setup();
    expect((await call('api.test', {}, { token: null })).body).toEqual({ ok: true });
    expect((await call('api.test', { foo: 'bar' }, { token: null })).body).toEqual({
      ok: true,
      args: { foo: 'bar' },
    });
    expect((await call('api.test', { error: 'my_error' }, { token: null })).body).toEqual({
      ok: false,
      error: 'my_error',
      args: { error: 'my_error' },
    });
  });

  it('answers invalid_json for a broken JSON body and invalid_post_type for other types', async () => {
    const { sim } = await setup();
    const post = (type: string, body: string) =>
      fetch(`${sim.apiUrl}auth.test`, {
        method: 'POST',
        headers: { authorization: `Bearer ${sim.adminToken}`, 'content-type': type },
        body,
      }).then((r) => r.json());
    expect(await post('application/json', '{nope')).toEqual({ ok: false, error: 'invalid_json' });
    expect(await post('application/xml', '<a/>')).toEqual({ ok: false, error: 'invalid_post_type' });
  });

  it('logs calls without tokens', async () => {
    const { call, sim } = await setup();
    await call('auth.test', {}, { tokenParam: true });
    expect(sim.state.calls.at(-1)).toMatchObject({ method: 'auth.test', ok: true, status: 200 });
    expect(JSON.stringify(sim.state.calls)).not.toContain(sim.adminToken);
  });
});
