/**
 * One SQLite database per org: the pending requests (raw JSON plus the summary columns the inbox
 * pages and sorts by), resolved apps, teams, sync bookkeeping, the action queue and the audit log.
 * This file opens it (and recovers it); the store's statements are in org-statements.ts, its writes
 * in org-writes.ts, its reads in org-queries.ts and its sync records in sync-records.ts.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { DatabaseSync } from 'node:sqlite';
import type { AppRequest, ResolvedApp, Team } from '../../shared/models';
import type { InboxPage } from '../../shared/view-types';
import { createIconStore, type IconStore } from '../icons/icon-store';
import type { QueueStorage } from '../queue/queue-ports';
import { openLedger, type Ledger } from './ledger';
import { migrate } from './migrations';
import { checkAgainstLedger, fileState, openDatabase, preserveWal } from './open-database';
import { orgQueries } from './org-queries';
import { orgStatements } from './org-statements';
import { orgWrites, storeWriters } from './org-writes';
import { isCorruptionError, quarantineDatabase, type RecoveryReport } from './recovery';
import { createSqliteQueueStorage, queueStats } from './sqlite-queue-storage';
import { ensureWritableFolder, explainStorageError } from './storage-errors';
import type { PreparedRequest } from './prepared-rows';
import { requestRowStatements, type RequestDelta } from './request-rows';
import { syncRecords, type InventorySyncRecord, type TargetSyncRecord } from './sync-records';
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

export type { InventorySyncRecord, TargetSyncRecord } from './sync-records';

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

/** The store on an open, migrated database: its writes, its queries and its sync records. */
const createOrgStore = (db: DatabaseSync, file: string, ledger: Ledger, folder: string): OrgStore => {
  const writers = storeWriters(db, file, folder);
  const st = orgStatements(db);
  const rowStatements = requestRowStatements(db);
  return {
    path: file,
    ...orgWrites(db, st, rowStatements, writers),
    ...orgQueries(st),
    ...syncRecords(st, writers.cache),
    queueStorage: createSqliteQueueStorage(db, { ledger, folder }),
    icons: createIconStore(db, writers.cache),
    ledgerProblem: () => ledger.problem(),
    close: () => {
      writers.checkpointer.close();
      if (db.isOpen) db.close();
      ledger.close();
    },
  };
};
