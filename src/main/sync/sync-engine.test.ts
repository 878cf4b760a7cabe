import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { AppRequest, ResolvedApp, Team } from '../../shared/slack-types';
import type { SlackTargetArg } from '../queue/verifier';
import { openOrgStore, type OrgStore } from '../store/org-store';
import { makeRequest, makeResolved } from '../store/test-fixtures';
import { chunkDelta, MAX_CHUNK_BYTES, type SyncDeltaChunk } from './delta-chunks';
import { runFullSync, type SyncProgress, type SyncSlackPort } from './sync-engine';

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
}): SyncSlackPort => {
  const paged = async <T>(items: T[], onPage?: (p: { items: T[] }) => void): Promise<T[]> => {
    for (let i = 0; i === 0 || i < items.length; i += 1000) onPage?.({ items: items.slice(i, i + 1000) });
    return items;
  };
  return {
    listTeams: async () => state.teams,
    listRequests: async (t, onPage) => {
      const failure = state.fail?.[key(t)];
      if (failure) throw failure;
      return paged(state.requests[key(t)] ?? [], onPage);
    },
    listApproved: async (t, onPage) => paged(state.approved?.[key(t)] ?? [], onPage),
    listRestricted: async (_t, onPage) => paged([], onPage),
  };
};

describe('runFullSync', () => {
  it('syncs 10,000 requests, emitting deltas in chunks under 256 KB, and sets last synced', async () => {
    const store = newStore();
    const requests = Array.from({ length: 10_000 }, (_, i) => makeRequest(i, 'T001'));
    const slack = fakeSlack({
      teams: [{ id: 'T001', name: 'One' }],
      requests: { T001: requests, E001: [makeRequest(20_000, 'T001')] },
      approved: { T001: [makeResolved('A00001')] },
    });
    const chunks: SyncDeltaChunk[] = [];
    const progress: SyncProgress[] = [];
    const result = await runFullSync({
      slack,
      store,
      enterpriseId: 'E001',
      onDelta: (c) => chunks.push(c),
      onProgress: (p) => progress.push(p),
      now: () => 99,
    });
    expect(result).toMatchObject({ targets: 2, requests: 10_001, added: 10_001, removed: 0, errors: [] });
    expect(chunks.length).toBeGreaterThan(1);
    for (const c of chunks) expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThanOrEqual(MAX_CHUNK_BYTES);
    const ids = chunks.flatMap((c) => c.added.map((s) => s.id));
    expect(new Set(ids).size).toBe(10_001);
    expect(store.counts().requests).toBe(10_001);
    expect(store.getLastSynced()).toBe(99);
    expect(store.getResolvedApps('T001', 'approved')).toHaveLength(1);
    expect(progress.at(-1)).toMatchObject({ targetsDone: 2, targetsTotal: 2 });
    // teams(1) + E001: requests 1 + approved 1 + restricted 1; T001: requests 10 + approved 1 + restricted 1
    expect(result.pages).toBe(16);
    expect(progress.map((p) => p.done)).toEqual([...progress.map((p) => p.done)].sort((a, b) => a - b));

    // A second sync with one request gone and one changed emits only that.
    chunks.length = 0;
    requests.splice(0, 1);
    requests[0] = makeRequest(1, 'T001', { message: 'changed' });
    const again = await runFullSync({ slack, store, enterpriseId: 'E001', onDelta: (c) => chunks.push(c) });
    expect(again).toMatchObject({ added: 0, changed: 1, removed: 1 });
    expect(chunks).toEqual([
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
    const result = await runFullSync({
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

  it('stops on reauth and network errors without setting last synced', async () => {
    const store = newStore();
    const offline = Object.assign(new Error('offline'), { category: 'network' });
    const slack = fakeSlack({ teams: [], requests: {}, fail: { E001: offline } });
    await expect(runFullSync({ slack, store, enterpriseId: 'E001' })).rejects.toThrow('offline');
    expect(store.getLastSynced()).toBeNull();
  });
});

describe('chunkDelta', () => {
  it('keeps every item exactly once, in order, within the byte limit', () => {
    const removed = Array.from({ length: 500 }, (_, i) => `Ar${i}`);
    const chunks = chunkDelta('T1', { added: [], changed: [], removed }, 1000);
    expect(chunks.flatMap((c) => c.removed)).toEqual(removed);
    for (const c of chunks) expect(Buffer.byteLength(JSON.stringify(c))).toBeLessThanOrEqual(1000);
    expect(chunkDelta('T1', { added: [], changed: [], removed: [] })).toEqual([]);
  });
});
