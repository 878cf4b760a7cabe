/**
 * One SQLite database per org: the pending requests (raw JSON plus the summary columns the inbox
 * pages and sorts by), resolved apps, teams, sync bookkeeping, the action queue and the audit log.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import { targetId } from '../../shared/actions';
import {
  AppRequestSchema,
  ResolvedAppSchema,
  TeamSchema,
  type AppRequest,
  type ResolvedApp,
  type Team,
} from '../../shared/models';
import type { InboxPage, RequestSummary, TargetSyncState } from '../../shared/view-types';
import { toSummary } from '../inbox/summary';
import { createIconStore, type IconStore } from '../icons/icon-store';
import type { QueueStorage } from '../queue/queue-ports';
import { openLedger, type Ledger } from './ledger';
import { migrate } from './migrations';
import { checkAgainstLedger, fileState, openDatabase, preserveWal } from './open-database';
import { isCorruptionError, quarantineDatabase, type RecoveryReport } from './recovery';
import { createSqliteQueueStorage, queueStats } from './sqlite-queue-storage';
import { ensureWritableFolder, explainStorageError } from './storage-errors';
import { createCheckpointer } from './checkpointer';
import type { PreparedRequest } from './prepared-rows';
import { requestRowStatements, writeRequestRows, type RequestDelta, type RowToWrite } from './request-rows';
import { cacheTransaction, transaction } from './transaction';
import { yieldNow } from '../time/slices';

export { isDatabaseInUse } from './open-database';

/** The file name of an org's database inside its data directory. */
export const ORG_DB_FILE = 'admit.sqlite';

export type { RequestDelta } from './request-rows';

/** Everything one target's sync writes, applied in one transaction. */
export type TargetSnapshot = {
  requests: AppRequest[];
  /** Cached requests to keep although the snapshot lacks them (Slack sent them, Admit could not read them). */
  keep?: string[];
  approved?: ResolvedApp[];
  restricted?: ResolvedApp[];
};

export { prepareRequest, type PreparedRequest } from './prepared-rows';

/** How the last sync of one target (a workspace or the org) ended. */
export type TargetSyncRecord = {
  target: string;
  name: string;
  level: 'workspace' | 'org';
  state: TargetSyncState;
  /** When it was last tried (ms). */
  attemptedAt: number;
  /** When its requests were last read (ms); null if never. */
  syncedAt: number | null;
  /** Requests read in the last successful read; null when that read failed. */
  items: number | null;
  skipped: number;
  error: string | null;
  problems: string[];
};

/** How the last read of one place's approved and restricted lists ended. */
export type InventorySyncRecord = {
  target: string;
  state: TargetSyncState;
  /** When it was last tried (ms). */
  attemptedAt: number;
  /** When both lists were last read completely (ms); null if never. */
  syncedAt: number | null;
  problems: string[];
};

export type StoreCounts = {
  requests: number;
  byTarget: Record<string, number>;
  actions: Record<string, number>;
};

