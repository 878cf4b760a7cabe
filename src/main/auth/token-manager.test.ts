import { afterEach, describe, expect, it } from 'vitest';
import type { OrgCredentials } from './credentials';
import { signInWithSlack } from './oauth';
import { freePorts, fakeBrowser, startFakeSlack, type FakeSlack } from './test-support';
import { createTokenManager } from './token-manager';
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
    await expect(stale.getAccessToken()).rejects.toMatchObject({ code: 'slack_auth' });
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
    await expect(manager.getAccessToken()).rejects.toMatchObject({ code: 'slack_auth' });
    expect(refreshCalls(slack)).toBe(before);
  });

  it('maps invalid_grant and token_revoked answers to slack_auth', async () => {
    for (const error of ['invalid_grant', 'token_revoked']) {
      const fakeFetch = (async () => new Response(JSON.stringify({ ok: false, error }))) as typeof fetch;
      const manager = createTokenManager({
        vault: createMemoryVault(),
        enterpriseId: 'E0ORG',
        clientId: 'c',
        apiUrl: 'https://slack.test/api/',
        fetch: fakeFetch,
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
      await expect(manager.getAccessToken()).rejects.toMatchObject({ code: 'slack_auth' });
    }
  });

  it('reports not_signed_in when the vault has nothing for the org', async () => {
    const manager = createTokenManager({
      vault: createMemoryVault(),
      enterpriseId: 'E0NONE',
      clientId: 'c',
      apiUrl: 'https://slack.test/api/',
    });
    await expect(manager.getAccessToken()).rejects.toMatchObject({ code: 'not_signed_in' });
  });
});
