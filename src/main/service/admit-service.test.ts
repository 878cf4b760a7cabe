import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueView, RequestSummary } from '../../shared/view-types';
import { dispatch } from '../bridge/dispatch';
import { startHarness, type Harness } from './service-harness';

let h: Harness;
afterEach(() => h?.close());

const call = <T>(channel: string, input?: unknown): Promise<T> => h.call<T>(channel, input);

const inbox = async (): Promise<RequestSummary[]> => {
  const page = await call<{ items: RequestSummary[] }>('inbox:list', { offset: 0, limit: 1000 });
  return page.items;
};

/** Signs in with the simulator's admin token and waits for the first sync to finish. */
const signIn = async (): Promise<void> => {
  const synced = h.waitFor('sync:progress', (s) => s.state === 'idle' && s.lastSyncedAt !== null);
  await call('session:connectToken', { token: h.sim.adminToken });
  await synced;
};

const drained = (): Promise<unknown> =>
  h.waitFor('actions:changed', (d) => d.progress.total > 0 && d.progress.done === d.progress.total);

describe('the service against the simulator', () => {
  it('signs in with a pasted org token, syncs every workspace and lists all 60 requests oldest first', async () => {
    h = await startHarness();
    await signIn();
    const items = await inbox();
    expect(items).toHaveLength(60);
    expect(new Set(items.map((r) => r.teamId)).size).toBeGreaterThanOrEqual(3);
    const times = items.map((r) => r.createdAt);
    expect(times).toEqual([...times].sort((a, b) => a - b));
    const state = await call<{ status: string; account: { enterpriseId: string; tokenStorage: string } }>(
      'session:get',
    );
    expect(state).toMatchObject({
      status: 'signed_in',
      account: { enterpriseId: h.sim.enterpriseId, tokenStorage: 'encrypted' },
    });
  });

  it('refuses a workspace-level token with an explanation', async () => {
    h = await startHarness();
    const result = await dispatch(h.service.handlers, 'session:connectToken', {
      token: 'xoxp-not-a-real-token-at-all',
    });
    expect(result).toMatchObject({ ok: false, error: { code: 'slack_auth' } });
  });

  it('approves a subset of optional scopes: the approve call carries exactly the kept scopes', async () => {
    h = await startHarness();
    await signIn();
    const items = await inbox();
    const withOptional = items.find((r) => h.sim.state.pending.get(r.id)?.scopes.some((s) => s.is_optional));
    expect(withOptional).toBeDefined();
    const request = h.sim.state.pending.get(withOptional!.id)!;
    const kept = request.scopes.filter((s) => s.token_type === 'bot' && !s.is_optional).map((s) => s.name);
    const done = drained();
    await call('actions:enqueue', {
      kind: 'approve',
      requestId: request.id,
      appId: request.app.id,
      target: { teamId: request.team.id },
      botScopes: kept,
      note: 'kept only the required scopes',
    });
    await done;
    const approve = h.sim.state.calls.find((c) => c.method === 'admin.apps.approve');
    expect(approve?.params['bot_scopes']).toBe(kept.join(','));
    expect(h.sim.state.pending.has(request.id)).toBe(false);
    expect((await inbox()).some((r) => r.id === request.id)).toBe(false);
    const audit = await call<{ content: string }>('audit:export', { format: 'csv' });
    expect(audit.content).toContain('kept only the required scopes');
    expect(audit.content).toContain(request.id);
  });

  it('keeps accepting decisions offline and sends each exactly once when Slack is back', async () => {
    h = await startHarness();
    await signIn();
    const items = (await inbox()).slice(0, 3);
    h.sim.faults.set({ offline: true });
    const offline = h.waitFor('connection:changed', (c) => c.state === 'offline');
    for (const r of items) {
      await call('actions:enqueue', {
        kind: 'restrict',
        requestId: r.id,
        appId: r.appId,
        target: { teamId: r.teamId },
      });
    }
    await offline;
    const queued = await call<QueueView>('actions:list');
    expect(queued.actions.filter((a) => a.state !== 'done')).toHaveLength(3);
    const done = drained();
    h.sim.faults.clear();
    h.service.hint(true); // the OS says we are back: only a hint, it triggers a probe
    await done;
    for (const r of items) expect(h.sim.state.closed.get(r.id)?.outcome).toBe('restricted');
    const restricts = h.sim.state.calls.filter((c) => c.method === 'admin.apps.restrict' && c.ok);
    expect(restricts).toHaveLength(3);
  });

  it('shows a conflict plainly when another admin resolved the request differently', async () => {
    h = await startHarness();
    await signIn();
    const [r] = await inbox();
    h.sim.state.resolve(r!.appId, r!.teamId, 'restricted', [], 'W0OTHERADM1');
    const conflict = h.waitFor('actions:changed', (d) => d.changed.some((a) => a.state === 'conflict'));
    await call('actions:enqueue', {
      kind: 'approve',
      requestId: r!.id,
      appId: r!.appId,
      target: { teamId: r!.teamId },
    });
    const delta = await conflict;
    const view = delta.changed.find((a) => a.state === 'conflict');
    expect(view?.reason).toMatch(/restricted/i);
  });

  it('opens from the cache with Slack unreachable after a restart', async () => {
    h = await startHarness();
    await signIn();
    h.sim.faults.set({ offline: true });
    const service = await h.restart();
    const offline = h.waitFor('connection:changed', (c) => c.state === 'offline');
    await service.restore();
    expect(await inbox()).toHaveLength(60);
    await offline;
    const connection = await call<{ state: string; lastSyncedAt: number | null }>('connection:get');
    expect(connection.state).toBe('offline');
    expect(connection.lastSyncedAt).toEqual(expect.any(Number));
  });

  it('coalesces two decisions on one request and lets the last pending one be undone', async () => {
    h = await startHarness();
    await signIn();
    // Slack answers 503: the approve fails, so it waits (pending) for its next attempt.
    h.sim.faults.set({ http503: true });
    const [r] = await inbox();
    const target = { teamId: r!.teamId };
    await call('actions:enqueue', { kind: 'approve', requestId: r!.id, appId: r!.appId, target });
    await vi.waitFor(async () => {
      const view = await call<QueueView>('actions:list');
      expect(view.actions.map((a) => [a.kind, a.state])).toEqual([['approve', 'pending']]);
    });
    await call('actions:enqueue', { kind: 'restrict', requestId: r!.id, appId: r!.appId, target });
    const view = await call<QueueView>('actions:list');
    expect(view.actions.map((a) => a.kind)).toEqual(['restrict']);
    // Between attempts it is pending and can be undone.
    await vi.waitFor(async () => {
      const undone = await call<{ kind: string } | null>('actions:undoLast');
      expect(undone?.kind).toBe('restrict');
    });
    expect((await call<QueueView>('actions:list')).actions).toEqual([]);
    const audit = await call<{ content: string }>('audit:export', { format: 'json' });
    const events = (JSON.parse(audit.content) as { event: string; kind: string }[]).map(
      (e) => `${e.event}:${e.kind}`,
    );
    expect(events).toEqual(
      expect.arrayContaining(['enqueued:approve', 'enqueued:restrict', 'undone:restrict']),
    );
  });

  it('signs out only after unsent actions were shown, then deletes the org’s local data', async () => {
    h = await startHarness();
    await signIn();
    h.sim.faults.set({ offline: true });
    const [r] = await inbox();
    await call('actions:enqueue', {
      kind: 'cancel',
      requestId: r!.id,
      appId: r!.appId,
      target: { teamId: r!.teamId },
    });
    const first = await call<{ signedOut: boolean; unsent: unknown[] }>('session:signOut', { force: false });
    expect(first).toMatchObject({ signedOut: false, unsent: [expect.objectContaining({ kind: 'cancel' })] });
    const orgDir = path.join(h.dataDir, 'orgs', h.sim.enterpriseId);
    expect(existsSync(orgDir)).toBe(true);
    const second = await call<{ signedOut: boolean }>('session:signOut', { force: true });
    expect(second.signedOut).toBe(true);
    expect(existsSync(orgDir)).toBe(false);
    expect(await h.vault.list()).toEqual([]);
  });

  it('opens Slack links, and other hosts only for links Slack gave for that request', async () => {
    const opened: { url: string; extraHosts: readonly string[] }[] = [];
    h = await startHarness({
      openUrl: async (url, extraHosts = []) => void opened.push({ url, extraHosts }),
    });
    await signIn();
    const [r] = await inbox();
    const detail = await call<{ links: { url: string }[] }>('inbox:get', { id: r!.id });
    const link = detail.links.find((l) => !new URL(l.url).hostname.endsWith('slack.com'));
    expect(link).toBeDefined();
    await call('app:openExternal', { url: 'https://slack.com/help' });
    await call('app:openExternal', { url: link!.url, requestId: r!.id });
    await call('app:openExternal', { url: 'https://evil.example/x', requestId: r!.id });
    expect(opened).toEqual([
      { url: 'https://slack.com/help', extraHosts: [] },
      { url: link!.url, extraHosts: [new URL(link!.url).hostname] },
      { url: 'https://evil.example/x', extraHosts: [] }, // the host's allowlist then refuses it
    ]);
    const plain = await dispatch(h.service.handlers, 'app:openExternal', { url: 'http://insecure.example/' });
    expect(plain).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('clears a resolution and uninstalls an app; a protected app needs attention with Slack’s reason', async () => {
    h = await startHarness();
    await signIn();
    const org = h.sim.state.org;
    const appId = (name: string): string => org.apps.find((a) => a.app.name === name)!.app.id;
    const E = h.sim.enterpriseId;
    const done = h.waitFor(
      'actions:changed',
      (d) => d.progress.total >= 3 && d.progress.done === d.progress.total,
    );
    await call('actions:enqueueMany', [
      { kind: 'clearResolution', appId: appId('Crypto Tipper'), target: { enterpriseId: E } },
      { kind: 'uninstall', appId: appId('Google Calendar'), target: { enterpriseId: E } },
      { kind: 'uninstall', appId: appId('Okta SCIM Provisioning'), target: { enterpriseId: E } },
    ]);
    await done;
    expect(h.sim.state.resolutions.has(`${appId('Crypto Tipper')}@${E}`)).toBe(false);
    expect(h.sim.state.uninstalls.map((u) => u.app_id)).toEqual([appId('Google Calendar')]);
    const view = await call<QueueView>('actions:list');
    const stuck = view.actions.find((a) => a.appId === appId('Okta SCIM Provisioning'));
    expect(stuck?.state).toBe('needs_attention');
    expect(stuck?.reason).toMatch(/uninstall/i);
  });
});
