import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InboxPage, QueueView, RequestSummary, SessionState } from '../../shared/view-types';
import { createMemoryVault, createVault, type OrgCredentials } from '../auth';
import { dispatch } from '../bridge/dispatch';
import { freePorts } from '../auth/test-support/ports';
import { createRateLimiter } from '../slack';
import { SIMULATOR_CLIENT_ID, startSimulator, type Simulator } from '../../simulator';
import { createAccounts } from './accounts';
import { startHarness, testCipher, type Harness } from './test-support/service-harness';

let h: Harness;
afterEach(() => h?.close());

const call = <T>(channel: string, input?: unknown): Promise<T> => h.call<T>(channel, input);

describe('several orgs', () => {
  it('keeps each org’s cache and queue apart, and switches between them', async () => {
    h = await startHarness();
    const synced = h.waitFor('sync:progress', (s) => s.state === 'idle' && s.lastSyncedAt !== null);
    await call('session:connectToken', { token: h.sim.adminToken });
    await synced;
    // A second org whose credentials are in the vault (a sandbox org, say).
    await h.vault.save({
      enterpriseId: 'E0SANDBOX01',
      enterpriseName: 'Acme Sandbox',
      accessToken: 'xoxp-sandbox-token-not-valid-here',
      user: { id: 'W0ADMIN0002', name: 'dana' },
      scopes: [],
    });
    const state = await call<SessionState>('session:get');
    expect(state.accounts.map((a) => a.enterpriseId).sort()).toEqual(['E0ACMECORP1', 'E0SANDBOX01']);

    const sandbox = await call<SessionState>('session:switch', { enterpriseId: 'E0SANDBOX01' });
    expect(sandbox).toMatchObject({ status: 'signed_in', account: { enterpriseId: 'E0SANDBOX01' } });
    // Nothing of the first org shows in the second: its own, empty cache.
    expect((await call<InboxPage>('inbox:list', { offset: 0, limit: 10 })).total).toBe(0);
    expect(existsSync(path.join(h.dataDir, 'orgs', 'E0SANDBOX01', 'admit.sqlite'))).toBe(true);

    await call('session:switch', { enterpriseId: 'E0ACMECORP1' });
    expect((await call<InboxPage>('inbox:list', { offset: 0, limit: 1000 })).total).toBe(
      h.sim.state.pending.size,
    );
  });

  it('refuses to switch to an org without usable credentials', async () => {
    h = await startHarness();
    const result = await dispatch(h.service.handlers, 'session:switch', { enterpriseId: 'E0UNKNOWN01' });
    expect(result).toMatchObject({ ok: false, error: { code: 'not_signed_in' } });
  });
});

describe('token rotation', () => {
  it('signs in with OAuth, refreshes expiring tokens before use, and persists each new refresh token', async () => {
    // Access tokens that live 60 s: inside Admit's 5-minute margin, so every call refreshes first.
    const sim = await startSimulator({ port: 0, rateScale: 60, oauth: { tokenTtlSeconds: 60 } });
    h = await startHarness({ sim, oauthPorts: await freePorts(3) });
    try {
      const { authorizeUrl } = await call<{ authorizeUrl: string }>('session:signIn');
      // The admin's browser: authorize redirects to the loopback callback.
      const consent = await fetch(authorizeUrl, { redirect: 'manual' });
      const callback = consent.headers.get('location') ?? '';
      expect(callback).toMatch(/^http:\/\/localhost:\d+\/callback\?/);
      const finished = h.waitFor('session:signInFinished');
      expect((await fetch(callback.replace('localhost', '127.0.0.1'))).status).toBe(200);
      expect(await finished).toMatchObject({ ok: true });

      const before = (await h.vault.load(sim.enterpriseId))?.refreshToken;
      expect(before).toMatch(/^xoxe-1-/);
      const synced = h.waitFor('sync:progress', (s) => s.state === 'idle' && s.lastSyncedAt !== null);
      await call('inbox:refresh');
      await synced;
      expect((await call<InboxPage>('inbox:list', { offset: 0, limit: 1000 })).total).toBe(
        sim.state.pending.size,
      );
      const after = (await h.vault.load(sim.enterpriseId))?.refreshToken;
      expect(after).toMatch(/^xoxe-1-/);
      expect(after).not.toBe(before); // rotated, and the new one is what the vault holds
      // Refresh tokens are single-use: the first one was spent by the rotation.
      const reuse = await fetch(`${sim.apiUrl}oauth.v2.access`, {
        method: 'POST',
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          refresh_token: before!,
          client_id: SIMULATOR_CLIENT_ID,
        }),
      });
      expect(await reuse.json()).toMatchObject({ ok: false, error: 'invalid_refresh_token' });
    } finally {
      await sim.close();
    }
  });
});

