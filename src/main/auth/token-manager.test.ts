import { afterEach, describe, expect, it, vi } from 'vitest';
import { appErrorCodeFor, SlackApiError } from '../slack/errors';
import type { OrgCredentials } from './credentials';
import { signInWithSlack } from './oauth';
import { fakeBrowser, startFakeSlack, type FakeSlack } from './test-support/fake-slack';
import { freePorts } from './test-support/ports';
import { createTokenManager, withFreshTokenRetry, type TokenManagerOptions } from './token-manager';
import { createMemoryVault, type Vault } from './vault';

let slack: FakeSlack | undefined;
afterEach(async () => {
  await slack?.close();
  slack = undefined;
});

const T0 = 1_700_000_000_000;

/** Signs in against a rotating fake Slack and returns the credentials. */
const signIn = async (): Promise<{ slack: FakeSlack; creds: OrgCredentials }> => {
  slack = await startFakeSlack({ tokenTtlSeconds: 3600 });
  const creds = await signInWithSlack({
    apiUrl: slack.apiUrl,
    clientId: slack.ctx.clientId,
    ports: await freePorts(1),
    now: () => T0,
    openUrl: fakeBrowser(),
  });
  return { slack, creds };
};

const refreshCalls = (s: FakeSlack) => s.calls.filter((c) => c.path.includes('oauth.v2.access')).length;

describe('token manager', () => {
  it('returns the current token while it is fresh', async () => {
    const { slack, creds } = await signIn();
    const manager = createTokenManager({
      vault: createMemoryVault(),
      enterpriseId: creds.enterpriseId,
      clientId: slack.ctx.clientId,
      apiUrl: slack.apiUrl,
      now: () => T0 + 1000,
      initial: creds,
    });
    const before = refreshCalls(slack);
    expect(await manager.getAccessToken()).toBe(creds.accessToken);
    expect(refreshCalls(slack)).toBe(before);
  });

  it('refreshes near expiry once for concurrent callers (single flight)', async () => {
    const { slack, creds } = await signIn();
    const vault = createMemoryVault();
    await vault.save(creds);
    const manager = createTokenManager({
      vault,
      enterpriseId: creds.enterpriseId,
      clientId: slack.ctx.clientId,
      apiUrl: slack.apiUrl,
      now: () => T0 + 3600_000 - 60_000, // inside the 5-minute margin
    });
    const before = refreshCalls(slack);
    const [a, b, c] = await Promise.all([
      manager.getAccessToken(),
      manager.getAccessToken(),
      manager.refreshNow(),
    ]);
    expect(refreshCalls(slack) - before).toBe(1);
    expect(a).toBe(b);
    expect(b).toBe(c);
    expect(a).not.toBe(creds.accessToken);
    expect(a).toMatch(/^xoxe\.xoxp-/);
    const stored = await vault.load(creds.enterpriseId);
    expect(stored?.accessToken).toBe(a);
    expect(stored?.refreshToken).not.toBe(creds.refreshToken);
    expect(stored?.expiresAt).toBe(T0 + 3600_000 - 60_000 + 3600_000);
  });

  it('persists the new refresh token before handing out the new access token', async () => {
    const { slack, creds } = await signIn();
    const events: string[] = [];
    const inner = createMemoryVault();
    const vault: Vault = {
      ...inner,
      save: async (c) => {
        events.push(`save-start:${c.refreshToken === creds.refreshToken ? 'old' : 'new'}`);
        await new Promise((resolve) => setTimeout(resolve, 30));
        await inner.save(c);
        events.push('save-done');
      },
    };
    const manager = createTokenManager({
      vault,
      enterpriseId: creds.enterpriseId,
      clientId: slack.ctx.clientId,
      apiUrl: slack.apiUrl,
      now: () => T0 + 3600_000,
      initial: creds,
    });
    const token = await manager.getAccessToken();
    events.push('token-used');
    expect(events).toEqual(['save-start:new', 'save-done', 'token-used']);
    expect(token).not.toBe(creds.accessToken);
  });

  it('asks to sign in again when the refresh token was revoked or already used', async () => {
    const { slack, creds } = await signIn();
    const options = {
      vault: createMemoryVault(),
      enterpriseId: creds.enterpriseId,
      clientId: slack.ctx.clientId,
      apiUrl: slack.apiUrl,
      now: () => T0 + 3600_000,
    };
    await createTokenManager({ ...options, initial: creds }).refreshNow(); // spends the refresh token
    const stale = createTokenManager({ ...options, initial: creds });
    await expect(stale.getAccessToken()).rejects.toMatchObject({
      code: 'invalid_refresh_token',
      category: 'reauth',
    });
    await expect(stale.getAccessToken()).rejects.toThrow(/Sign in again/);
  });

  it('asks to sign in again when the refresh token is past its 30 days, without calling Slack', async () => {
    const { slack, creds } = await signIn();
    const before = refreshCalls(slack);
    const manager = createTokenManager({
      vault: createMemoryVault(),
      enterpriseId: creds.enterpriseId,
      clientId: slack.ctx.clientId,
      apiUrl: slack.apiUrl,
      now: () => T0 + 31 * 24 * 3600_000,
      initial: creds,
    });
    await expect(manager.getAccessToken()).rejects.toMatchObject({
      code: 'sign_in_expired',
      category: 'reauth',
    });
    expect(refreshCalls(slack)).toBe(before);
  });

  it('maps invalid_grant and token_revoked answers to reauth (the contract code slack_auth)', async () => {
    for (const error of ['invalid_grant', 'token_revoked']) {
      const manager = expiring(async () => Response.json({ ok: false, error }));
      const e = await manager.getAccessToken().catch((x: unknown) => x);
      expect(e).toMatchObject({ code: error, category: 'reauth', method: 'oauth.v2.access' });
      expect(appErrorCodeFor((e as SlackApiError).category)).toBe('slack_auth');
    }
  });

  it('reports not_signed_in (reauth) when the vault has nothing for the org', async () => {
    const manager = createTokenManager({
      vault: createMemoryVault(),
      enterpriseId: 'E0NONE',
      clientId: 'c',
      apiUrl: 'https://slack.test/api/',
    });
    await expect(manager.getAccessToken()).rejects.toMatchObject({
      code: 'not_signed_in',
      category: 'reauth',
    });
  });
});

