import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it } from 'vitest';
import { toSummary } from '../inbox/summary';
import { openOrgStore, ORG_DB_FILE, prepareRequest, type OrgStore } from './org-store';
import { makeRequest } from './test-support/fixtures';

const dirs: string[] = [];
const stores: OrgStore[] = [];
const open = (configure?: (db: DatabaseSync) => void): { store: OrgStore; db: () => DatabaseSync } => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-prepared-'));
  dirs.push(dir);
  let db: DatabaseSync | undefined;
  const { store } = openOrgStore(dir, {
    configure: (d) => {
      db = d;
      configure?.(d);
    },
  });
  stores.push(store);
  return { store, db: () => db! };
};
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

describe('replacePrepared', () => {
  it('prepares the stored JSON and the inbox row once', () => {
    const r = makeRequest(1);
    const row = prepareRequest(r);
    expect(row.raw).toBe(JSON.stringify(r));
    expect(row.summary).toEqual(toSummary(r));
    expect(row.summaryJson).toBe(JSON.stringify(toSummary(r)));
  });

  it('writes exactly what replaceTarget writes, with the same deltas', () => {
    const a = open().store;
    const b = open().store;
    const rounds = [
      { rows: [makeRequest(1), makeRequest(2), makeRequest(2)], keep: [] },
      { rows: [makeRequest(2, 'T001', { message: 'again' }), makeRequest(3)], keep: ['Ar000001'] },
      { rows: [makeRequest(3)], keep: [] },
    ];
    for (const { rows, keep } of rounds) {
      const viaSnapshot = a.replaceTarget('T001', { requests: rows, keep });
      const viaPrepared = b.replacePrepared('T001', rows.map(prepareRequest), keep);
      expect(viaPrepared).toEqual(viaSnapshot);
      expect(b.listSummaries(0, 100)).toEqual(a.listSummaries(0, 100));
      for (const r of rows) expect(b.getRequest(r.id)).toEqual(a.getRequest(r.id));
    }
    expect(b.listSummaries(0, 100).items.map((s) => s.id)).toEqual(['Ar000003']);
  });

  it('is all or nothing: a write that fails part-way leaves the target as it was', () => {
    const { store, db } = open();
    store.replacePrepared('T001', [makeRequest(1), makeRequest(2)].map(prepareRequest));
    const before = store.listSummaries(0, 100);
    // A full disk part-way through the second target's rows.
    const pages = Number((db().prepare('PRAGMA page_count').get() as { page_count: number }).page_count);
    db().exec(`PRAGMA max_page_count = ${pages + 2}`);
    const many = Array.from({ length: 500 }, (_, i) => prepareRequest(makeRequest(100 + i)));
    expect(() => store.replacePrepared('T001', many)).toThrow();
    expect(store.listSummaries(0, 100)).toEqual(before);
    // The connection is left as the queue expects it: FULL sync, automatic checkpoints on.
    expect(db().prepare('PRAGMA synchronous').get()).toEqual({ synchronous: 2 });
    expect(db().prepare('PRAGMA wal_autocheckpoint').get()).toEqual({ wal_autocheckpoint: 1000 });
  });

  it('leaves the write-ahead log to the checkpoint worker, which copies it into the database file', async () => {
    const { store, db } = open();
    const file = path.join(path.dirname(store.path), ORG_DB_FILE);
    const before = fs.statSync(file).size;
    store.replacePrepared(
      'T001',
      Array.from({ length: 300 }, (_, i) => prepareRequest(makeRequest(i))),
    );
    // The commit itself left every page in the log (no automatic checkpoint on this thread) …
    expect(db().prepare('PRAGMA wal_autocheckpoint').get()).toEqual({ wal_autocheckpoint: 1000 });
    // … and the worker's checkpoint then grows the database file by what the log held.
    const deadline = Date.now() + 5_000;
    while (fs.statSync(file).size < before + 200_000) {
      if (Date.now() > deadline) throw new Error(`not checkpointed: ${fs.statSync(file).size} bytes`);
      await new Promise((r) => setTimeout(r, 20));
    }
    store.close(); // waits for a checkpoint under way; never hangs
    expect(db().isOpen).toBe(false);
  });
});