describe('a pasted token is checked for Admit’s scopes at sign-in', () => {
  it('names the missing scopes before the inbox opens, and keeps nothing', async () => {
    h = await startHarness();
    const token = h.sim.state.issueToken({ scopes: ['admin.apps:read'] });
    const result = await dispatch(h.service.handlers, 'session:connectToken', { token });
    expect(result).toMatchObject({ ok: false, error: { code: 'slack_permission' } });
    const message = result.ok ? '' : result.error.message;
    expect(message).toContain('admin.apps:write, admin.teams:read');
    expect(message).not.toContain('admin.apps:read,');
    expect(await call<SessionState>('session:get')).toMatchObject({ status: 'signed_out' });
    expect(await h.vault.list()).toEqual([]);
  });

  it('keeps the scopes Slack lists with the credentials', async () => {
    h = await startHarness();
    await call('session:connectToken', { token: h.sim.adminToken });
    expect((await h.vault.load(h.sim.enterpriseId))?.scopes).toEqual([
      'admin.apps:read',
      'admin.apps:write',
      'admin.teams:read',
    ]);
  });

  it('accepts a token when Slack sends no x-oauth-scopes header (unknown is not missing)', async () => {
    h = await startHarness(); // for its simulator; this test signs in through its own accounts
    // A proxy (or an older Slack) that drops the header: grantedScopes is null.
    const withoutScopes: typeof fetch = async (input, init) => {
      const res = await fetch(input, init);
      const headers = new Headers(res.headers);
      headers.delete('x-oauth-scopes');
      return new Response(await res.text(), { status: res.status, headers });
    };
    const vault = createMemoryVault();
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'admit-accounts-'));
    const accounts = createAccounts({
      dataDir,
      apiUrl: h.sim.apiUrl,
      fetch: withoutScopes,
      emit: () => undefined,
      vault,
      limiter: createRateLimiter({ scale: 60 }),
      oauth: { clientId: null, redirectPorts: [], allowedEnterpriseIds: [] },
      lastOrg: { get: () => null, set: () => undefined },
      problems: () => [],
      syncIntervalMs: 60 * 60_000,
    });
    try {
      expect(await accounts.connectToken(h.sim.adminToken)).toMatchObject({ status: 'signed_in' });
      expect((await vault.load(h.sim.enterpriseId))?.scopes).toEqual([]); // not known, so none recorded
    } finally {
      await accounts.close();
      await rm(dataDir, { recursive: true, force: true, maxRetries: 5, retryDelay: 100 });
    }
  });
});

