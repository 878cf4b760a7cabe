import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppRequest, ResolvedApp, Team } from '../../shared/models';
import type { SkippedItem } from '../slack/wire';
import type { SlackTarget as SlackTargetArg } from '../slack/target';
import { openOrgStore, type OrgStore } from '../store/org-store';
import { makeRequest, makeResolved } from '../store/test-support/fixtures';
import { chunkDelta, MAX_CHUNK_BYTES, type SyncDeltaChunk } from './delta-chunks';
import { SummaryRows } from './summary-rows';
import { runInventorySync } from './inventory-sync';
import { runInboxSync, type SyncProgress, type SyncSlackPort } from './sync-engine';

const dirs: string[] = [];
const stores: OrgStore[] = [];
const newStore = (): OrgStore => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-sync-'));
  dirs.push(dir);
  const { store } = openOrgStore(dir);
  stores.push(store);
  return store;
};
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const key = (t: SlackTargetArg): string => ('team_id' in t ? t.team_id : t.enterprise_id);

/** A fake Slack that pages by 1000 like the real client and reports each page. */
const fakeSlack = (state: {
  teams: Team[];
  requests: Record<string, AppRequest[]>;
  approved?: Record<string, ResolvedApp[]>;
  fail?: Record<string, Error>;
  failApproved?: Record<string, Error>;
  skipped?: Record<string, SkippedItem[]>;
  skippedTeams?: SkippedItem[];
  /** Every call, as `method@target`. */
  calls?: string[];
}) => {
  const paged = async <T>(
    items: T[],
    onPage?: (p: { items: T[] }) => void,
    skipped: SkippedItem[] = [],
  ): Promise<{ items: T[]; skipped: SkippedItem[] }> => {
    for (let i = 0; i === 0 || i < items.length; i += 1000) onPage?.({ items: items.slice(i, i + 1000) });
    return { items, skipped };
  };
  const port: SyncSlackPort = {
    listTeams: async () => ({ items: state.teams, skipped: state.skippedTeams ?? [] }),
    listRequests: async (t, onPage) => {
      state.calls?.push(`requests@${key(t)}`);
      const failure = state.fail?.[key(t)];
      if (failure) throw failure;
      return paged(state.requests[key(t)] ?? [], onPage, state.skipped?.[key(t)]);
    },
    listApproved: async (t, onPage) => {
      state.calls?.push(`approved@${key(t)}`);
      const failure = state.failApproved?.[key(t)];
      if (failure) throw failure;
      return paged(state.approved?.[key(t)] ?? [], onPage);
    },
    listRestricted: async (t, onPage) => {
      state.calls?.push(`restricted@${key(t)}`);
      return paged([], onPage);
    },
  };
  return port;
};

const skippedItem = (id: string | null, field: string): SkippedItem => ({
  method: 'admin.apps.requests.list',
  index: 3,
  id,
  field,
  message: 'Invalid input: expected number, received string',
});