/** A manager whose access token has expired, refreshing through `fetch`. */
const expiring = (fetch: (url: string | URL | Request, init?: RequestInit) => Promise<Response>) =>
  createTokenManager(expiringOptions(fetch));

/** The options of `expiring`. */
const expiringOptions = (
  fetch: (url: string | URL | Request, init?: RequestInit) => Promise<Response>,
): TokenManagerOptions => ({
  vault: createMemoryVault(),
  enterpriseId: 'E0ORG',
  clientId: 'c',
  apiUrl: 'https://slack.test/api/',
  fetch: fetch as typeof globalThis.fetch,
  now: () => T0,
  initial: {
    enterpriseId: 'E0ORG',
    enterpriseName: '',
    accessToken: 'xoxe.xoxp-1',
    refreshToken: 'xoxe-1-r',
    expiresAt: T0,
    user: { id: 'W1', name: '' },
    scopes: [],
  },
});

/** A successful refresh answer with a new token each time. */
const granting = () => {
  let n = 1;
  const calls: string[] = [];
  const fetch = async (url: string | URL | Request): Promise<Response> => {
    calls.push(String(url));
    n += 1;
    return Response.json({
      ok: true,
      token_type: 'user',
      access_token: `xoxe.xoxp-${n}`,
      refresh_token: `xoxe-1-r${n}`,
      expires_in: 43_200,
      user_id: 'W1',
      scope: 'admin.apps:read,admin.apps:write,admin.teams:read',
    });
  };
  return { fetch, calls };
};