describe('a rotating token Slack rejects', () => {
  /** Signs in with OAuth against `sim` (12-hour tokens: no refresh is due) and waits for the first sync. */
  const oauthSignIn = async (sim: Simulator): Promise<void> => {
    h = await startHarness({ sim, oauthPorts: await freePorts(3) });
    const synced = h.waitFor('sync:progress', (s) => s.state === 'idle' && s.lastSyncedAt !== null);
    const { authorizeUrl } = await call<{ authorizeUrl: string }>('session:signIn');
    const consent = await fetch(authorizeUrl, { redirect: 'manual' });
    const finished = h.waitFor('session:signInFinished');
    await fetch((consent.headers.get('location') ?? '').replace('localhost', '127.0.0.1'));
    expect(await finished).toMatchObject({ ok: true });
    await synced;
  };
  /** Counts saves of rotated credentials (one per refresh). */
  const countRefreshes = (): { count: () => number } => {
    const saves: OrgCredentials[] = [];
    const save = h.vault.save.bind(h.vault);
    h.vault.save = async (c) => {
      saves.push(c);
      await save(c);
    };
    return { count: () => saves.length };
  };
  const approveFirst = async (): Promise<RequestSummary> => {
    const [r] = (await call<InboxPage>('inbox:list', { offset: 0, limit: 1 })).items;
    await call('actions:enqueue', {
      kind: 'approve',
      requestId: r!.id,
      appId: r!.appId,
      target: { teamId: r!.teamId },
    });
    return r!;
  };
  const approveCalls = (sim: Simulator, id: string) =>
    sim.state.calls.filter((c) => c.method === 'admin.apps.approve' && c.params['request_id'] === id);

  it.each(['token_expired', 'invalid_auth'])(
    '%s once: one refresh, one retry, and the action is applied',
    async (error) => {
      const sim = await startSimulator({ port: 0, rateScale: 60, oauth: { tokenTtlSeconds: 43_200 } });
      try {
        await oauthSignIn(sim);
        const refreshes = countRefreshes();
        sim.faults.set({ errorFor: { 'admin.apps.approve': { error, count: 1 } } });
        const r = await approveFirst();
        await vi.waitFor(() => expect(sim.state.closed.get(r.id)?.outcome).toBe('approved'), {
          timeout: 5_000,
        });
        expect(approveCalls(sim, r.id).map((c) => c.error ?? 'ok')).toEqual([error, 'ok']);
        expect(refreshes.count()).toBe(1);
        expect((await call<QueueView>('actions:list')).status.state).toBe('running');
      } finally {
        await sim.close();
      }
    },
  );

  it('closing while a sync’s refreshed token is being written: close resolves once it is on disk', async () => {
    const sim = await startSimulator({ port: 0, rateScale: 60, oauth: { tokenTtlSeconds: 43_200 } });
    try {
      await oauthSignIn(sim);
      const spent = (await h.vault.load(sim.enterpriseId))?.refreshToken;
      // The rotated credentials' write is held until 200 ms after the service starts closing.
      let rotated: OrgCredentials | undefined;
      let release = (): void => undefined;
      const held = new Promise<void>((resolve) => (release = resolve));
      const save = h.vault.save.bind(h.vault);
      const writing = new Promise<void>((started) => {
        h.vault.save = async (c) => {
          rotated = c;
          started();
          await held;
          await save(c);
        };
      });
      // A sync's read, not a queued send (the queue's stop waits for its sends): nothing else awaits it.
      sim.faults.set({ errorFor: { 'admin.apps.requests.list': { error: 'token_expired', count: 1 } } });
      const syncing = h.call('inbox:refresh').catch(() => undefined);
      await writing;
      expect(rotated?.refreshToken).not.toBe(spent); // Slack has spent the old one
      setTimeout(release, 200);
      await h.service.close();
      const onDisk = createVault({
        file: path.join(h.dataDir, 'tokens.json'),
        cipher: testCipher,
        allowPlaintext: false,
      });
      expect((await onDisk.load(sim.enterpriseId))?.refreshToken).toBe(rotated?.refreshToken);
      await syncing;
    } finally {
      await sim.close();
    }
  });

  it('rejected again after the refresh: the queue pauses for sign-in, after exactly one refresh', async () => {
    const sim = await startSimulator({ port: 0, rateScale: 60, oauth: { tokenTtlSeconds: 43_200 } });
    try {
      await oauthSignIn(sim);
      const refreshes = countRefreshes();
      sim.faults.set({ errorFor: { 'admin.apps.approve': { error: 'token_expired', count: 5 } } });
      const r = await approveFirst();
      await vi.waitFor(
        async () => expect((await call<QueueView>('actions:list')).status.state).toBe('paused'),
        {
          timeout: 5_000,
        },
      );
      const view = await call<QueueView>('actions:list');
      expect(view.status.label).toMatch(/sign in/);
      expect(view.actions.map((a) => a.state)).toEqual(['pending']);
      expect(approveCalls(sim, r.id)).toHaveLength(2);
      expect(refreshes.count()).toBe(1);
    } finally {
      await sim.close();
    }
  });
});
