/**
 * The org database's prepared statements that the store's queries and writes use (a target's
 * request rows have their own, in request-rows.ts, shared with the sync worker). Prepared once, when
 * the store opens, after its schema is migrated.
 */
import type { DatabaseSync } from 'node:sqlite';

/** Prepares the store's statements on `db`. */
export const orgStatements = (db: DatabaseSync) => ({
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
});

/** The store's prepared statements. */
export type OrgStatements = ReturnType<typeof orgStatements>;
