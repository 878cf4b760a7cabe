import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  handleOAuthRequest,
  isLoopbackRedirect,
  matchesRegisteredRedirect,
  type OAuthSimContext,
} from './oauth';
import { manualClock, setup } from './test-support/simulator-setup';

let server: Server;
let base = '';
let clock = 1_700_000_000_000;
let ctx: OAuthSimContext;
const issued: string[] = [];
const issuedWith: Parameters<OAuthSimContext['issueToken']>[0][] = [];
const revoked: string[] = [];

beforeEach(async () => {
  issued.length = 0;
  issuedWith.length = 0;
  revoked.length = 0;
  ctx = {
    enterpriseId: 'E0SIMORG',
    enterpriseName: 'Sim Org',
    adminUserId: 'W0ADMIN',
    clientId: '111.222',
    issueToken: (o) => {
      const t = `${o?.rotating ? 'xoxe.' : ''}xoxp-${issued.length + 1}-${randomBytes(4).toString('hex')}`;
      issued.push(t);
      issuedWith.push(o);
      return t;
    },
    revokeToken: (t) => void revoked.push(t),
    now: () => clock,
  };
  server = createServer((req, res) => {
    if (!handleOAuthRequest(req, res, ctx)) {
      res.writeHead(418);
      res.end('not oauth');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  base = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}`;
});
afterEach(async () => {
  await new Promise((resolve) => server.close(resolve));
});

const verifier = 'v'.repeat(21) + randomBytes(16).toString('base64url');
const challenge = createHash('sha256').update(verifier).digest('base64url');
const REDIRECT = 'http://localhost:53682/callback';

const authorize = async (extra: Record<string, string> = {}) => {
  const q = new URLSearchParams({
    client_id: '111.222',
    user_scope: 'admin.apps:read,admin.apps:write,admin.teams:read',
    redirect_uri: REDIRECT,
    state: 'st8',
    code_challenge: challenge,
    code_challenge_method: 'S256',
    ...extra,
  });
  const res = await fetch(`${base}/oauth/v2/authorize?${q}`, { redirect: 'manual' });
  return { res, location: res.headers.get('location') ? new URL(res.headers.get('location') ?? '') : null };
};

const access = async (fields: Record<string, string>) => {
  const res = await fetch(`${base}/api/oauth.v2.access`, {
    method: 'POST',
    headers: { 'content-type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams(fields).toString(),
  });
  return (await res.json()) as Record<string, unknown> & { authed_user?: Record<string, unknown> };
};

const codeFlow = async () => {
  const { location } = await authorize();
  return location?.searchParams.get('code') ?? '';
};

describe('simulator OAuth', () => {
  it('redirects the authorize page back to the loopback URL with a code and the state', async () => {
    const { res, location } = await authorize();
    expect(res.status).toBe(302);
    expect(location?.origin + (location?.pathname ?? '')).toBe(REDIRECT);
    expect(location?.searchParams.get('state')).toBe('st8');
    expect(location?.searchParams.get('code')).toBeTruthy();
  });

  it('refuses an unknown client or a non-loopback redirect', async () => {
    expect((await authorize({ client_id: 'nope' })).res.status).toBe(400);
    expect((await authorize({ redirect_uri: 'https://evil.example/callback' })).res.status).toBe(400);
    expect(isLoopbackRedirect('http://127.0.0.1:5/callback')).toBe(true);
    expect(isLoopbackRedirect('http://localhost/callback')).toBe(false);
    expect(isLoopbackRedirect('http://localhost:5/other')).toBe(false);
  });

  it('answers access_denied with ?deny=1 or the context flag', async () => {
    expect((await authorize({ deny: '1' })).location?.searchParams.get('error')).toBe('access_denied');
    ctx.denyConsent = true;
    const { location } = await authorize();
    expect(location?.searchParams.get('error')).toBe('access_denied');
    expect(location?.searchParams.get('code')).toBeNull();
  });

  it('exchanges a code for an org-wide user token when the verifier matches', async () => {
    const code = await codeFlow();
    const body = await access({
      client_id: '111.222',
      code,
      code_verifier: verifier,
      redirect_uri: REDIRECT,
    });
    expect(body).toEqual({
      ok: true,
      app_id: expect.any(String),
      authed_user: {
        id: 'W0ADMIN',
        scope: 'admin.apps:read,admin.apps:write,admin.teams:read',
        access_token: issued[0],
        token_type: 'user',
      },
      team: null,
      enterprise: { id: 'E0SIMORG', name: 'Sim Org' },
      is_enterprise_install: true,
    });
  });

  it('rejects a wrong verifier, a mismatched redirect, a reused or expired code, and a client secret', async () => {
    const args = { client_id: '111.222', code_verifier: verifier, redirect_uri: REDIRECT };
    expect((await access({ ...args, code: await codeFlow(), code_verifier: 'x'.repeat(43) })).error).toBe(
      'invalid_code_verifier',
    );
    expect(
      (await access({ ...args, code: await codeFlow(), redirect_uri: 'http://localhost:1/callback' })).error,
    ).toBe('bad_redirect_uri');
    const code = await codeFlow();
    expect((await access({ ...args, code })).ok).toBe(true);
    expect((await access({ ...args, code })).error).toBe('invalid_code');
    const late = await codeFlow();
    clock += 11 * 60 * 1000;
    expect((await access({ ...args, code: late })).error).toBe('invalid_code');
    expect((await access({ ...args, code: await codeFlow(), client_secret: 's' })).error).toBe(
      'bad_client_secret',
    );
    expect((await access({ ...args, code: await codeFlow(), client_id: 'x' })).error).toBe(
      'invalid_client_id',
    );
  });

  it('rotates tokens: each refresh token works once', async () => {
    ctx.tokenTtlSeconds = 43_200;
    const first = await access({
      client_id: '111.222',
      code: await codeFlow(),
      code_verifier: verifier,
      redirect_uri: REDIRECT,
    });
    expect(first.authed_user?.access_token).toMatch(/^xoxe\.xoxp-/);
    expect(first.authed_user?.refresh_token).toMatch(/^xoxe-1-/);
    expect(first.authed_user?.expires_in).toBe(43_200);
    const refresh = String(first.authed_user?.refresh_token);
    const second = await access({
      client_id: '111.222',
      grant_type: 'refresh_token',
      refresh_token: refresh,
    });
    expect(second).toMatchObject({
      ok: true,
      token_type: 'user',
      user_id: 'W0ADMIN',
      expires_in: 43_200,
      enterprise: { id: 'E0SIMORG', name: 'Sim Org' },
      is_enterprise_install: true,
    });
    expect(second.access_token).not.toBe(first.authed_user?.access_token);
    expect(second.refresh_token).not.toBe(refresh);
    const reused = await access({
      client_id: '111.222',
      grant_type: 'refresh_token',
      refresh_token: refresh,
    });
    expect(reused).toEqual({ ok: false, error: 'invalid_refresh_token' });
  });

  it('issues tokens with the scopes the authorize URL asked for, for this client; rotating ones with the TTL', async () => {
    ctx.tokenTtlSeconds = 600;
    const { location } = await authorize({ user_scope: 'admin.apps:read' });
    const body = await access({
      client_id: '111.222',
      code: location?.searchParams.get('code') ?? '',
      code_verifier: verifier,
      redirect_uri: REDIRECT,
    });
    expect(body.authed_user?.scope).toBe('admin.apps:read');
    expect(issuedWith).toEqual([
      { rotating: true, ttlSeconds: 600, scopes: ['admin.apps:read'], clientId: '111.222' },
    ]);
    const refreshed = await access({
      client_id: '111.222',
      grant_type: 'refresh_token',
      refresh_token: String(body.authed_user?.refresh_token),
    });
    expect(refreshed.scope).toBe('admin.apps:read');
    expect(issuedWith[1]).toEqual(issuedWith[0]);
  });

  it('leaves other paths alone', async () => {
    const res = await fetch(`${base}/api/auth.test`, { method: 'POST' });
    expect(res.status).toBe(418);
  });
});

describe('registered redirect URLs', () => {
  const REGISTERED = ['http://localhost:53682/callback', 'https://admit.example/oauth/done'];

  it('matches scheme, host, port and path exactly', () => {
    expect(matchesRegisteredRedirect('http://localhost:53682/callback', REGISTERED)).toBe(true);
    expect(matchesRegisteredRedirect('https://admit.example/oauth/done', REGISTERED)).toBe(true);
    for (const other of [
      'http://localhost:53683/callback', // port
      'http://127.0.0.1:53682/callback', // host
      'https://localhost:53682/callback', // scheme
      'http://localhost:53682/callback/', // path
      'http://localhost:53682/other',
      'http://localhost:53682/callback?x=1',
      'http://localhost:53682/callback#f',
      'http://u:p@localhost:53682/callback',
      'not a url',
    ])
      expect(matchesRegisteredRedirect(other, REGISTERED), other).toBe(false);
  });

  it('the authorize page refuses an unregistered redirect with bad_redirect_uri', async () => {
    ctx.redirectUris = ['http://localhost:53682/callback'];
    expect((await authorize()).res.status).toBe(302);
    const wrongPort = await authorize({ redirect_uri: 'http://localhost:53699/callback' });
    expect(wrongPort.res.status).toBe(400);
    expect(await wrongPort.res.text()).toBe('bad_redirect_uri');
  });

  it('without a redirect_uri, uses the first registered one; the exchange then needs none', async () => {
    ctx.redirectUris = ['http://localhost:53682/callback'];
    const q = new URLSearchParams({
      client_id: '111.222',
      user_scope: 'admin.apps:read',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const res = await fetch(`${base}/oauth/v2/authorize?${q}`, { redirect: 'manual' });
    const location = new URL(res.headers.get('location') ?? '');
    expect(location.origin + location.pathname).toBe('http://localhost:53682/callback');
    const body = await access({
      client_id: '111.222',
      code: location.searchParams.get('code') ?? '',
      code_verifier: verifier,
    });
    expect(body.ok).toBe(true);
  });
});

describe('OAuth through a running simulator', () => {
  it('a rotated access token expires after tokenTtlSeconds (token_expired); the refreshed one works', async () => {
    const clock = manualClock();
    const { sim, call } = await setup({
      now: clock.now,
      oauth: { tokenTtlSeconds: 60, redirectUris: ['http://localhost:53682/callback'] },
    });
    const q = new URLSearchParams({
      client_id: '1000000001.2000000002',
      user_scope: 'admin.apps:read,admin.teams:read',
      redirect_uri: 'http://localhost:53682/callback',
      code_challenge: challenge,
      code_challenge_method: 'S256',
    });
    const bad = await fetch(`${sim.origin}/oauth/v2/authorize?${q.toString().replace('53682', '53683')}`, {
      redirect: 'manual',
    });
    expect(bad.status).toBe(400);
    const consent = await fetch(`${sim.origin}/oauth/v2/authorize?${q}`, { redirect: 'manual' });
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const post = (fields: Record<string, string>) =>
      fetch(`${sim.apiUrl}oauth.v2.access`, { method: 'POST', body: new URLSearchParams(fields) }).then(
        (r) => r.json() as Promise<Record<string, unknown> & { authed_user?: Record<string, string> }>,
      );
    const first = await post({
      client_id: '1000000001.2000000002',
      code,
      code_verifier: verifier,
      redirect_uri: 'http://localhost:53682/callback',
    });
    const token = first.authed_user?.access_token ?? '';
    const auth = await call('auth.test', {}, { token });
    expect(auth.body).toMatchObject({ ok: true, expires_in: 60 });
    expect(auth.headers.get('x-oauth-scopes')).toBe('admin.apps:read,admin.teams:read');
    clock.advance(60_000);
    expect((await call('auth.test', {}, { token })).body.error).toBe('token_expired');
    const refreshed = await post({
      client_id: '1000000001.2000000002',
      grant_type: 'refresh_token',
      refresh_token: first.authed_user?.refresh_token ?? '',
    });
    expect((await call('auth.test', {}, { token: String(refreshed.access_token) })).body.ok).toBe(true);
  });
});
