import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { ADMIN_TOKEN_SCOPES, DEFAULT_ROTATING_TTL_SECONDS } from './state';
import { HQ, manualClock, setup } from './test-support/simulator-setup';

describe('token expiry', () => {
  it('a rotating token answers token_expired after its expires_in; a non-rotating one never expires', async () => {
    const clock = manualClock();
    const { call, sim } = await setup({ now: clock.now });
    const rotating = sim.state.issueToken({ rotating: true, ttlSeconds: 60 });
    const plain = sim.state.issueToken();
    expect(rotating).toMatch(/^xoxe\.xoxp-/);
    expect((await call('auth.test', {}, { token: rotating })).body).toMatchObject({
      ok: true,
      expires_in: 60,
    });
    clock.advance(59_000);
    expect((await call('admin.teams.list', {}, { token: rotating })).body.ok).toBe(true);
    clock.advance(1_000);
    expect((await call('admin.teams.list', {}, { token: rotating })).body).toEqual({
      ok: false,
      error: 'token_expired',
    });
    expect((await call('auth.test', {}, { token: rotating })).body.error).toBe('token_expired');
    clock.advance(365 * 86_400_000);
    expect((await call('admin.teams.list', {}, { token: plain })).body.ok).toBe(true);
    expect((await call('auth.test', {}, { token: plain })).body).not.toHaveProperty('expires_in');
  });

  it('rotating tokens default to Slack’s 12-hour lifetime', async () => {
    const clock = manualClock();
    const { call, sim } = await setup({ now: clock.now });
    const token = sim.state.issueToken({ rotating: true });
    clock.advance(DEFAULT_ROTATING_TTL_SECONDS * 1000 - 1);
    expect((await call('auth.test', {}, { token })).body.ok).toBe(true);
    clock.advance(1);
    expect((await call('auth.test', {}, { token })).body.error).toBe('token_expired');
  });
});

describe('scopes', () => {
  it('sends the token’s granted scopes in x-oauth-scopes on authenticated calls', async () => {
    const { call } = await setup();
    const a = await call('admin.apps.requests.list', { team_id: HQ, limit: 1 });
    expect(a.headers.get('x-oauth-scopes')).toBe('admin.apps:read,admin.apps:write,admin.teams:read');
    expect(a.headers.get('x-accepted-oauth-scopes')).toBe('admin.apps:read');
    expect((await call('auth.test', {}, { token: 'xoxp-nope' })).headers.get('x-oauth-scopes')).toBeNull();
  });

  it('@slack/web-api exposes x-oauth-scopes as response_metadata.scopes', async () => {
    const { sim } = await setup();
    const client = new WebClient(sim.adminToken, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 } });
    const answer = await client.auth.test();
    expect(answer.response_metadata?.scopes).toEqual([...ADMIN_TOKEN_SCOPES]);
  });

  it('answers missing_scope with needed and provided, as Slack’s example does', async () => {
    const { call, sim } = await setup();
    const readOnly = sim.state.issueToken({ scopes: ['admin.apps:read'] });
    const req = sim.state.pendingFor(HQ)[0]!;
    expect(
      (await call('admin.apps.approve', { request_id: req.id, team_id: HQ }, { token: readOnly })).body,
    ).toEqual({ ok: false, error: 'missing_scope', needed: 'admin.apps:write', provided: 'admin.apps:read' });
    expect(sim.state.pending.has(req.id)).toBe(true);
    expect((await call('admin.teams.list', {}, { token: readOnly })).body).toMatchObject({
      error: 'missing_scope',
      needed: 'admin.teams:read',
    });
    expect((await call('admin.apps.requests.list', { team_id: HQ }, { token: readOnly })).body.ok).toBe(true);
    // auth.test needs no scope.
    const none = sim.state.issueToken({ scopes: [] });
    expect((await call('auth.test', {}, { token: none })).body.ok).toBe(true);
  });
});