/** The org database's operations. All are synchronous and each write is one transaction. */
export type OrgStore = {
  readonly path: string;
  /** Replaces the pending requests (and, when given, resolved apps) of one target atomically. */
  replaceTarget(target: string, snapshot: TargetSnapshot): RequestDelta;
  /** Replaces the approved and/or restricted apps of one target atomically. */
  replaceResolved(target: string, lists: Pick<TargetSnapshot, 'approved' | 'restricted'>): void;
  /** Replaces the pending requests of one target atomically. */
  replacePendingRequests(target: string, requests: AppRequest[]): RequestDelta;
  /**
   * Replaces the pending requests of one target atomically, like replaceTarget, with rows prepared
   * beforehand (prepareRequest): the transaction only compares and writes.
   */
  replacePrepared(target: string, rows: readonly PreparedRequest[], keep?: readonly string[]): RequestDelta;
  /** Deletes requests of every target not in `keep` (a workspace left the org); returns their ids. */
  pruneTargets(keep: string[]): string[];
  /** Drops requests locally, e.g. once a decision on them is done. */
  removeRequests(ids: string[]): void;
  /** One page of request summaries, oldest first. */
  listSummaries(offset: number, limit: number): InboxPage;
  /** A stored request, re-validated; null if absent or unreadable. */
  getRequest(id: string): AppRequest | null;
  counts(): StoreCounts;
  /** How many pending requests are cached (one count, for the inbox's total). */
  requestCount(): number;
  /** How many actions Slack confirmed (audit `done`) at or after `ms`. */
  decidedSince(ms: number): number;
  replaceTeams(teams: Team[]): void;
  listTeams(): Team[];
  getResolvedApps(target: string, status: 'approved' | 'restricted'): ResolvedApp[];
  /** When the last complete sync finished (ms since epoch), or null. */
  getLastSynced(): number | null;
  setLastSynced(ms: number): void;
  /**
   * Records how each target's last sync ended, all in one write (a record that read nothing keeps
   * the last successful read's time and count).
   */
  recordTargetSyncs(records: readonly TargetSyncRecord[]): void;
  /** Every target's last sync, org first, then workspaces by name. */
  listTargetSync(): TargetSyncRecord[];
  /** Records how one place's inventory read ended (keeping its last complete read time when this one was not). */
  recordInventorySync(record: InventorySyncRecord): void;
  /** Every place's last inventory read, by target. */
  listInventorySync(): Map<string, InventorySyncRecord>;
  /** The newest pending request's `date_created` (Unix seconds) of each target that has any. */
  latestRequestAt(): Map<string, number>;
  /** The action queue's durable storage in this database. */
  readonly queueStorage: QueueStorage;
  /** App icons fetched for the requests and resolved apps (src/main/icons). */
  readonly icons: IconStore;
  /** Why the ledger next to the database could not be updated, if it could not. */
  ledgerProblem(): string | null;
  /** Which of these action ids the audit log has any entry for. */
  auditedActionIds(ids: readonly string[]): Set<string>;
  close(): void;
};

export type OpenOrgStoreOptions = {
  fileName?: string;
  now?: () => number;
  /** Runs on the connection once it is open (tests act out a full disk with `PRAGMA max_page_count`). */
  configure?: (db: DatabaseSync) => void;
};

/** The store, plus what recovery did if the database was damaged or held less than the ledger recorded. */
export type OpenedOrgStore = { store: OrgStore; recovery: RecoveryReport | null };

/**
 * Opens (creating if needed) the org database in `dir`, with its ledger. If the file is damaged or
 * not a database, exports readable unsent queue entries, moves it aside and opens a fresh one; if it
 * opens but holds fewer queued decisions than the ledger recorded, says so and saves what can be
 * salvaged. A read-only folder, a full disk and a newer schema are thrown with their own messages,
 * never "recovered" by moving data away.
 */
export const openOrgStore = (dir: string, options: OpenOrgStoreOptions = {}): OpenedOrgStore => {
  const steps = openingSteps(dir, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
  }
};

/**
 * `openOrgStore` with a turn of the event loop between its steps (the ledger, the database, the
 * schema, the statements), each a few ms of synchronous work: signing in then never holds the
 * window's requests for the whole of it. Same result, same errors.
 */
export const openOrgStoreInSteps = async (
  dir: string,
  options: OpenOrgStoreOptions = {},
): Promise<OpenedOrgStore> => {
  const steps = openingSteps(dir, options);
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    await yieldNow();
  }
};

