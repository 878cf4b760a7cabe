import { createHash, randomBytes } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { handleOAuthRequest, isLoopbackRedirect, type OAuthSimContext } from './oauth';

let server: Server;
let base = '';
let clock = 1_700_000_000_000;
let ctx: OAuthSimContext;
const issued: string[] = [];
const revoked: string[] = [];

beforeEach(async () => {
  issued.length = 0;
  revoked.length = 0;
  ctx = {
    enterpriseId: 'E0SIMORG',
    enterpriseName: 'Sim Org',
    adminUserId: 'W0ADMIN',
    clientId: '111.222',
    issueToken: (o) => {
      const t = `${o?.rotating ? 'xoxe.' : ''}xoxp-${issued.length + 1}-${randomBytes(4).toString('hex')}`;
      issued.push(t);
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

  it('leaves other paths alone', async () => {
    const res = await fetch(`${base}/api/auth.test`, { method: 'POST' });
    expect(res.status).toBe(418);
  });
});
