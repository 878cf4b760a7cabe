import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { QueueView, RequestSummary, SyncStatus, TargetSyncView } from '../../shared/view-types';
import {
  DEMO_ORG_LEVEL_REQUEST_COUNT,
  DEMO_REQUEST_COUNT,
  requestTarget,
  type SimRequest,
} from '../../simulator';
import { dispatch } from '../bridge/dispatch';
import { startHarness, type Harness } from './test-support/service-harness';

let h: Harness;
afterEach(() => h?.close());

const call = <T>(channel: string, input?: unknown): Promise<T> => h.call<T>(channel, input);

const inbox = async (): Promise<RequestSummary[]> => {
  const page = await call<{ items: RequestSummary[] }>('inbox:list', { offset: 0, limit: 1000 });
  return page.items;
};

/** An inbox row's own target, as Admit's actions name it. */
const rowTarget = (r: RequestSummary) =>
  r.level === 'org' ? { enterpriseId: r.teamId } : { teamId: r.teamId };

/** A simulator request's own target, as Admit's actions name it. */
const targetOf = (r: SimRequest) => (r.team ? { teamId: r.team.id } : { enterpriseId: requestTarget(r) });

const drained = (): Promise<unknown> =>
  h.waitFor('actions:changed', (d) => d.progress.total > 0 && d.progress.done === d.progress.total);

