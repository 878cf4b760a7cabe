/** A synchronous SQLite transaction helper. */
import type { DatabaseSync } from 'node:sqlite';

/** Runs `fn` inside BEGIN IMMEDIATE … COMMIT, rolling back if it throws. Not re-entrant. */
export const transaction = <T>(db: DatabaseSync, fn: () => T): T => {
  db.exec('BEGIN IMMEDIATE');
  try {
    const result = fn();
    db.exec('COMMIT');
    return result;
  } catch (error) {
    if (db.isTransaction) db.exec('ROLLBACK');
    throw error;
  }
};

/**
 * Like `transaction`, for data that can be fetched again (the request cache): its commit skips the
 * fsync (synchronous=NORMAL in WAL mode). A power cut may lose it, never corrupt it, and the next
 * FULL commit — every queue write — makes it durable too. Queue writes never go through here.
 */
export const cacheTransaction = <T>(
  db: DatabaseSync,
  fn: () => T,
  options: CacheTransactionOptions = {},
): T => {
  const defer = options.autocheckpoint !== undefined;
  db.exec(
    defer ? 'PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0' : 'PRAGMA synchronous = NORMAL',
  );
  try {
    return transaction(db, fn);
  } finally {
    db.exec(
      defer
        ? `PRAGMA synchronous = FULL; PRAGMA wal_autocheckpoint = ${Math.trunc(options.autocheckpoint ?? 0)}`
        : 'PRAGMA synchronous = FULL',
    );
  }
};

export type CacheTransactionOptions = {
  /**
   * When set, SQLite's automatic checkpoint is off for this commit (the caller checkpoints off the
   * main thread instead) and restored to this many pages afterwards.
   */
  autocheckpoint?: number;
};
