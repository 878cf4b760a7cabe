/**
 * The action queue's storage port over the org database: one transaction per queue commit, then
 * the ledger (see ledger.ts) records where the queue stands, so a database that later comes back
 * without these commits is noticed.
 */
import type { DatabaseSync } from 'node:sqlite';
import { AuditEntrySchema, type AuditEntry } from '../queue/audit';
import type { QueueCommit, QueueStorage } from '../queue/queue-ports';
import type { Ledger, LedgerState } from './ledger';
import { explainStorageError } from './storage-errors';
import { transaction } from './transaction';

/** The queue's state in an open database (zeros for a database without the queue's tables yet). */
export const queueStats = (db: DatabaseSync): LedgerState => {
  const tables = db
    .prepare(
      "SELECT count(*) AS n FROM sqlite_schema WHERE type = 'table' AND name IN ('actions', 'audit_log')",
    )
    .get() as { n: number };
  if (Number(tables.n) < 2) return { auditSeq: 0, highestSeq: 0, unsent: 0 };
  const a = db.prepare('SELECT count(*) AS n, coalesce(max(seq), 0) AS s FROM actions').get() as {
    n: number;
    s: number;
  };
  const b = db.prepare('SELECT coalesce(max(seq), 0) AS s FROM audit_log').get() as { s: number };
  return { auditSeq: Number(b.s), highestSeq: Number(a.s), unsent: Number(a.n) };
};

export type SqliteQueueStorageOptions = {
  /** Updated after every commit that changes it. */
  ledger?: Ledger;
  /** The data folder, named when a write fails because the disk is full or the folder read-only. */
  folder?: string;
};

/** Builds a QueueStorage on an open, migrated org database. */
export const createSqliteQueueStorage = (
  db: DatabaseSync,
  options: SqliteQueueStorageOptions = {},
): QueueStorage => {
  const selectAll = db.prepare('SELECT id, record FROM actions ORDER BY seq');
  const upsert = db.prepare(
    `INSERT INTO actions (id, seq, key, state, record, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, key = excluded.key, state = excluded.state,
       record = excluded.record, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM actions WHERE id = ?');
  const audit = db.prepare('INSERT INTO audit_log (at, action_id, event, entry) VALUES (?, ?, ?, ?)');
  const selectAudit = db.prepare('SELECT entry FROM audit_log ORDER BY seq');
  const highestSeq = db.prepare('SELECT coalesce(max(seq), 0) AS s FROM actions');
  const auditStats = db.prepare('SELECT coalesce(max(seq), 0) AS s FROM audit_log');
  // The ids stored, kept beside the table (this process alone writes it: the data folder's lock), so
  // each commit's ledger count costs no scan of a queue of thousands.
  const stored = new Set(
    db
      .prepare('SELECT id FROM actions')
      .all()
      .map((row) => String(row['id'])),
  );

  const stats = (): LedgerState => {
    const a = highestSeq.get() as { s: number };
    const b = auditStats.get() as { s: number };
    return { auditSeq: Number(b.s), highestSeq: Number(a.s), unsent: stored.size };
  };

  return {
    load: () =>
      selectAll.all().map((row) => {
        const { id, record } = row as { id: string; record: string };
        try {
          return { id, record: JSON.parse(record) as unknown };
        } catch {
          return { id, record }; // fails the queue's re-validation and is reported, not dropped
        }
      }),
    commit: (change: QueueCommit) => {
      try {
        transaction(db, () => {
          for (const id of change.remove ?? []) remove.run(id);
          for (const r of change.put ?? [])
            upsert.run(r.id, r.seq, r.key, r.state, JSON.stringify(r), r.updatedAt);
          for (const e of change.audit ?? []) audit.run(e.at, e.actionId, e.event, JSON.stringify(e));
        });
        for (const id of change.remove ?? []) stored.delete(id);
        for (const r of change.put ?? []) stored.add(r.id);
      } catch (error) {
        // Rolled back: the queue keeps its previous state in memory and on disk.
        throw explainStorageError(
          error,
          options.folder ?? db.location() ?? '',
          'Admit could not save the latest change',
        );
      }
      options.ledger?.record(stats());
    },
    listAudit: (): AuditEntry[] =>
      selectAudit.all().flatMap((row) => {
        try {
          const parsed = AuditEntrySchema.safeParse(JSON.parse((row as { entry: string }).entry));
          return parsed.success ? [parsed.data] : [];
        } catch {
          return [];
        }
      }),
  };
};
