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