/** The opening of an org store; each `yield` is a point where the caller may let others run. */
function* openingSteps(dir: string, options: OpenOrgStoreOptions): Generator<void, OpenedOrgStore> {
  ensureWritableFolder(dir);
  const file = path.join(dir, options.fileName ?? ORG_DB_FILE);
  const now = options.now ?? Date.now;
  const state = fileState(file);
  const walCopy = preserveWal(file);
  let ledger: Ledger | undefined;
  let db: DatabaseSync | undefined;
  try {
    ledger = openLedger(file, now);
    const expected = ledger.recorded?.unsent ?? null;
    yield;
    let recovery: RecoveryReport | null = null;
    try {
      db = openDatabase(file, options.configure);
    } catch (error) {
      if (!isCorruptionError(error)) throw error;
      const reason = error instanceof Error ? error.message : String(error);
      recovery = quarantineDatabase(file, reason, now(), { walCopy, expected });
      db = openDatabase(file, options.configure);
    }
    if (!recovery && ledger.recorded) {
      recovery = checkAgainstLedger(db, file, ledger.recorded, state, walCopy, now());
    }
    yield;
    migrate(db);
    ledger.record(queueStats(db));
    yield;
    return { store: createOrgStore(db, file, ledger, dir), recovery };
  } catch (error) {
    db?.close();
    ledger?.close();
    throw explainStorageError(error, dir);
  } finally {
    if (walCopy) fs.rmSync(walCopy, { force: true }); // unless recovery kept it as evidence
  }
}