describe('runInboxSync', () => {
  it('syncs 10,000 requests, emitting deltas in chunks under 256 KB, and sets last synced', async () => {
    const store = newStore();
    const requests = Array.from({ length: 10_000 }, (_, i) => makeRequest(i, 'T001'));
    const calls: string[] = [];
    const slack = fakeSlack({
      teams: [{ id: 'T001', name: 'One' }],
      requests: { T001: requests, E001: [makeRequest(20_000, 'T001')] },
      approved: { T001: [makeResolved('A00001')] },
      calls,
    });
    const chunks: SyncDeltaChunk[] = [];
    const progress: SyncProgress[] = [];
    const result = await runInboxSync({
      slack,
      store,
      enterpriseId: 'E001',
      onDelta: (c) => chunks.push(c),
      onProgress: (p) => progress.push(p),
      now: () => 99,
    });
    expect(result).toMatchObject({
      targets: 2,
      requests: 10_001,
      added: 10_001,
      removed: 0,
      errors: [],
      complete: true,
      problems: [],
    });
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    const ids = chunks.flatMap((c) => c.added.list().map((s) => s.id));
    expect(new Set(ids).size).toBe(10_001);
    expect(store.counts().requests).toBe(10_001);
    expect(store.getLastSynced()).toBe(99);
    expect(progress.at(-1)).toMatchObject({ targetsDone: 2, targetsTotal: 2 });
    // The inbox reads requests.list only: teams (1) + E001 (1 page) + T001 (10 pages).
    expect(calls).toEqual(['requests@E001', 'requests@T001']);
    expect(store.getResolvedApps('T001', 'approved')).toEqual([]);
    expect(result.pages).toBe(12);
    expect(result.calls).toEqual({ 'admin.teams.list': 1, 'admin.apps.requests.list': 11 });
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));

    // A second sync with one request gone and one changed emits only that.
    chunks.length = 0;
    requests.splice(0, 1);
    requests[0] = makeRequest(1, 'T001', { message: 'changed' });
    const again = await runInboxSync({ slack, store, enterpriseId: 'E001', onDelta: (c) => chunks.push(c) });
    expect(again).toMatchObject({ added: 0, changed: 1, removed: 1 });
    expect(JSON.parse(JSON.stringify(chunks))).toEqual([
      {
        target: 'T001',
        added: [],
        changed: [expect.objectContaining({ id: 'Ar000001' })],
        removed: ['Ar000000'],
      },
    ]);
  });

  it('keeps a target that failed, reports it, and drops workspaces that left the org', async () => {
    const store = newStore();
    store.replacePendingRequests('T009', [makeRequest(9, 'T009')]);
    store.replacePendingRequests('T002', [makeRequest(2, 'T002')]);
    const denied = Object.assign(new Error('not allowed'), { code: 'not_allowed', category: 'permission' });
    const slack = fakeSlack({
      teams: [
        { id: 'T001', name: 'One' },
        { id: 'T002', name: 'Two' },
      ],
      requests: { T001: [makeRequest(1)] },
      fail: { T002: denied },
    });
    const removed: string[] = [];
    const result = await runInboxSync({
      slack,
      store,
      enterpriseId: 'E001',
      onDelta: (c) => removed.push(...c.removed),
    });
    expect(result.errors).toEqual([
      { target: 'T002', code: 'not_allowed', category: 'permission', message: 'not allowed' },
    ]);
    expect(removed).toEqual(['Ar000009']);
    expect(store.counts().byTarget).toEqual({ T001: 1, T002: 1 });
  });

  it('a failed workspace makes the sync partial: last synced stays, the target says why', async () => {
    const store = newStore();
    const denied = Object.assign(new Error('not allowed'), { code: 'not_allowed', category: 'permission' });
    const slack = fakeSlack({
      teams: [
        { id: 'T001', name: 'One' },
        { id: 'T002', name: 'Two' },
      ],
      requests: { T001: [makeRequest(1)], E001: [makeRequest(5, 'E001')] },
      fail: { T002: denied },
    });
    const result = await runInboxSync({ slack, store, enterpriseId: 'E001', now: () => 1000 });
    expect(result.complete).toBe(false);
    expect(result.problems).toEqual(['Two: requests could not be read (not allowed)']);
    expect(store.getLastSynced()).toBeNull();
    expect(store.listTargetSync().map((r) => [r.name, r.state, r.items])).toEqual([
      ['Whole org', 'complete', 1],
      ['One', 'complete', 1],
      ['Two', 'failed', null],
    ]);
    // Once everything reads, last synced moves.
    delete (slack as { fail?: unknown }).fail;
    const ok = fakeSlack({
      teams: [
        { id: 'T001', name: 'One' },
        { id: 'T002', name: 'Two' },
      ],
      requests: { T001: [makeRequest(1)], E001: [makeRequest(5, 'E001')] },
    });
    expect((await runInboxSync({ slack: ok, store, enterpriseId: 'E001', now: () => 2000 })).complete).toBe(
      true,
    );
    expect(store.getLastSynced()).toBe(2000);
    expect(store.listTargetSync().every((r) => r.state === 'complete')).toBe(true);
  });

  it('a malformed item is skipped and reported with its workspace and field; the rest and its cached copy stay', async () => {
    const store = newStore();
    store.replacePendingRequests('T001', [makeRequest(7), makeRequest(8)]);
    const slack = fakeSlack({
      teams: [{ id: 'T001', name: 'Acme HQ' }],
      requests: { T001: [makeRequest(8), makeRequest(9)] },
      skipped: { T001: [skippedItem('Ar000007', 'date_created')] },
    });
    const result = await runInboxSync({ slack, store, enterpriseId: 'E001' });
    expect(result.complete).toBe(false);
    expect(result.problems[0]).toBe(
      'Acme HQ: 1 request could not be read (date_created: Invalid input: expected number, received string)',
    );
    // Ar000007 was sent but unreadable: its cached copy is kept rather than silently dropped.
    expect(store.getRequest('Ar000007')).not.toBeNull();
    expect(store.getRequest('Ar000009')).not.toBeNull();
    expect(store.listTargetSync().find((r) => r.target === 'T001')).toMatchObject({
      state: 'partial',
      items: 2,
      skipped: 1,
    });
    expect(store.getLastSynced()).toBeNull();
  });

  it('reads first the workspaces where requests appeared most recently', async () => {
    const calls: string[] = [];
    const slack = fakeSlack({
      teams: [
        { id: 'T001', name: 'One' },
        { id: 'T002', name: 'Two' },
        { id: 'T003', name: 'Three' },
      ],
      requests: {},
      calls,
    });
    const recency = new Map([
      ['T003', 500],
      ['T001', 100],
    ]);
    await runInboxSync({ slack, store: newStore(), enterpriseId: 'E001', recency });
    expect(calls).toEqual(['requests@T003', 'requests@T001', 'requests@E001', 'requests@T002']);
  });

  it('does not drop a workspace whose entry in the workspace list could not be read', async () => {
    const store = newStore();
    store.replaceTeams([{ id: 'T002', name: 'Two' }]);
    store.replacePendingRequests('T002', [makeRequest(2, 'T002')]);
    const slack = fakeSlack({
      teams: [{ id: 'T001', name: 'One' }],
      requests: { T001: [makeRequest(1)], T002: [makeRequest(2, 'T002')] },
      skippedTeams: [{ ...skippedItem(null, 'name'), method: 'admin.teams.list' }],
    });
    const result = await runInboxSync({ slack, store, enterpriseId: 'E001' });
    expect(store.counts().byTarget).toEqual({ T001: 1, T002: 1 });
    expect(result.complete).toBe(false);
    expect(result.problems[0]).toMatch(/^Workspace list: 1 workspace could not be read/);
  });

  it('stores org-level requests under the org with their level', async () => {
    const store = newStore();
    const slack = fakeSlack({ teams: [], requests: { E001: [makeRequest(3, 'E001')] } });
    await runInboxSync({ slack, store, enterpriseId: 'E001' });
    expect(store.counts().byTarget).toEqual({ E001: 1 });
    expect(store.listSummaries(0, 10).items[0]).toMatchObject({
      teamId: 'E001',
      teamName: 'Whole org',
      level: 'org',
    });
  });

  it('stops on reauth and network errors without setting last synced', async () => {
    const store = newStore();
    const offline = Object.assign(new Error('offline'), { category: 'network' });
    const slack = fakeSlack({ teams: [], requests: {}, fail: { E001: offline } });
    await expect(runInboxSync({ slack, store, enterpriseId: 'E001' })).rejects.toThrow('offline');
    expect(store.getLastSynced()).toBeNull();
  });
});

