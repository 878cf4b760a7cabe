/**
 * The store's damage matrix: each way the org database can come back damaged or unusable, what
 * the admin is told, and that no acknowledged decision is lost without being reported (each is in
 * the queue, in the saved export, or counted in the report's "could not be read back").
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ActionQueue } from '../queue/action-queue';
import { readLedger } from './ledger';
import { SCHEMA_VERSION } from './migrations';
import { openOrgStore, ORG_DB_FILE, type OpenOrgStoreOptions, type OrgStore } from './org-store';
import type { RecoveryReport } from './recovery';
import { intactCommits, readWal } from './sqlite-pages';
import { StorageError } from './storage-errors';
import { makeRequest } from './test-support/fixtures';
import { fillDisk, mountTmpfs, remount, unmount } from './test-support/mounts';

const NOW = Date.UTC(2025, 0, 1);
const dirs: string[] = [];
const mounts: string[] = [];
const stores: OrgStore[] = [];
const tmp = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-damage-'));
  dirs.push(d);
  return d;
};
afterEach(() => {
  vi.restoreAllMocks();
  for (const s of stores.splice(0)) s.close();
  for (const m of mounts.splice(0)) unmount(m);
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const open = (dir: string, options: OpenOrgStoreOptions = {}) => {
  const opened = openOrgStore(dir, { now: () => NOW, ...options });
  stores.push(opened.store);
  return opened;
};
const dbFile = (dir: string): string => path.join(dir, ORG_DB_FILE);

let requests = 0;
/** Queues `n` approvals of new requests (never sent: the queue is not started) and returns their ids. */
const decide = (store: OrgStore, n: number, note = (i: number) => `decision ${i}`): string[] => {
  const queue = new ActionQueue({
    storage: store.queueStorage,
    send: async () => {},
    verify: vi.fn(),
    actor: () => ({ id: 'U1', name: 'Ada' }),
    now: () => NOW,
  });
  return Array.from({ length: n }, (_, i) => {
    const r = ++requests;
    return queue.enqueue({
      kind: 'approve',
      requestId: `Ar${r}`,
      appId: `A${r}`,
      target: { teamId: 'T1' },
      note: note(i + 1),
    }).id;
  });
};

/** The files as a crash would leave them: copied while the store is open, WAL not checkpointed. */
const crashImage = (dir: string): string => {
  const image = tmp();
  for (const f of [ORG_DB_FILE, `${ORG_DB_FILE}-wal`, `${ORG_DB_FILE}.ledger`]) {
    if (fs.existsSync(path.join(dir, f))) fs.copyFileSync(path.join(dir, f), path.join(image, f));
  }
  return image;
};

const liveIds = (store: OrgStore): string[] => store.queueStorage.load().map((r) => r.id);
const exportedIds = (recovery: RecoveryReport | null): string[] =>
  recovery?.exportPath
    ? (JSON.parse(fs.readFileSync(recovery.exportPath, 'utf8')) as { actions: { id: string }[] }).actions.map(
        (a) => a.id,
      )
    : [];

/** Every acknowledged decision is in the queue, in the export, or counted as missing in the report. */
const expectAccountedFor = (acknowledged: string[], store: OrgStore, recovery: RecoveryReport | null) => {
  const found = new Set([...liveIds(store), ...exportedIds(recovery)]);
  const unaccounted = acknowledged.filter((id) => !found.has(id));
  expect(unaccounted.length).toBe(recovery?.missing ?? 0);
  if (unaccounted.length > 0) expect(recovery?.message).toMatch(/could not be read back/);
};

const garble = (file: string, at: number, length: number): void => {
  const fd = fs.openSync(file, 'r+');
  fs.writeSync(fd, Buffer.alloc(length, 0xa5), 0, length, at);
  fs.closeSync(fd);
};