describe('the service against the simulator', () => {
  it('signs in with a pasted org token, syncs every workspace and lists every request oldest first', async () => {
    h = await startHarness();
    await h.signIn();
    const items = await inbox();
    // Workspace requests (enterprise: null), whole-org ones (team: null), certified apps and null strings alike.
    expect(items).toHaveLength(DEMO_REQUEST_COUNT);
    expect(items.map((r) => r.id).sort()).toEqual([...h.sim.state.pending.keys()].sort());
    const orgLevel = items.filter((r) => r.level === 'org');
    expect(orgLevel).toHaveLength(DEMO_ORG_LEVEL_REQUEST_COUNT);
    for (const r of orgLevel) expect(r).toMatchObject({ teamId: h.sim.enterpriseId, teamName: 'Whole org' });
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

  it('refuses an approval Slack would widen (a token type left with no scopes), and sends nothing', async () => {
    h = await startHarness();
    await h.signIn();
    const request = [...h.sim.state.pending.values()].find(
      (r) =>
        r.team &&
        r.scopes.some((s) => s.token_type === 'bot') &&
        r.scopes.some((s) => s.token_type === 'user'),
    );
    expect(request).toBeDefined();
    const bot = request!.scopes.filter((s) => s.token_type === 'bot').map((s) => s.name);
    for (const userScopes of [[], undefined]) {
      const result = await dispatch(h.service.handlers, 'actions:enqueue', {
        kind: 'approve',
        requestId: request!.id,
        appId: request!.app.id,
        target: targetOf(request!),
        botScopes: bot,
        ...(userScopes ? { userScopes } : {}),
      });
      expect(result).toMatchObject({
        ok: false,
        error: {
          code: 'invalid_input',
          message: expect.stringMatching(/without any of its user token scopes/),
        },
      });
    }
    expect((await call<QueueView>('actions:list')).actions).toHaveLength(0);
    expect(h.sim.state.calls.some((c) => c.method === 'admin.apps.approve')).toBe(false);
  });

  it('decides a whole-org request with request_id + enterprise_id, exactly once', async () => {
    h = await startHarness();
    await h.signIn();
    const orgRequest = (await inbox()).find((r) => r.level === 'org');
    expect(orgRequest).toBeDefined();
    const done = drained();
    await call('actions:enqueue', {
      kind: 'restrict',
      requestId: orgRequest!.id,
      appId: orgRequest!.appId,
      target: { enterpriseId: h.sim.enterpriseId },
    });
    await done;
    const sent = h.sim.state.calls.filter((c) => c.method === 'admin.apps.restrict');
    expect(sent.map((c) => c.params)).toEqual([
      { request_id: orgRequest!.id, enterprise_id: h.sim.enterpriseId },
    ]);
    expect(h.sim.state.closed.get(orgRequest!.id)?.outcome).toBe('restricted');
    expect((await inbox()).some((r) => r.id === orgRequest!.id)).toBe(false);
  });

  it("counts today's decisions from the audit log, so a restart does not reset them", async () => {
    h = await startHarness();
    await h.signIn();
    const before = await call<QueueView>('actions:list');
    expect(before.today.done).toBe(0);
    const midnight = new Date();
    midnight.setHours(0, 0, 0, 0);
    expect(before.today.since).toBe(midnight.getTime());
    const [a, b] = (await inbox()).filter((r) => r.level === 'workspace');
    const done = h.waitFor('actions:changed', (d) => d.today.done === 2);
    for (const r of [a!, b!]) {
      await call('actions:enqueue', {
        kind: 'restrict',
        requestId: r.id,
        appId: r.appId,
        target: rowTarget(r),
      });
    }
    await done;
    await h.restart();
    await call('session:switch', { enterpriseId: h.sim.enterpriseId });
    const after = await call<QueueView>('actions:list');
    expect(after.actions).toHaveLength(0); // this session's queue saw none of them
    expect(after.today.done).toBe(2);
  });

  it('a sync where one workspace fails and one item is malformed says so and keeps everything else', async () => {
    h = await startHarness();
    await h.signIn();
    const complete = await call<{ lastSyncedAt: number }>('connection:get');
    const [sales, hq] = ['T0ACMESLS03', 'T0ACMEHQ001'];
    h.sim.faults.set({
      errorFor: { [`admin.apps.requests.list@${sales}`]: 'not_allowed' },
      malformedItemAt: [hq],
    });
    const status = await call<SyncStatus>('inbox:refresh');
    expect(status.targets).toEqual({ total: 5, complete: 3, partial: 1, failed: 1 });
    expect(status.problems).toEqual([
      expect.stringMatching(/^Acme HQ: 1 request could not be read \(date_created: /),
      expect.stringMatching(/^Acme Sales: requests could not be read \(/),
    ]);
    // "Last synced" does not move for a partial sync; nothing cached was lost.
    expect(status.lastSyncedAt).toBe(complete.lastSyncedAt);
    // The failed workspace keeps its rows, and the unreadable request keeps its cached copy.
    expect((await inbox()).map((r) => r.id).sort()).toEqual([...h.sim.state.pending.keys()].sort());
    const targets = await call<TargetSyncView[]>('sync:targets');
    expect(targets.find((t) => t.target === sales)).toMatchObject({ state: 'failed', name: 'Acme Sales' });
    expect(targets.find((t) => t.target === hq)).toMatchObject({ state: 'partial', skipped: 1 });
    // Once Slack answers everything again, the sync is complete and last synced moves on.
    h.sim.faults.clear();
    const again = await call<SyncStatus>('inbox:refresh');
    expect(again.targets).toEqual({ total: 5, complete: 5, partial: 0, failed: 0 });
    expect(again.lastSyncedAt).toBeGreaterThan(complete.lastSyncedAt);
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
    await h.signIn();
    const items = await inbox();
    const withOptional = items.find((r) => {
      const scopes = h.sim.state.pending.get(r.id)?.scopes ?? [];
      return r.level === 'workspace' && scopes.some((s) => s.is_optional && s.token_type === 'bot');
    });
    expect(withOptional).toBeDefined();
    const request = h.sim.state.pending.get(withOptional!.id)!;
    const kept = request.scopes.filter((s) => s.token_type === 'bot' && !s.is_optional).map((s) => s.name);
    const users = request.scopes.filter((s) => s.token_type === 'user').map((s) => s.name);
    const done = drained();
    await call('actions:enqueue', {
      kind: 'approve',
      requestId: request.id,
      appId: request.app.id,
      target: targetOf(request),
      botScopes: kept,
      ...(users.length > 0 ? { userScopes: users } : {}),
      note: 'kept only the required scopes',
    });
    await done;
    const approve = h.sim.state.calls.find((c) => c.method === 'admin.apps.approve');
    expect(approve?.params['bot_scopes']).toBe(kept.join(','));
    expect(approve?.params['user_scopes']).toBe(users.length > 0 ? users.join(',') : undefined);
    // Slack approved exactly what was sent.
    const granted = h.sim.state.resolutions.get(`${request.app.id}@${request.team!.id}`);
    expect(granted?.scopes.map((s) => s.name).sort()).toEqual([...kept, ...users].sort());
    expect(h.sim.state.pending.has(request.id)).toBe(false);
    expect((await inbox()).some((r) => r.id === request.id)).toBe(false);
    const audit = await call<{ content: string }>('audit:export', { format: 'csv' });
    expect(audit.content).toContain('kept only the required scopes');
    expect(audit.content).toContain(request.id);
  });

  it('keeps accepting decisions offline and sends each exactly once when Slack is back', async () => {
    h = await startHarness();
    await h.signIn();
    const items = (await inbox()).slice(0, 3);
    h.sim.faults.set({ offline: true });
    const offline = h.waitFor('connection:changed', (c) => c.state === 'offline');
    for (const r of items) {
      await call('actions:enqueue', {
        kind: 'restrict',
        requestId: r.id,
        appId: r.appId,
        target: rowTarget(r),
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
    await h.signIn();
    const [r] = await inbox();
    h.sim.state.resolve(r!.appId, r!.teamId, 'restricted', [], 'W0OTHERADM1');
    const conflict = h.waitFor('actions:changed', (d) => d.changed.some((a) => a.state === 'conflict'));
    await call('actions:enqueue', {
      kind: 'approve',
      requestId: r!.id,
      appId: r!.appId,
      target: rowTarget(r!),
    });
    const delta = await conflict;
    const view = delta.changed.find((a) => a.state === 'conflict');
    expect(view?.reason).toMatch(/restricted/i);
  });

  it('opens from the cache with Slack unreachable after a restart', async () => {
    h = await startHarness();
    await h.signIn();
    h.sim.faults.set({ offline: true });
    const service = await h.restart();
    const offline = h.waitFor('connection:changed', (c) => c.state === 'offline');
    await service.restore();
    expect(await inbox()).toHaveLength(DEMO_REQUEST_COUNT);
    await offline;
    const connection = await call<{ state: string; lastSyncedAt: number | null }>('connection:get');
    expect(connection.state).toBe('offline');
    expect(connection.lastSyncedAt).toEqual(expect.any(Number));
  });

  it('coalesces two decisions on one request and lets the last pending one be undone', async () => {
    h = await startHarness();
    await h.signIn();
    // Slack answers 503: the approve fails, so it waits (pending) for its next attempt.
    h.sim.faults.set({ http503: true });
    const [r] = await inbox();
    const target = rowTarget(r!);
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
    await h.signIn();
    h.sim.faults.set({ offline: true });
    const [r] = await inbox();
    await call('actions:enqueue', {
      kind: 'cancel',
      requestId: r!.id,
      appId: r!.appId,
      target: rowTarget(r!),
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
    await h.signIn();
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
    await h.signIn();
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
