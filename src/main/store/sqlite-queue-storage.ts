/** The action queue's storage port over the org database: one transaction per queue commit. */
import type { DatabaseSync } from 'node:sqlite';
import { AuditEntrySchema, type AuditEntry } from '../queue/audit';
import type { QueueCommit, QueueStorage } from '../queue/queue-ports';
import { transaction } from './transaction';

/** Builds a QueueStorage on an open, migrated org database. */
export const createSqliteQueueStorage = (db: DatabaseSync): QueueStorage => {
  const selectAll = db.prepare('SELECT id, record FROM actions ORDER BY seq');
  const upsert = db.prepare(
    `INSERT INTO actions (id, seq, key, state, record, updated_at) VALUES (?, ?, ?, ?, ?, ?)
     ON CONFLICT (id) DO UPDATE SET seq = excluded.seq, key = excluded.key, state = excluded.state,
       record = excluded.record, updated_at = excluded.updated_at`,
  );
  const remove = db.prepare('DELETE FROM actions WHERE id = ?');
  const audit = db.prepare('INSERT INTO audit_log (at, action_id, event, entry) VALUES (?, ?, ?, ?)');
  const selectAudit = db.prepare('SELECT entry FROM audit_log ORDER BY seq');

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
    commit: (change: QueueCommit) =>
      transaction(db, () => {
        for (const id of change.remove ?? []) remove.run(id);
        for (const r of change.put ?? [])
          upsert.run(r.id, r.seq, r.key, r.state, JSON.stringify(r), r.updatedAt);
        for (const e of change.audit ?? []) audit.run(e.at, e.actionId, e.event, JSON.stringify(e));
      }),
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