describe('an empty, missing or behind database', () => {
  it('zero-length file: says how many decisions could not be read back, once', () => {
    const dir = tmp();
    const ids = decide(open(dir).store, 5);
    stores.pop()?.close();
    fs.truncateSync(dbFile(dir), 0);
    const { store, recovery } = open(dir);
    expect(recovery?.message).toBe(
      '5 queued decisions could not be read back: the database file was empty. None could be salvaged: check Slack for them.',
    );
    expect(recovery?.missing).toBe(5);
    expectAccountedFor(ids, store, recovery);
    stores.pop()?.close();
    expect(open(dir).recovery).toBeNull(); // the ledger now follows the database as it is
  });

  it('zero-length file after a crash: salvaged from the write-ahead log SQLite would delete', () => {
    const dir = tmp();
    const ids = decide(open(dir).store, 5);
    const image = crashImage(dir);
    fs.truncateSync(dbFile(image), 0);
    const { store, recovery } = open(image);
    expect(recovery?.message).toMatch(
      /^5 queued decisions could not be read back: the database file was empty\. All were saved to .*\.unsent-actions\.json: use Review and re-queue/,
    );
    expect(exportedIds(recovery)).toEqual(ids);
    expectAccountedFor(ids, store, recovery);
  });

  it('missing file: says so', () => {
    const dir = tmp();
    const ids = decide(open(dir).store, 3);
    stores.pop()?.close();
    fs.rmSync(dbFile(dir));
    const { store, recovery } = open(dir);
    expect(recovery?.message).toBe(
      '3 queued decisions could not be read back: the database file was missing. None could be salvaged: check Slack for them.',
    );
    expectAccountedFor(ids, store, recovery);
  });

  it('damaged WAL: SQLite keeps 1 of 4; the other 3 are read from intact commits after the damage', () => {
    const dir = tmp();
    const ids = decide(open(dir).store, 4);
    const image = crashImage(dir);
    const walFile = `${dbFile(image)}-wal`;
    const wal = readWal(fs.readFileSync(walFile));
    const commits = intactCommits(wal!);
    // The last four commits are the four enqueues; damage the second one's first frame.
    const frameSize = 24 + wal!.pageSize;
    const second = commits.at(-3)![0]!;
    const index = wal!.frames.indexOf(second);
    garble(walFile, 32 + index * frameSize + 24 + 200, 64);

    const { store, recovery } = open(image);
    expect(liveIds(store)).toEqual([ids[0]]);
    expect(recovery?.message).toMatch(
      /^3 queued decisions could not be read back: the database had lost its latest changes \(its write-ahead log was damaged or removed\)\. All were saved .*Decisions still in the queue will be checked against Slack before any is sent again\.$/,
    );
    expect(exportedIds(recovery)).toEqual(ids.slice(1));
    // The one left may have been sent in a commit the database lost: it is checked, never resent blind.
    expect(store.counts().actions).toEqual({ sending: 1 });
    expectAccountedFor(ids, store, recovery);
  });

  it('torn WAL tail: whatever cannot be salvaged is counted and said', () => {
    const dir = tmp();
    const ids = decide(open(dir).store, 4);
    const image = crashImage(dir);
    const walFile = `${dbFile(image)}-wal`;
    fs.truncateSync(walFile, fs.statSync(walFile).size - 2000);
    const { store, recovery } = open(image);
    expect(liveIds(store)).toEqual(ids.slice(0, 3));
    expect(recovery?.message).toMatch(/^1 queued decision could not be read back: the database had lost/);
    expectAccountedFor(ids, store, recovery);
  });

  it('a healthy restart after a crash reports nothing', () => {
    const dir = tmp();
    const ids = decide(open(dir).store, 3);
    const { store, recovery } = open(crashImage(dir));
    expect(recovery).toBeNull();
    expect(liveIds(store)).toEqual(ids);
  });
});

