import { afterEach, describe, expect, it } from 'vitest';
import { AdmitError } from '../../shared/result';
import { DEFAULT_REDIRECT_PORTS } from './loopback';
import {
  authorizeEndpointFor,
  buildAuthorizeUrl,
  missingAdmitScopes,
  MissingScopesError,
  redirectUrlsFor,
  signInWithSlack,
} from './oauth';
import { fakeBrowser, startFakeSlack, type FakeSlack } from './test-support/fake-slack';
import { freePorts, tryConnect } from './test-support/ports';

let slack: FakeSlack | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

/** A fetch that records every request body sent to Slack. */
const recordingFetch = (log: { url: string; body: string }[]): typeof fetch =>
  (async (input: string | URL | Request, init?: RequestInit) => {
    log.push({ url: String(input), body: String(init?.body ?? '') });
    return fetch(input, init);
  }) as typeof fetch;

describe('authorize URL', () => {
  it('derives the authorize endpoint from the API base', () => {
    expect(authorizeEndpointFor('https://slack.com/api/')).toBe('https://slack.com/oauth/v2/authorize');
    expect(authorizeEndpointFor('http://127.0.0.1:4010/api/')).toBe(
      'http://127.0.0.1:4010/oauth/v2/authorize',
    );
    expect(authorizeEndpointFor('http://127.0.0.1:4010/api')).toBe(
      'http://127.0.0.1:4010/oauth/v2/authorize',
    );
  });

  it('carries client_id, user scopes, redirect_uri, state and an S256 challenge', () => {
    const url = new URL(
      buildAuthorizeUrl({
        apiUrl: 'https://slack.com/api/',
        clientId: '1.2',
        redirectUri: 'http://localhost:53682/callback',
        state: 'st',
        codeChallenge: 'ch',
      }),
    );
    expect(Object.fromEntries(url.searchParams)).toEqual({
      client_id: '1.2',
      user_scope: 'admin.apps:read,admin.apps:write,admin.teams:read',
      redirect_uri: 'http://localhost:53682/callback',
      state: 'st',
      code_challenge: 'ch',
      code_challenge_method: 'S256',
    });
  });
});

