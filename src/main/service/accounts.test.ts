import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { InboxPage, SessionState } from '../../shared/view-types';
import { dispatch } from '../bridge/dispatch';
import { SIMULATOR_CLIENT_ID, startSimulator } from '../../simulator';
import { startHarness, type Harness } from './service-harness';

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
    expect((await call<InboxPage>('inbox:list', { offset: 0, limit: 1000 })).total).toBe(60);
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
    h = await startHarness({ sim, oauthPorts: [42_000 + Math.floor(Math.random() * 10_000)] });
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
      expect((await call<InboxPage>('inbox:list', { offset: 0, limit: 1000 })).total).toBe(60);
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