const createOrgStore = (db: DatabaseSync, file: string, ledger: Ledger, folder: string): OrgStore => {
  // A failed write names a full disk or a read-only folder in the admin's words.
  const explained = <T>(fn: () => T): T => {
    try {
      return fn();
    } catch (error) {
      throw explainStorageError(error, folder, 'Admit could not save what it read from Slack');
    }
  };
  const write = <T>(fn: () => T): T => explained(() => transaction(db, fn));
  // Cache writes leave the log's checkpoint to a worker (see checkpointer.ts) while it runs.
  const checkpointer = createCheckpointer(file);
  const autocheckpoint = Number(
    (db.prepare('PRAGMA wal_autocheckpoint').get() as { wal_autocheckpoint?: number } | undefined)
      ?.wal_autocheckpoint ?? 1000,
  );
  const cache = <T>(fn: () => T): T => {
    const deferred = checkpointer.available;
    const result = explained(() => cacheTransaction(db, fn, deferred ? { autocheckpoint } : {}));
    if (deferred) checkpointer.request();
    return result;
  };
  const st = {
    deleteResolved: db.prepare('DELETE FROM resolved_apps WHERE target = ? AND status = ?'),
    insertResolved: db.prepare(
      'INSERT OR REPLACE INTO resolved_apps (target, status, app_id, date_updated, raw) VALUES (?, ?, ?, ?, ?)',
    ),
    page: db.prepare('SELECT summary FROM requests ORDER BY created_at, id LIMIT ? OFFSET ?'),
    count: db.prepare('SELECT count(*) AS n FROM requests'),
    decidedSince: db.prepare(
      "SELECT count(DISTINCT action_id) AS n FROM audit_log WHERE event = 'done' AND at >= ?",
    ),
    countByTarget: db.prepare('SELECT target, count(*) AS n FROM requests GROUP BY target'),
    countActions: db.prepare('SELECT state, count(*) AS n FROM actions GROUP BY state'),
    raw: db.prepare('SELECT raw FROM requests WHERE id = ?'),
    targets: db.prepare('SELECT DISTINCT target FROM requests'),
    idsOfTarget: db.prepare('SELECT id FROM requests WHERE target = ?'),
    getMeta: db.prepare('SELECT value FROM sync_meta WHERE key = ?'),
    setMeta: db.prepare('INSERT OR REPLACE INTO sync_meta (key, value) VALUES (?, ?)'),
    teams: db.prepare('SELECT raw FROM teams ORDER BY name, id'),
    resolved: db.prepare('SELECT raw FROM resolved_apps WHERE target = ? AND status = ? ORDER BY app_id'),
    upsertTargetSync: db.prepare('INSERT OR REPLACE INTO sync_targets (target, record) VALUES (?, ?)'),
    getTargetSync: db.prepare('SELECT record FROM sync_targets WHERE target = ?'),
    allTargetSync: db.prepare('SELECT record FROM sync_targets'),
    deleteTargetSync: db.prepare('DELETE FROM sync_targets WHERE target = ?'),
    upsertInventorySync: db.prepare('INSERT OR REPLACE INTO inventory_syncs (target, record) VALUES (?, ?)'),
    allInventorySync: db.prepare('SELECT target, record FROM inventory_syncs'),
    latestByTarget: db.prepare('SELECT target, max(created_at) AS at FROM requests GROUP BY target'),
    audited: db.prepare(
      'SELECT DISTINCT action_id FROM audit_log WHERE action_id IN (SELECT value FROM json_each(?))',
    ),
  };

  const readTargetSync = (raw: unknown): TargetSyncRecord | null => {
    try {
      const r = JSON.parse(String(raw)) as TargetSyncRecord;
      return typeof r.target === 'string' && typeof r.state === 'string' ? r : null;
    } catch {
      return null;
    }
  };

  const readInventorySync = (raw: unknown): InventorySyncRecord | null => {
    try {
      const r = JSON.parse(String(raw)) as InventorySyncRecord;
      return typeof r.target === 'string' && typeof r.attemptedAt === 'number' ? r : null;
    } catch {
      return null;
    }
  };
  const listInventorySync = (): Map<string, InventorySyncRecord> =>
    new Map(
      st.allInventorySync
        .all()
        .flatMap((row) => readInventorySync(row['record']) ?? [])
        .map((r) => [r.target, r]),
    );

  const writeResolved = (target: string, status: 'approved' | 'restricted', apps: ResolvedApp[]): void => {
    st.deleteResolved.run(target, status);
    for (const a of apps) st.insertResolved.run(target, status, a.app.id, a.date_updated, JSON.stringify(a));
  };

  const rowStatements = requestRowStatements(db);
  const writeRows = (target: string, rows: Iterable<RowToWrite>, keep: readonly string[] | undefined) =>
    writeRequestRows(rowStatements, target, rows, keep);

  /** The rows of plain requests, serialised one at a time as the write reaches them. */
  function* rowsOf(requests: readonly AppRequest[]): Generator<RowToWrite> {
    for (const request of requests) {
      const { id, app, date_created } = request;
      const raw = JSON.stringify(request);
      const summaryJson = (): string => JSON.stringify(toSummary(request)); // only for rows that changed
      yield {
        id,
        targetKey: targetId(request.target),
        appId: app.id,
        dateCreated: date_created,
        raw,
        summaryJson,
      };
    }
  }

  const replaceTarget = (target: string, snapshot: TargetSnapshot): RequestDelta =>
    cache(() => {
      const delta = writeRows(target, rowsOf(snapshot.requests), snapshot.keep);
      if (snapshot.approved) writeResolved(target, 'approved', snapshot.approved);
      if (snapshot.restricted) writeResolved(target, 'restricted', snapshot.restricted);
      return delta;
    });

  const parseJson = <T>(raw: string, parse: (v: unknown) => { success: boolean; data?: T }): T | null => {
    try {
      const r = parse(JSON.parse(raw));
      return r.success ? (r.data ?? null) : null;
    } catch {
      return null;
    }
  };

  const getRequest = (id: string): AppRequest | null => {
    const row = st.raw.get(id) as { raw: string } | undefined;
    return row ? parseJson(row.raw, (v) => AppRequestSchema.safeParse(v)) : null;
  };

  return {
    path: file,
    replaceTarget,
    replacePendingRequests: (target, requests) => replaceTarget(target, { requests }),
    replacePrepared: (target, rows, keep) => cache(() => writeRows(target, rows, keep)),
    replaceResolved: (target, lists) =>
      cache(() => {
        if (lists.approved) writeResolved(target, 'approved', lists.approved);
        if (lists.restricted) writeResolved(target, 'restricted', lists.restricted);
      }),
    // The request cache, the workspace list and the last sync time are data Slack gives again: cache
    // writes, without an fsync each. The log keeps their order, so a power cut may lose the newest of
    // them, never a later one without an earlier (never "synced" without its rows).
    pruneTargets: (keep) =>
      cache(() => {
        const removed: string[] = [];
        for (const row of st.targets.all()) {
          const { target } = row as { target: string };
          if (keep.includes(target)) continue;
          for (const r of st.idsOfTarget.all(target)) removed.push((r as { id: string }).id);
        }
        for (const id of removed) rowStatements.deleteRequest.run(id);
        for (const row of st.allTargetSync.all()) {
          const r = readTargetSync(row['record']);
          if (r && !keep.includes(r.target)) st.deleteTargetSync.run(r.target);
        }
        return removed;
      }),
    removeRequests: (ids) =>
      write(() => {
        for (const id of ids) rowStatements.deleteRequest.run(id);
      }),
    listSummaries: (offset, limit) => ({
      total: Number((st.count.get() as { n: number }).n),
      offset,
      items: st.page.all(limit, offset).map((r) => JSON.parse(String(r['summary'])) as RequestSummary),
    }),
    getRequest,
    requestCount: () => Number((st.count.get() as { n: number }).n),
    decidedSince: (ms) => Number((st.decidedSince.get(ms) as { n: number }).n),
    counts: () => {
      const byTarget: Record<string, number> = {};
      for (const r of st.countByTarget.all()) byTarget[String(r['target'])] = Number(r['n']);
      const actions: Record<string, number> = {};
      for (const r of st.countActions.all()) actions[String(r['state'])] = Number(r['n']);
      return { requests: Number((st.count.get() as { n: number }).n), byTarget, actions };
    },
    replaceTeams: (teams) =>
      cache(() => {
        db.exec('DELETE FROM teams');
        const insert = db.prepare('INSERT OR REPLACE INTO teams (id, name, raw) VALUES (?, ?, ?)');
        for (const t of teams) insert.run(t.id, t.name, JSON.stringify(t));
      }),
    listTeams: () =>
      st.teams.all().flatMap((r) => parseJson(String(r['raw']), (v) => TeamSchema.safeParse(v)) ?? []),
    getResolvedApps: (target, status) =>
      st.resolved
        .all(target, status)
        .flatMap((r) => parseJson(String(r['raw']), (v) => ResolvedAppSchema.safeParse(v)) ?? []),
    getLastSynced: () => {
      const row = st.getMeta.get('last_synced_at') as { value: string } | undefined;
      return row ? Number(row.value) : null;
    },
    setLastSynced: (ms) => {
      cache(() => st.setMeta.run('last_synced_at', String(ms)));
    },
    recordTargetSyncs: (records) => {
      if (records.length === 0) return;
      const before = new Map(
        st.allTargetSync.all().flatMap((r) => {
          const known = readTargetSync(r['record']);
          return known ? [[known.target, known] as const] : [];
        }),
      );
      const merged = records.map((record): TargetSyncRecord => {
        const last = before.get(record.target);
        return record.syncedAt === null && last
          ? { ...record, syncedAt: last.syncedAt, items: last.items }
          : record;
      });
      // Bookkeeping of what was read, like the rows themselves: a cache write, without an fsync, and
      // one transaction for the whole sync.
      cache(() => {
        for (const m of merged) st.upsertTargetSync.run(m.target, JSON.stringify(m));
      });
    },
    listTargetSync: () => {
      const all = st.allTargetSync.all().flatMap((r) => readTargetSync(r['record']) ?? []);
      return all.sort((a, b) =>
        a.level === b.level ? a.name.localeCompare(b.name) : a.level === 'org' ? -1 : 1,
      );
    },
    recordInventorySync: (record) => {
      const before = listInventorySync().get(record.target);
      const merged = record.syncedAt === null && before ? { ...record, syncedAt: before.syncedAt } : record;
      cache(() => st.upsertInventorySync.run(record.target, JSON.stringify(merged)));
    },
    listInventorySync,
    latestRequestAt: () =>
      new Map(st.latestByTarget.all().map((r) => [String(r['target']), Number(r['at'])])),
    queueStorage: createSqliteQueueStorage(db, { ledger, folder }),
    icons: createIconStore(db, cache),
    ledgerProblem: () => ledger.problem(),
    auditedActionIds: (ids) =>
      new Set(st.audited.all(JSON.stringify(ids)).map((r) => String(r['action_id']))),
    close: () => {
      checkpointer.close();
      if (db.isOpen) db.close();
      ledger.close();
    },
  };
};
