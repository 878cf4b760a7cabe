/**
 * The org store's writes, and how each one runs: in one transaction, a failure (a full disk, a
 * read-only folder) explained in the admin's words. The request cache, the resolved apps, the
 * workspace list and the last sync time are cache writes (data Slack gives again): without an fsync
 * each, the log's checkpoint left to the checkpointer thread (checkpointer.ts) while it runs.
 * Dropping requests once a decision on them is done is a durable write.
 */
import type { DatabaseSync } from 'node:sqlite';
import { targetId } from '../../shared/actions';
import type { AppRequest, ResolvedApp } from '../../shared/models';
import { toSummary } from '../inbox/summary';
import { createCheckpointer, type Checkpointer } from './checkpointer';
import type { OrgStatements } from './org-statements';
import type { OrgStore } from './org-store';
import { writeRequestRows, type RequestRowStatements, type RowToWrite } from './request-rows';
import { explainStorageError } from './storage-errors';
import { readTargetSync } from './sync-records';
import { cacheTransaction, transaction } from './transaction';

/** Runs `fn` as one write. */
export type Write = <T>(fn: () => T) => T;

/** How the store's writes run: `write` durably (an fsync), `cache` without one. */
export type Writers = { write: Write; cache: Write; checkpointer: Checkpointer };

/** The writers of the database in `file`, whose failures name `folder`. */
export const storeWriters = (db: DatabaseSync, file: string, folder: string): Writers => {
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
  return { write, cache, checkpointer };
};

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

type Writes = Pick<
  OrgStore,
  | 'replaceTarget'
  | 'replacePendingRequests'
  | 'replacePrepared'
  | 'replaceResolved'
  | 'pruneTargets'
  | 'removeRequests'
  | 'replaceTeams'
  | 'setLastSynced'
>;

/** The writes of the requests, resolved apps, teams and the last sync time. */
export const orgWrites = (
  db: DatabaseSync,
  st: OrgStatements,
  rowStatements: RequestRowStatements,
  { write, cache }: Writers,
): Writes => {
  const writeResolved = (target: string, status: 'approved' | 'restricted', apps: ResolvedApp[]): void => {
    st.deleteResolved.run(target, status);
    for (const a of apps) st.insertResolved.run(target, status, a.app.id, a.date_updated, JSON.stringify(a));
  };
  const writeRows = (target: string, rows: Iterable<RowToWrite>, keep: readonly string[] | undefined) =>
    writeRequestRows(rowStatements, target, rows, keep);

  const replaceTarget: Writes['replaceTarget'] = (target, snapshot) =>
    cache(() => {
      const delta = writeRows(target, rowsOf(snapshot.requests), snapshot.keep);
      if (snapshot.approved) writeResolved(target, 'approved', snapshot.approved);
      if (snapshot.restricted) writeResolved(target, 'restricted', snapshot.restricted);
      return delta;
    });

  return {
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
    replaceTeams: (teams) =>
      cache(() => {
        db.exec('DELETE FROM teams');
        const insert = db.prepare('INSERT OR REPLACE INTO teams (id, name, raw) VALUES (?, ?, ?)');
        for (const t of teams) insert.run(t.id, t.name, JSON.stringify(t));
      }),
    setLastSynced: (ms) => {
      cache(() => st.setMeta.run('last_synced_at', String(ms)));
    },
  };
};
