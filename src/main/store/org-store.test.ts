import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { migrate, migrations, SCHEMA_VERSION, schemaVersion } from './migrations';
import { openOrgStore, ORG_DB_FILE, type OrgStore, type TargetSyncRecord } from './org-store';
import { makeRequest, makeResolved } from './test-support/fixtures';

const dirs: string[] = [];
const stores: OrgStore[] = [];
const tmp = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-store-'));
  dirs.push(d);
  return d;
};
const open = (dir: string) => {
  const opened = openOrgStore(dir, { now: () => Date.UTC(2025, 0, 1) });
  stores.push(opened.store);
  return opened;
};
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('org store', () => {
  it('opens in WAL mode with synchronous=FULL at the latest schema', () => {
    const { store, recovery } = open(tmp());
    expect(recovery).toBeNull();
    const db = new DatabaseSync(store.path, { readOnly: true });
    expect(db.prepare('PRAGMA journal_mode').get()).toEqual({ journal_mode: 'wal' });
    expect(schemaVersion(db)).toBe(SCHEMA_VERSION);
    db.close();
  });

  it('upgrades a v1 database: queued actions kept, the old-format request cache dropped for a resync', () => {
    const dir = tmp();
    const file = path.join(dir, ORG_DB_FILE);
    const db = new DatabaseSync(file);
    expect(migrate(db, 1)).toBe(1);
    db.prepare('INSERT INTO sync_meta (key, value) VALUES (?, ?)').run('last_synced_at', '1234');
    db.prepare(
      `INSERT INTO requests (id, target, team_id, app_id, created_at, summary, raw) VALUES ('Ar1', 'T001', 'T001', 'A1', 1, '{}', '{"team":{"id":"T001"}}')`,
    ).run();
    db.prepare(
      `INSERT INTO actions (id, seq, key, state, record, updated_at) VALUES ('q1', 1, 'request:Ar1', 'pending', '{}', 1)`,
    ).run();
    db.close();
    const { store } = open(dir);
    // The old cache held Slack's JSON in the previous model; it is refilled by the next sync, and
    // "last synced" must not claim a sync of data that is no longer there.
    expect(store.getLastSynced()).toBeNull();
    expect(store.counts().requests).toBe(0);
    expect(store.counts().actions).toEqual({ pending: 1 });
    store.replaceTarget('T001', { requests: [makeRequest(1)], approved: [makeResolved('A1')] });
    expect(store.getResolvedApps('T001', 'approved').map((a) => a.app.id)).toEqual(['A1']);
    expect(migrations).toHaveLength(5);
  });

  it.skipIf(process.platform === 'win32')('keeps its folder 0700 and every file in it 0600', () => {
    const dir = path.join(tmp(), 'org');
    const { store } = open(dir);
    store.replacePendingRequests('T001', [makeRequest(1)]);
    store.queueStorage.commit({ put: [] });
    expect(fs.statSync(dir).mode & 0o777).toBe(0o700);
    const files = fs.readdirSync(dir);
    expect(files).toEqual(expect.arrayContaining([ORG_DB_FILE, `${ORG_DB_FILE}-wal`]));
    for (const f of files) expect(fs.statSync(path.join(dir, f)).mode & 0o777, f).toBe(0o600);
  });

  it('refuses a database from a newer schema instead of moving it aside', () => {
    const dir = tmp();
    const db = new DatabaseSync(path.join(dir, ORG_DB_FILE));
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    expect(() => openOrgStore(dir)).toThrow(/newer version of Admit/);
    expect(fs.readdirSync(dir).some((f) => f.includes('corrupt'))).toBe(false);
  });

  it('replaces one target atomically and returns the delta', () => {
    const { store } = open(tmp());
    expect(store.replacePendingRequests('T001', [makeRequest(1), makeRequest(2)])).toEqual({
      added: ['Ar000001', 'Ar000002'],
      removed: [],
      changed: [],
    });
    store.replacePendingRequests('T002', [makeRequest(9, 'T002')]);
    const changed = makeRequest(2, 'T001', { message: 'pretty please' });
    expect(store.replacePendingRequests('T001', [changed, makeRequest(3)])).toEqual({
      added: ['Ar000003'],
      removed: ['Ar000001'],
      changed: ['Ar000002'],
    });
    expect(store.counts()).toMatchObject({ requests: 3, byTarget: { T001: 2, T002: 1 } });
    expect(store.getRequest('Ar000002')?.message).toBe('pretty please');
    expect(store.pruneTargets(['T001'])).toEqual(['Ar000009']);
    expect(store.counts().requests).toBe(2);
  });

  it('pages summaries oldest first with derived fields', () => {
    const { store } = open(tmp());
    store.replacePendingRequests('T001', [makeRequest(3), makeRequest(1), makeRequest(2)]);
    const page = store.listSummaries(0, 2);
    expect(page.total).toBe(3);
    expect(page.items.map((s) => s.id)).toEqual(['Ar000001', 'Ar000002']);
    expect(store.listSummaries(2, 2).items[0]).toEqual({
      id: 'Ar000003',
      appId: 'A00003',
      appName: 'App 3',
      appIconUrl: 'https://example.com/icons/3-64.png',
      developerType: 'third_party',
      directoryApproved: false,
      teamId: 'T001',
      teamName: 'Team T001',
      level: 'workspace',
      requesterName: 'user3',
      createdAt: 1_700_000_003,
      scopeCount: 3,
      sensitiveCount: 1,
      newScopeCount: 2,
      previousStatus: 'approved',
      risk: expect.stringMatching(/^(low|medium|high)$/),
      scopeNames: expect.any(Array),
    });
    expect(store.getRequest('Ar000003')?.previous_resolution?.scopes.map((s) => s.name)).toEqual([
      'chat:write',
    ]);
  });

  it('inserts and pages 10,000 requests quickly', () => {
    const { store } = open(tmp());
    const requests = Array.from({ length: 10_000 }, (_, i) => makeRequest(10_000 - i));
    const t0 = performance.now();
    const delta = store.replacePendingRequests('E001', requests);
    const inserted = performance.now() - t0;
    expect(delta.added).toHaveLength(10_000);
    const t1 = performance.now();
    const last = store.listSummaries(9_900, 100);
    const paged = performance.now() - t1;
    expect(last.total).toBe(10_000);
    expect(last.items.map((s) => s.createdAt)).toEqual(
      Array.from({ length: 100 }, (_, i) => 1_700_009_901 + i),
    );
    expect(inserted).toBeLessThan(3_000);
    expect(paged).toBeLessThan(50);
    const t2 = performance.now();
    expect(store.replacePendingRequests('E001', requests)).toEqual({ added: [], removed: [], changed: [] });
    expect(performance.now() - t2).toBeLessThan(3_000);
  });

  it("records every target's sync in one write; a failed read keeps the last good read's time and count", () => {
    const { store } = open(tmp());
    const record = (target: string, at: number, read: boolean): TargetSyncRecord => ({
      target,
      name: target,
      level: 'workspace',
      state: read ? 'complete' : 'failed',
      attemptedAt: at,
      syncedAt: read ? at : null,
      items: read ? 7 : null,
      skipped: 0,
      error: read ? null : 'Slack did not answer',
      problems: [],
    });
    store.recordTargetSyncs([record('T1', 100, true), record('T2', 100, true)]);
    store.recordTargetSyncs([record('T1', 200, false), record('T2', 200, true), record('T3', 200, false)]);
    const byTarget = new Map(store.listTargetSync().map((r) => [r.target, r]));
    expect(byTarget.get('T1')).toMatchObject({ state: 'failed', attemptedAt: 200, syncedAt: 100, items: 7 });
    expect(byTarget.get('T2')).toMatchObject({ state: 'complete', syncedAt: 200, items: 7 });
    expect(byTarget.get('T3')).toMatchObject({ state: 'failed', syncedAt: null, items: null });
    store.recordTargetSyncs([]);
    expect(store.listTargetSync()).toHaveLength(3);
  });

  it('stores teams and last-synced time', () => {
    const { store } = open(tmp());
    store.replaceTeams([
      { id: 'T002', name: 'Beta' },
      { id: 'T001', name: 'Alpha' },
    ]);
    expect(store.listTeams().map((t) => t.name)).toEqual(['Alpha', 'Beta']);
    expect(store.getLastSynced()).toBeNull();
    store.setLastSynced(42);
    expect(store.getLastSynced()).toBe(42);
  });

  it('knows where requests appeared most recently, so a sync reads those workspaces first', () => {
    const { store } = open(tmp());
    store.replacePendingRequests('T001', [makeRequest(1, 'T001'), makeRequest(5, 'T001')]);
    store.replacePendingRequests('T002', [makeRequest(3, 'T002')]);
    expect(store.latestRequestAt()).toEqual(
      new Map([
        ['T001', 1_700_000_005],
        ['T002', 1_700_000_003],
      ]),
    );
  });
});