describe('runInventorySync', () => {
  const places = [
    { id: 'E001', name: 'Whole org', target: { enterpriseId: 'E001' } },
    { id: 'T001', name: 'One', target: { teamId: 'T001' } },
  ];

  it('reads both lists of each place, writes them and records when each place was read', async () => {
    const store = newStore();
    const calls: string[] = [];
    const slack = fakeSlack({ teams: [], requests: {}, approved: { T001: [makeResolved('A00001')] }, calls });
    const result = await runInventorySync({ slack, store, places, now: () => 42 });
    expect(calls.sort()).toEqual(['approved@E001', 'approved@T001', 'restricted@E001', 'restricted@T001']);
    expect(result).toMatchObject({ read: ['E001', 'T001'], complete: true, problems: [] });
    expect(store.getResolvedApps('T001', 'approved')).toHaveLength(1);
    expect(store.listInventorySync().get('T001')).toMatchObject({ state: 'complete', syncedAt: 42 });
  });

  it('a list that fails leaves that place partial, keeps its cached copy and its last complete read', async () => {
    const store = newStore();
    store.replaceResolved('T001', { approved: [makeResolved('A00009')] });
    const ok = fakeSlack({ teams: [], requests: {}, approved: { T001: [makeResolved('A00009')] } });
    await runInventorySync({ slack: ok, store, places, now: () => 1 });
    const busy = Object.assign(new Error('Slack is busy'), { code: 'fatal_error', category: 'retryable' });
    const failing = fakeSlack({ teams: [], requests: {}, failApproved: { T001: busy } });
    const result = await runInventorySync({ slack: failing, store, places, now: () => 2 });
    expect(result.complete).toBe(false);
    expect(result.problems).toEqual(['One: approved apps could not be read (Slack is busy)']);
    expect(store.getResolvedApps('T001', 'approved').map((a) => a.app.id)).toEqual(['A00009']);
    expect(store.listInventorySync().get('T001')).toMatchObject({
      state: 'partial',
      attemptedAt: 2,
      syncedAt: 1,
    });
    expect(store.listInventorySync().get('E001')).toMatchObject({ state: 'complete', syncedAt: 2 });
  });

  it('stops on errors that would fail every place', async () => {
    const offline = Object.assign(new Error('offline'), { category: 'network' });
    const slack = fakeSlack({ teams: [], requests: {}, failApproved: { E001: offline } });
    await expect(runInventorySync({ slack, store: newStore(), places })).rejects.toThrow('offline');
  });
});

describe('chunkDelta', () => {
  it('keeps every item exactly once, in order, within the byte limit', () => {
    const removed = Array.from({ length: 500 }, (_, i) => `Ar${i}`);
    const none = SummaryRows.of([]);
    const chunks = chunkDelta('T1', { added: none, changed: none, removed }, 1000);
    expect(chunks.flatMap((c) => c.removed)).toEqual(removed);
    for (const c of chunks) expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThanOrEqual(1000);
    expect(chunkDelta('T1', { added: none, changed: none, removed: [] })).toEqual([]);
  });
});