describe('a damaged database file', () => {
  const closedWith = (n: number, requests = 0) => {
    const dir = tmp();
    const { store } = open(dir);
    const ids = decide(store, n);
    if (requests > 0)
      store.replacePendingRequests(
        'T001',
        Array.from({ length: requests }, (_, i) => makeRequest(i)),
      );
    stores.pop()?.close();
    return { dir, ids };
  };

  it('header garbage: the header is rebuilt on a copy and every decision saved', () => {
    const { dir, ids } = closedWith(5);
    garble(dbFile(dir), 0, 100);
    const { store, recovery } = open(dir);
    expect(recovery?.movedTo).toMatch(/\.corrupt-2025-01-01T00-00-00-000Z$/);
    expect(recovery?.message).toMatch(
      /^5 queued decisions could not be read back: the database was damaged \(file is not a database\)\. All were saved .*The damaged file was kept as .*corrupt/,
    );
    expect(exportedIds(recovery)).toEqual(ids);
    const body = JSON.parse(fs.readFileSync(recovery!.exportPath!, 'utf8')) as {
      foundBy: Record<string, string>;
    };
    expect(new Set(Object.values(body.foundBy))).toEqual(new Set(['repaired copy']));
    expectAccountedFor(ids, store, recovery);
  });

  it('garbage over the whole first page: the rows are read from the leaf pages by hand', () => {
    const { dir, ids } = closedWith(5);
    garble(dbFile(dir), 0, 4096);
    const { store, recovery } = open(dir);
    expect(exportedIds(recovery)).toEqual(ids);
    const body = JSON.parse(fs.readFileSync(recovery!.exportPath!, 'utf8')) as {
      foundBy: Record<string, string>;
    };
    expect(new Set(Object.values(body.foundBy))).toEqual(new Set(['page scan']));
    expectAccountedFor(ids, store, recovery);
  });

  it('mid-file garbage: moved aside, the queue saved, the cache refilled later', () => {
    const { dir, ids } = closedWith(5, 3000);
    const size = fs.statSync(dbFile(dir)).size;
    garble(dbFile(dir), Math.floor(size / 2 / 4096) * 4096, 64 * 1024);
    const { store, recovery } = open(dir);
    expect(recovery?.message).toMatch(/^5 queued decisions could not be read back: the database was damaged/);
    expect(exportedIds(recovery)).toEqual(ids);
    expect(store.counts()).toMatchObject({ requests: 0, actions: {} });
    expectAccountedFor(ids, store, recovery);
  });

  it("garbage over the queue's own page: the loss is counted and said", () => {
    const { dir, ids } = closedWith(5);
    const db = new DatabaseSync(dbFile(dir), { readOnly: true });
    const { rootpage } = db.prepare("SELECT rootpage FROM sqlite_schema WHERE name = 'actions'").get() as {
      rootpage: number;
    };
    db.close();
    garble(dbFile(dir), (rootpage - 1) * 4096, 4096);
    const { store, recovery } = open(dir);
    expect(recovery?.missing).toBe(5);
    expect(recovery?.message).toMatch(
      /^5 queued decisions could not be read back: the database was damaged .*None could be salvaged: check Slack for them\./,
    );
    expectAccountedFor(ids, store, recovery);
  });
});

describe('a database Admit must not touch', () => {
  it('from a newer build: refused with its own message, nothing moved or rewritten', () => {
    const dir = tmp();
    decide(open(dir).store, 2);
    stores.pop()?.close();
    const db = new DatabaseSync(dbFile(dir));
    db.exec(`PRAGMA user_version = ${SCHEMA_VERSION + 1}`);
    db.close();
    const before = fs.readFileSync(dbFile(dir));
    const ledger = readLedger(`${dbFile(dir)}.ledger`);
    expect(() => openOrgStore(dir)).toThrow(/^This data was written by a newer version of Admit/);
    expect(fs.readFileSync(dbFile(dir)).equals(before)).toBe(true);
    expect(readLedger(`${dbFile(dir)}.ledger`)).toEqual(ledger);
    expect(fs.readdirSync(dir).some((f) => f.includes('corrupt'))).toBe(false);
  });
});

// Mounting needs root with CAP_SYS_ADMIN; where it is not allowed the conditions are acted out.
const canMount = (() => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-mount-probe-'));
  const ok = mountTmpfs(d, '1m');
  if (ok) unmount(d);
  fs.rmSync(d, { recursive: true, force: true });
  return ok;
})();

const mounted = (size: string): string => {
  const dir = path.join(tmp(), 'disk');
  if (!mountTmpfs(dir, size)) throw new Error('tmpfs mount failed');
  mounts.push(dir);
  return path.join(dir, 'orgs', 'E1');
};