describe('a refresh Slack never answers', () => {
  it('gives up after the timeout as offline, keeping the refresh token, and a close does not wait for it', async () => {
    let asked = 0;
    // Answers nothing until the call's own signal gives up on it.
    const silent = (_url: string | URL | Request, init?: RequestInit): Promise<Response> =>
      new Promise((_resolve, reject) => {
        asked += 1;
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason as Error));
      });
    const vault = createMemoryVault();
    const manager = createTokenManager({ ...expiringOptions(silent), vault, timeoutMs: 50 });
    const started = Date.now();
    await expect(manager.getAccessToken()).rejects.toMatchObject({
      code: 'token_refresh_offline',
      category: 'network',
    });
    expect(Date.now() - started).toBeLessThan(5_000);
    expect(asked).toBe(1);
    expect(manager.current()?.refreshToken).toBe('xoxe-1-r'); // nothing taken for an answer
    await manager.close();
  });
});

describe('closing the token manager', () => {
  it('waits for the refresh under way, its new refresh token saved', async () => {
    const slack = granting();
    const saved: string[] = [];
    let release = (): void => undefined;
    const held = new Promise<void>((resolve) => (release = resolve));
    const inner = createMemoryVault();
    const vault: Vault = {
      ...inner,
      save: async (c) => {
        await held;
        await inner.save(c);
        saved.push(c.refreshToken ?? '');
      },
    };
    const tokens = createTokenManager({ ...expiringOptions(slack.fetch), vault });
    const refreshing = tokens.getAccessToken();
    await vi.waitFor(() => expect(slack.calls).toHaveLength(1)); // Slack has spent the old refresh token
    let closed = false;
    const closing = tokens.close().then(() => (closed = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(closed).toBe(false);
    release();
    await closing;
    expect(saved).toEqual(['xoxe-1-r2']);
    expect(await refreshing).toBe('xoxe.xoxp-2');
  });

  it('starts no refresh once closed: the call fails as not signed in, and Slack is not asked', async () => {
    const slack = granting();
    const tokens = expiring(slack.fetch);
    await tokens.close();
    await expect(tokens.getAccessToken()).rejects.toMatchObject({
      code: 'not_signed_in',
      category: 'reauth',
    });
    const call = vi.fn(async () => {
      throw new SlackApiError('token_expired', 'admin.apps.approve');
    });
    await expect(tokens.retryWithFreshToken(call)).rejects.toMatchObject({ code: 'not_signed_in' });
    expect(slack.calls).toEqual([]);
  });
});

describe('token refresh failures are classified (the call they were for was never sent)', () => {
  const refused = Object.assign(new TypeError('fetch failed'), { cause: { code: 'ECONNREFUSED' } });
  it.each([
    [
      'offline',
      () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ENOTFOUND' } })),
      'token_refresh_offline',
      'network',
    ],
    ['connection refused', () => Promise.reject(refused), 'token_refresh_offline', 'network'],
    [
      'a timeout',
      () => Promise.reject(new DOMException('timed out', 'TimeoutError')),
      'token_refresh_offline',
      'network',
    ],
    [
      'a reset connection',
      () => Promise.reject(new TypeError('fetch failed', { cause: { code: 'ECONNRESET' } })),
      'token_refresh_offline',
      'network',
    ],
    [
      'an HTML page from a proxy',
      async () => new Response('<html>portal</html>'),
      'token_refresh_offline',
      'network',
    ],
    [
      'HTTP 429',
      async () => new Response('', { status: 429, headers: { 'retry-after': '7' } }),
      'ratelimited',
      'retryable',
    ],
    ['HTTP 503', async () => new Response('down', { status: 503 }), 'http_server_error', 'retryable'],
    [
      'internal_error',
      async () => Response.json({ ok: false, error: 'internal_error' }),
      'token_refresh_unavailable',
      'retryable',
    ],
    ['HTTP 407 from a proxy', async () => new Response('', { status: 407 }), 'http_error', 'configuration'],
  ] as const)('%s → %s (%s)', async (_name, fetch, code, category) => {
    const e = await expiring(fetch)
      .getAccessToken()
      .catch((x: unknown) => x);
    expect(e).toBeInstanceOf(SlackApiError);
    expect(e).toMatchObject({ code, category, method: 'oauth.v2.access' });
    expect((e as SlackApiError).category).not.toBe('uncertain');
  });

  it('keeps Retry-After from a 429', async () => {
    const fetch = async () => new Response('', { status: 429, headers: { 'retry-after': '7' } });
    await expect(expiring(fetch).getAccessToken()).rejects.toMatchObject({ retryAfterMs: 7000 });
  });
});

describe('a rejected rotating token: one refresh, one retry', () => {
  const rejected = (code = 'token_expired') => new SlackApiError(code, 'admin.apps.approve');

  it.each(['token_expired', 'invalid_auth'])('%s: refreshes once and retries once', async (code) => {
    const slack = granting();
    const tokens = expiring(slack.fetch);
    const seen: string[] = [];
    const call = vi.fn(async () => {
      seen.push(await tokens.getAccessToken());
      if (seen.length === 1) throw rejected(code);
      return 'ok';
    });
    await tokens.refreshNow(); // a fresh token Slack nevertheless rejects
    slack.calls.length = 0;
    expect(await tokens.retryWithFreshToken(call)).toBe('ok');
    expect(call).toHaveBeenCalledTimes(2);
    expect(slack.calls).toHaveLength(1);
    expect(seen[1]).not.toBe(seen[0]);
  });

  it('a second rejection is final: exactly one refresh, and the reauth error reaches the caller', async () => {
    const slack = granting();
    const tokens = expiring(slack.fetch);
    const call = vi.fn(async () => {
      throw rejected();
    });
    await expect(tokens.retryWithFreshToken(call)).rejects.toMatchObject({
      code: 'token_expired',
      category: 'reauth',
    });
    expect(call).toHaveBeenCalledTimes(2);
    expect(slack.calls).toHaveLength(1);
  });

  it('does not retry other failures, nor a failed refresh', async () => {
    const tokens = expiring(async () => Response.json({ ok: false, error: 'invalid_refresh_token' }));
    const other = vi.fn(async () => {
      throw new SlackApiError('not_an_admin', 'admin.apps.approve');
    });
    await expect(tokens.retryWithFreshToken(other)).rejects.toMatchObject({ code: 'not_an_admin' });
    expect(other).toHaveBeenCalledTimes(1);
    const refreshing = vi.fn(async () => tokens.getAccessToken());
    await expect(tokens.retryWithFreshToken(refreshing)).rejects.toMatchObject({
      code: 'invalid_refresh_token',
    });
    expect(refreshing).toHaveBeenCalledTimes(1);
  });

  it('calls rejected together share one refresh', async () => {
    const slack = granting();
    const tokens = expiring(slack.fetch);
    await tokens.refreshNow();
    slack.calls.length = 0;
    let first: string | undefined;
    const call = async (): Promise<string> => {
      const token = await tokens.getAccessToken();
      first ??= token;
      if (token === first) throw rejected();
      return token;
    };
    // Each call is rejected once with the first token; the retries all use the one refreshed token.
    const results = await Promise.all([1, 2, 3].map(() => tokens.retryWithFreshToken(call)));
    expect(slack.calls).toHaveLength(1);
    expect(new Set(results).size).toBe(1);
  });

  it('withFreshTokenRetry wraps every method of a client', async () => {
    const slack = granting();
    const tokens = expiring(slack.fetch);
    let n = 0;
    const client = {
      approve: async (id: string) => {
        if (++n === 1) throw rejected();
        return `approved ${id}`;
      },
      apiTest: async () => 'ok',
    };
    const wrapped = withFreshTokenRetry(client, tokens);
    expect(await wrapped.approve('Ar1')).toBe('approved Ar1');
    expect(await wrapped.apiTest()).toBe('ok');
    expect(slack.calls).toHaveLength(1);
  });
});
