/**
 * Writing one target's pending requests: compare with the cached rows, insert what is new or
 * changed, delete what Slack no longer lists. Shared by the org store (main thread) and the sync
 * worker (its own connection to the same file), so both write exactly the same rows and deltas.
 */
import type { DatabaseSync, StatementSync } from 'node:sqlite';
import type { PreparedRequest } from './prepared-rows';

/** Which pending requests one replacement added, removed and changed. */
export type RequestDelta = { added: string[]; removed: string[]; changed: string[] };

/** What one row write needs: the row's columns, its JSON, and its inbox row's JSON (or how to make it). */
export type RowToWrite = Omit<PreparedRequest, 'summary' | 'summaryJson'> & {
  summaryJson: string | (() => string);
};

export type RequestRowStatements = {
  targetRows: StatementSync;
  upsertRequest: StatementSync;
  deleteRequest: StatementSync;
};

/** The statements a target's write uses, prepared on `db`. */
export const requestRowStatements = (db: DatabaseSync): RequestRowStatements => ({
  targetRows: db.prepare('SELECT id, raw FROM requests WHERE target = ?'),
  upsertRequest: db.prepare(
    `INSERT OR REPLACE INTO requests (id, target, team_id, app_id, created_at, summary, raw)
      VALUES (?, ?, ?, ?, ?, ?, ?)`,
  ),
  deleteRequest: db.prepare('DELETE FROM requests WHERE id = ?'),
});

/**
 * Makes `rows` (plus the cached `keepIds`) the target's requests; run inside a transaction. A row
 * whose JSON is unchanged is not written again.
 */
export const writeRequestRows = (
  st: RequestRowStatements,
  target: string,
  rows: Iterable<RowToWrite>,
  keepIds: readonly string[] | undefined,
): RequestDelta => {
  const before = new Map<string, string>();
  for (const row of st.targetRows.all(target)) {
    const { id, raw } = row as { id: string; raw: string };
    before.set(id, raw);
  }
  const delta: RequestDelta = { added: [], removed: [], changed: [] };
  const seen = new Set<string>();
  for (const row of rows) {
    const id = row.id;
    if (seen.has(id)) continue; // a page boundary that shifted can repeat a request
    seen.add(id);
    const old = before.get(id);
    if (old === row.raw) continue;
    (old === undefined ? delta.added : delta.changed).push(id);
    const summary = typeof row.summaryJson === 'string' ? row.summaryJson : row.summaryJson();
    st.upsertRequest.run(id, target, row.targetKey, row.appId, row.dateCreated, summary, row.raw);
  }
  const keep = new Set(keepIds ?? []);
  for (const id of before.keys()) {
    if (!seen.has(id) && !keep.has(id)) {
      st.deleteRequest.run(id);
      delta.removed.push(id);
    }
  }
  return delta;
};