describe('a read-only folder', () => {
  const expectReadOnly = (dir: string, ids: string[]) => {
    let thrown: unknown;
    try {
      openOrgStore(dir);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(StorageError);
    expect((thrown as Error).message).toBe(
      `Admit cannot write to its data folder ${dir}: the folder is read-only or you do not have permission to change it. Nothing was changed. Make the folder writable (or start Admit with another data folder) and try again.`,
    );
    return () => {
      const { store, recovery } = open(dir);
      expect(recovery).toBeNull();
      expect(liveIds(store)).toEqual(ids);
    };
  };

  it.runIf(canMount)('on a read-only mount (EROFS, which stops root too): named, and nothing lost', () => {
    const dir = mounted('4m');
    const ids = decide(open(dir).store, 3);
    stores.pop()?.close();
    expect(remount(path.dirname(path.dirname(dir)), true)).toBe(true);
    const reopen = expectReadOnly(dir, ids);
    remount(path.dirname(path.dirname(dir)), false);
    reopen();
  });

  it('acted out (EACCES from the file system, as chmod gives a non-root user): named, and nothing lost', () => {
    const dir = tmp();
    const ids = decide(open(dir).store, 3);
    stores.pop()?.close();
    const realOpen = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation((p, ...rest) => {
      if (String(p).startsWith(dir))
        throw Object.assign(new Error(`EACCES: permission denied, open '${String(p)}'`), { code: 'EACCES' });
      return realOpen(p, ...(rest as [fs.OpenMode]));
    });
    const reopen = expectReadOnly(dir, ids);
    vi.restoreAllMocks();
    reopen();
  });
});

describe('a full disk', () => {
  const expectFull = (error: unknown, dir: string) => {
    expect(error).toBeInstanceOf(StorageError);
    expect((error as Error).message).toMatch(
      new RegExp(
        `^The disk is full \\(data folder ${dir.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\): .*Nothing was lost: every decision already queued is still on disk\\.`,
      ),
    );
  };

  /** Queues decisions with long notes until a write fails; returns what was acknowledged and the error. */
  const decideUntilFull = (store: OrgStore): { ids: string[]; error: unknown } => {
    const ids: string[] = [];
    for (let i = 0; i < 500; i++) {
      try {
        ids.push(...decide(store, 1, () => `${i} ${'x'.repeat(1900)}`));
      } catch (error) {
        return { ids, error };
      }
    }
    return { ids, error: null };
  };

  it.runIf(canMount)('on a small tmpfs that fills up: a decision is refused, none is lost', () => {
    const dir = mounted('2m');
    const { store } = open(dir);
    const ids = decide(store, 3);
    const filler = fillDisk(path.dirname(path.dirname(dir)));
    const { ids: more, error } = decideUntilFull(store);
    expectFull(error, dir);
    expect(store.queueStorage.load()).toHaveLength(ids.length + more.length);
    stores.pop()?.close();
    expect(() => openOrgStore(path.join(path.dirname(dir), 'E2'))).toThrow(/^The disk is full/);
    fs.rmSync(filler);
    const reopened = open(dir);
    expect(reopened.recovery).toBeNull();
    expect(liveIds(reopened.store)).toEqual([...ids, ...more]);
  });

  it('acted out (SQLite capped at its current size): a decision is refused, none is lost', () => {
    const dir = tmp();
    const ids = decide(open(dir).store, 3);
    stores.pop()?.close();
    const capped = open(dir, {
      configure: (db) => {
        const { page_count } = db.prepare('PRAGMA page_count').get() as { page_count: number };
        db.exec(`PRAGMA max_page_count = ${page_count}`);
      },
    });
    const { ids: more, error } = decideUntilFull(capped.store);
    expectFull(error, dir);
    stores.pop()?.close();
    const reopened = open(dir);
    expect(reopened.recovery).toBeNull();
    expect(liveIds(reopened.store)).toEqual([...ids, ...more]);
  });
});

describe('the ledger', () => {
  it('follows every enqueue and finish, and keeps enqueue well under 5 ms', () => {
    const dir = tmp();
    const { store } = open(dir);
    const t0 = performance.now();
    const ids = decide(store, 200);
    const perEnqueue = (performance.now() - t0) / 200;
    expect(perEnqueue).toBeLessThan(5);
    expect(readLedger(`${dbFile(dir)}.ledger`)).toMatchObject({ unsent: 200, highestSeq: 200 });
    store.queueStorage.commit({ remove: ids.slice(0, 50) });
    expect(readLedger(`${dbFile(dir)}.ledger`)).toMatchObject({ unsent: 150 });
  });

  it('survives a torn write: the other slot still holds the previous state', () => {
    const dir = tmp();
    decide(open(dir).store, 2);
    stores.pop()?.close();
    const file = `${dbFile(dir)}.ledger`;
    const last = readLedger(file)!;
    garble(file, (last.n % 2) * 512 + 10, 20);
    expect(readLedger(file)).toMatchObject({ n: last.n - 1, unsent: 1 });
  });
});