describe('signInWithSlack', () => {
  it('runs the full PKCE flow against the simulator and returns org-level credentials', async () => {
    slack = await startFakeSlack();
    const ports = await freePorts(2);
    const log: { url: string; body: string }[] = [];
    const seen: { status?: number; page?: string; location?: string } = {};
    let opened = '';
    const creds = await signInWithSlack({
      apiUrl: slack.apiUrl,
      clientId: slack.ctx.clientId,
      ports,
      fetch: recordingFetch(log),
      openUrl: (url) => {
        opened = url;
        fakeBrowser(seen)(url);
      },
    });
    expect(creds).toMatchObject({
      enterpriseId: 'E0ADMITORG',
      enterpriseName: 'Admit Test Org',
      user: { id: 'W0ADMIN01', name: 'ada' },
      scopes: ['admin.apps:read', 'admin.apps:write', 'admin.teams:read'],
    });
    expect(creds.accessToken).toMatch(/^xoxp-/);
    expect(creds.refreshToken).toBeUndefined();
    const authorize = new URL(opened);
    expect(authorize.pathname).toBe('/oauth/v2/authorize');
    const redirectUri = authorize.searchParams.get('redirect_uri');
    expect(redirectUri).toBe(`http://localhost:${ports[0]}/callback`);
    expect(seen.status).toBe(200);
    const exchange = new URLSearchParams(log.find((c) => c.url.endsWith('oauth.v2.access'))?.body);
    expect(exchange.get('redirect_uri')).toBe(redirectUri);
    expect(exchange.get('client_id')).toBe(slack.ctx.clientId);
    expect(exchange.get('code_verifier')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(exchange.has('client_secret')).toBe(false);
    expect(authorize.searchParams.get('code_challenge')).not.toBe(exchange.get('code_verifier'));
    expect(await tryConnect(ports[0] ?? 0)).toBe('ECONNREFUSED');
  });

  it('returns rotating credentials when Slack rotates tokens', async () => {
    slack = await startFakeSlack({ tokenTtlSeconds: 43_200 });
    const now = 1_700_000_000_000;
    const creds = await signInWithSlack({
      apiUrl: slack.apiUrl,
      clientId: slack.ctx.clientId,
      ports: await freePorts(1),
      now: () => now,
      openUrl: fakeBrowser(),
    });
    expect(creds.accessToken).toMatch(/^xoxe\.xoxp-/);
    expect(creds.refreshToken).toMatch(/^xoxe-1-/);
    expect(creds.expiresAt).toBe(now + 43_200_000);
  });

  it('rejects a workspace-level token with an explanation, and revokes it', async () => {
    slack = await startFakeSlack();
    slack.authTestBody = { ok: true, team: 'One WS', user: 'ada', team_id: 'T0ONE', user_id: 'U0ADA' };
    const err = await signInWithSlack({
      apiUrl: slack.apiUrl,
      clientId: slack.ctx.clientId,
      ports: await freePorts(1),
      openUrl: fakeBrowser(),
    }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(AdmitError);
    expect(err).toMatchObject({ code: 'slack_permission' });
    expect((err as Error).message).toMatch(/whole Enterprise Grid org/);
    expect((err as Error).message).toMatch(/install it on the organization/);
    expect([...slack.tokens.values()].every((t) => t.revoked)).toBe(true);
  });

  it('rejects an org that managed policy does not allow', async () => {
    slack = await startFakeSlack();
    await expect(
      signInWithSlack({
        apiUrl: slack.apiUrl,
        clientId: slack.ctx.clientId,
        ports: await freePorts(1),
        openUrl: fakeBrowser(),
        allowedEnterpriseIds: ['E0OTHER'],
      }),
    ).rejects.toMatchObject({ code: 'policy' });
  });

  it('reports access_denied when the admin declines', async () => {
    slack = await startFakeSlack({ denyConsent: true });
    const seen: { page?: string } = {};
    await expect(
      signInWithSlack({
        apiUrl: slack.apiUrl,
        clientId: slack.ctx.clientId,
        ports: await freePorts(1),
        openUrl: fakeBrowser(seen),
      }),
    ).rejects.toMatchObject({ code: 'not_signed_in' });
  });

  it('cancels through an AbortSignal and closes the port', async () => {
    const ports = await freePorts(1);
    const controller = new AbortController();
    const pending = signInWithSlack({
      apiUrl: 'http://127.0.0.1:9/api/',
      clientId: 'x',
      ports,
      signal: controller.signal,
      openUrl: () => controller.abort(),
    });
    await expect(pending).rejects.toMatchObject({ code: 'not_signed_in' });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await tryConnect(ports[0] ?? 0)).toBe('ECONNREFUSED');
  });
});

/** A fetch that answers oauth.v2.access with a Slack error and passes everything else through. */
const exchangeFails =
  (error: string): typeof fetch =>
  async (input, init) =>
    String(input).endsWith('oauth.v2.access') ? Response.json({ ok: false, error }) : fetch(input, init);

describe('sign-in errors name the fix', () => {
  const failWith = async (error: string, ports?: number[]): Promise<unknown> => {
    slack = await startFakeSlack();
    return signInWithSlack({
      apiUrl: slack.apiUrl,
      clientId: slack.ctx.clientId,
      ports: ports ?? (await freePorts(1)),
      fetch: exchangeFails(error),
      openUrl: fakeBrowser(),
    }).catch((e: unknown) => e);
  };

  it('bad_redirect_uri lists the exact loopback redirect URL of every registered port', async () => {
    const ports = await freePorts(3);
    const err = await failWith('bad_redirect_uri', ports);
    expect(err).toMatchObject({ code: 'bad_redirect_uri', category: 'configuration' });
    for (const port of ports) expect((err as Error).message).toContain(`http://localhost:${port}/callback`);
    expect((err as Error).message).toMatch(/Redirect URLs/);
  });

  it('redirect URLs have the form the loopback receiver sends: http://localhost:PORT/callback', () => {
    expect(redirectUrlsFor(DEFAULT_REDIRECT_PORTS)).toEqual([
      'http://localhost:53682/callback',
      'http://localhost:53683/callback',
      'http://localhost:53684/callback',
    ]);
  });

  it.each([
    ['pkce_not_allowed', /Turn on PKCE/],
    ['bad_client_secret', /Turn on PKCE/],
    ['invalid_client_id', /SlackClientId/],
    ['no_scopes', /admin\.apps:read, admin\.apps:write and admin\.teams:read/],
    ['invalid_code', /Sign in again/],
  ])('%s → %s', async (error, fix) => {
    const err = await failWith(error);
    expect(err).toMatchObject({ code: error });
    expect((err as Error).message).toMatch(fix);
  });
});

describe('missingAdmitScopes', () => {
  it('names each of Admit’s scopes Slack did not grant', () => {
    expect(missingAdmitScopes(['admin.apps:read'])).toEqual(['admin.apps:write', 'admin.teams:read']);
    expect(missingAdmitScopes(['admin.apps:read', 'admin.apps:write', 'admin.teams:read', 'x'])).toEqual([]);
  });

  it('treats null (Slack sent no scope list) as unknown, not missing', () => {
    expect(missingAdmitScopes(null)).toEqual([]);
  });

  it('MissingScopesError is a slack_permission error that lists what is missing', () => {
    const e = new MissingScopesError(['admin.apps:write'], 'Fix it.');
    expect(e).toBeInstanceOf(AdmitError);
    expect(e).toMatchObject({ code: 'slack_permission', missing: ['admin.apps:write'] });
    expect(e.message).toBe('Slack did not grant Admit admin.apps:write. Fix it.');
  });
});
