/**
 * Opening an org database and checking it against its ledger: the integrity check, the schema
 * version, the write-ahead log kept aside before SQLite sees it, and whether another process has
 * the database open.
 */
import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import type { LedgerRecord } from './ledger';
import { NewerSchemaError, SCHEMA_VERSION, schemaVersion } from './migrations';
import { CorruptDatabaseError, reportShortfall, type RecoveryReport } from './recovery';
import { queueStats } from './sqlite-queue-storage';
import { ensurePrivateFileSync, tightenFileSync } from '../files/private-files';

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

/** Opens the database in WAL mode with synchronous=FULL, after an integrity and a schema-version check. */
export const openDatabase = (file: string, configure?: (db: DatabaseSync) => void): DatabaseSync => {
  // 0600 before SQLite opens it: SQLite gives its -wal and -shm files the database file's mode.
  ensurePrivateFileSync(file);
  tightenFileSync(`${file}-wal`);
  tightenFileSync(`${file}-shm`);
  const db = new DatabaseSync(file, { timeout: 5_000 });
  try {
    db.exec('PRAGMA journal_mode = WAL');
    // FULL, not NORMAL: with WAL, NORMAL may lose the last commits on power loss, and `enqueue`
    // acknowledges a decision as soon as its commit returns. One fsync per decision is cheap;
    // sync writes a whole target in one transaction, so it pays one fsync per target.
    db.exec('PRAGMA synchronous = FULL');
    const check = db.prepare('PRAGMA quick_check').all() as { quick_check: string }[];
    if (check.length !== 1 || check[0]?.quick_check !== 'ok') {
      throw new CorruptDatabaseError(check.map((r) => r.quick_check).join('; '));
    }
    const version = schemaVersion(db);
    if (version > SCHEMA_VERSION) throw new NewerSchemaError(version);
    configure?.(db);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
};

/** Whether the database file was there, and empty, before SQLite opened it. */
export type FileState = 'missing' | 'empty' | 'present';
/** The database file's state before opening. */
export const fileState = (file: string): FileState => {
  try {
    return fs.statSync(file).size === 0 ? 'empty' : 'present';
  } catch {
    return 'missing';
  }
};

/**
 * Copies the write-ahead log left by a crash before SQLite sees it: SQLite deletes it when the
 * main file is empty, and stops at its first damaged frame and then overwrites the rest.
 */
export const preserveWal = (file: string): string | null => {
  try {
    if (fs.statSync(`${file}-wal`).size === 0) return null;
    fs.copyFileSync(`${file}-wal`, `${file}.wal-copy`);
    tightenFileSync(`${file}.wal-copy`);
    return `${file}.wal-copy`;
  } catch {
    return null; // no WAL (a clean shutdown removes it), or no room for a copy: open without it
  }
};

const SHORTFALL_CAUSES: Record<FileState, string> = {
  missing: 'the database file was missing',
  empty: 'the database file was empty',
  present: 'the database had lost its latest changes (its write-ahead log was damaged or removed)',
};

/**
 * Compares the database as it opened with the ledger. When it is behind, reports what could not
 * be read back (salvaging from the files as they were), and holds every action still queued for
 * a check against Slack first: a lost commit may have been the one that recorded it as sent.
 */
export const checkAgainstLedger = (
  db: DatabaseSync,
  file: string,
  recorded: LedgerRecord,
  state: FileState,
  walCopy: string | null,
  now: number,
): RecoveryReport | null => {
  const live = queueStats(db);
  const behind =
    live.auditSeq < recorded.auditSeq ||
    (live.auditSeq === recorded.auditSeq && live.unsent < recorded.unsent);
  if (!behind) return null;
  const ids =
    live.unsent > 0
      ? db
          .prepare('SELECT id FROM actions')
          .all()
          .map((r) => String(r['id']))
      : [];
  const report = reportShortfall({
    file,
    cause: SHORTFALL_CAUSES[state],
    live: { unsent: live.unsent, ids: new Set(ids) },
    expected: recorded.unsent,
    walCopy,
    now,
  });
  if (ids.length > 0) {
    db.prepare(
      `UPDATE actions SET state = 'sending', record = json_set(record, '$.state', 'sending')
       WHERE state = 'pending' AND json_valid(record)`,
    ).run();
    report.message += ` Decisions still in the queue will be checked against Slack before any is sent again.`;
  }
  return report;
};

/**
 * Whether another connection, most likely another Admit process, has this database open: it then
 * holds a shared lock that stops this exclusive one. Used before deleting an org's data.
 */
export const isDatabaseInUse = (file: string): boolean => {
  if (!fs.existsSync(file)) return false;
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file, { timeout: 0 });
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
    db.exec('ROLLBACK');
    return false;
  } catch (error) {
    const code = ((error as { errcode?: unknown }).errcode as number | undefined) ?? 0;
    return [SQLITE_BUSY, SQLITE_LOCKED].includes(code & 0xff);
  } finally {
    db?.close();
  }
};
