/**
 * The org database's schema as an ordered list of migrations. `PRAGMA user_version` records how
 * many have run; each runs in its own transaction together with the version bump.
 */
import type { DatabaseSync } from 'node:sqlite';
import { AdmitError } from '../../shared/result';

/** Migration N (1-based) brings a database from user_version N−1 to N. Append only; never edit one. */
export const migrations: readonly string[] = [
  // v1: inbox, teams, sync bookkeeping and the action queue.
  `
  CREATE TABLE requests (
    id TEXT PRIMARY KEY,
    target TEXT NOT NULL,
    team_id TEXT NOT NULL,
    app_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    -- the inbox row (RequestSummary) as JSON, derived once by toSummary when the request is written
    summary TEXT NOT NULL,
    raw TEXT NOT NULL
  );
  CREATE INDEX requests_by_created ON requests (created_at, id);
  CREATE TABLE teams (id TEXT PRIMARY KEY, name TEXT NOT NULL, raw TEXT NOT NULL);
  CREATE TABLE sync_meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
  CREATE TABLE actions (
    id TEXT PRIMARY KEY,
    seq INTEGER NOT NULL,
    key TEXT NOT NULL,
    state TEXT NOT NULL,
    record TEXT NOT NULL,
    updated_at INTEGER NOT NULL
  );
  CREATE INDEX actions_by_seq ON actions (seq);
  `,
  // v2: resolved apps for scope diffs, the audit log, and per-target replacement of requests.
  `
  CREATE TABLE resolved_apps (
    target TEXT NOT NULL,
    status TEXT NOT NULL CHECK (status IN ('approved', 'restricted')),
    app_id TEXT NOT NULL,
    date_updated INTEGER NOT NULL,
    raw TEXT NOT NULL,
    PRIMARY KEY (target, status, app_id)
  );
  CREATE TABLE audit_log (
    seq INTEGER PRIMARY KEY AUTOINCREMENT,
    at INTEGER NOT NULL,
    action_id TEXT NOT NULL,
    event TEXT NOT NULL,
    entry TEXT NOT NULL
  );
  CREATE INDEX requests_by_target ON requests (target);
  `,
  // v3: requests and resolved apps are stored in Admit's own model (mapped from Slack's wire format,
  // with org-level requests); the old cache is dropped and refilled by the next sync. Per-target
  // sync outcomes. The action queue and the audit log are kept as they are.
  `
  DELETE FROM requests;
  DELETE FROM resolved_apps;
  DELETE FROM sync_meta WHERE key = 'last_synced_at';
  CREATE TABLE sync_targets (target TEXT PRIMARY KEY, record TEXT NOT NULL);
  `,
  // v4: the approved and restricted lists are refreshed on their own cadence; when each place's
  // lists were last read, and how that read ended.
  `
  CREATE TABLE inventory_syncs (target TEXT PRIMARY KEY, record TEXT NOT NULL);
  `,
  // v5: app icons, fetched once per URL and shown from here (offline too); a row holds the image, or
  // why it could not be had and when it was tried.
  `
  CREATE TABLE icons (
    url TEXT PRIMARY KEY,
    mime TEXT,
    bytes BLOB,
    fetched_at INTEGER NOT NULL,
    failure TEXT
  );
  `,
];

/** The schema version this build writes. */
export const SCHEMA_VERSION = migrations.length;

/**
 * Thrown when the file was written by a newer Admit: it is not corrupt, so it must not be moved
 * aside. An AdmitError, so its message reaches the admin as it is.
 */
export class NewerSchemaError extends AdmitError {
  constructor(readonly found: number) {
    super(
      'internal',
      `This data was written by a newer version of Admit (schema ${found}, this build knows ${SCHEMA_VERSION}). Update Admit to open it; nothing was changed.`,
    );
    this.name = 'NewerSchemaError';
  }
}

/** Reads `PRAGMA user_version`. */
export const schemaVersion = (db: DatabaseSync): number =>
  Number((db.prepare('PRAGMA user_version').get() as { user_version: number }).user_version);

/** Runs every migration above the database's version, up to `target` (default: all). */
export const migrate = (db: DatabaseSync, target = SCHEMA_VERSION): number => {
  const from = schemaVersion(db);
  if (from > SCHEMA_VERSION) throw new NewerSchemaError(from);
  if (from >= target) return from;
  // Every step in one transaction (one commit, one fsync: a new org's database is made at sign-in,
  // on the main thread); a step that fails leaves the file at the version it had.
  db.exec('BEGIN IMMEDIATE');
  try {
    for (let v = from; v < target; v++) db.exec(migrations[v] ?? '');
    db.exec(`PRAGMA user_version = ${target}`);
    db.exec('COMMIT');
  } catch (error) {
    db.exec('ROLLBACK');
    throw error;
  }
  return schemaVersion(db);
};
