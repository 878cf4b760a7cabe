/**
 * What happens when an org database cannot be read: salvage every unsent queue entry we can read
 * into a JSON file, move the damaged files aside (never delete them), and let the caller start fresh.
 */
import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';

/** What recovery did, for the UI to show. */
export type RecoveryReport = {
  reason: string;
  /** Where the damaged database now lives. */
  movedTo: string;
  /** JSON file holding every queue entry that could still be read. */
  exportPath: string;
  exportedCount: number;
};

/** A database that opened but failed its integrity check. */
export class CorruptDatabaseError extends Error {}

const SQLITE_CORRUPT = 11;
const SQLITE_NOTADB = 26;

/** Is this error SQLite saying the file is damaged or not a database (as opposed to locked, full, or denied)? */
export const isCorruptionError = (error: unknown): boolean => {
  if (error instanceof CorruptDatabaseError) return true;
  const code = (error as { errcode?: unknown } | null)?.errcode;
  // Extended result codes keep the primary code in the low byte.
  return typeof code === 'number' && [SQLITE_CORRUPT, SQLITE_NOTADB].includes(code & 0xff);
};

type Salvage = { records: unknown[]; problems: string[] };

const readActions = (path: string, out: Salvage): boolean => {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(path, { readOnly: true });
    for (const row of db.prepare('SELECT id, state, record FROM actions ORDER BY seq').iterate()) {
      const { id, state, record } = row as { id: string; state: string; record: string };
      if (out.records.some((r) => (r as { id?: unknown }).id === id)) continue;
      try {
        out.records.push(JSON.parse(record) as unknown);
      } catch {
        out.records.push({ id, state, unreadableRecord: record });
      }
    }
    return true;
  } catch (error) {
    out.problems.push(error instanceof Error ? error.message : String(error));
    return false;
  } finally {
    db?.close();
  }
};

/**
 * Reads every row of the actions table that can still be read. A truncated file is retried on a
 * scratch copy padded back to the size its header claims: SQLite refuses a short file outright,
 * but the queue's pages are usually intact.
 */
export const salvageActions = (path: string): Salvage => {
  const out: Salvage = { records: [], problems: [] };
  if (readActions(path, out)) return out;
  const scratch = `${path}.salvage`;
  try {
    const header = Buffer.alloc(100);
    const fd = fs.openSync(path, 'r');
    try {
      fs.readSync(fd, header, 0, 100, 0);
    } finally {
      fs.closeSync(fd);
    }
    if (!header.subarray(0, 16).equals(Buffer.from('SQLite format 3\0', 'latin1'))) return out;
    const rawPageSize = header.readUInt16BE(16);
    const pageSize = rawPageSize === 1 ? 65536 : rawPageSize;
    const claimed = pageSize * header.readUInt32BE(28);
    if (claimed <= fs.statSync(path).size) return out;
    fs.copyFileSync(path, scratch);
    fs.truncateSync(scratch, claimed);
    readActions(scratch, out);
  } catch (error) {
    out.problems.push(error instanceof Error ? error.message : String(error));
  } finally {
    fs.rmSync(scratch, { force: true });
  }
  return out;
};

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[:.]/g, '-');

/**
 * Exports what can be salvaged from the queue, then moves the database (and its -wal/-shm) to
 * `<name>.corrupt-<timestamp>`. The export is written first so a failed move never loses it.
 */
export const quarantineDatabase = (path: string, reason: string, now: number): RecoveryReport => {
  const movedTo = `${path}.corrupt-${stamp(now)}`;
  const exportPath = `${movedTo}.unsent-actions.json`;
  const { records, problems } = salvageActions(path);
  const body = {
    exportedAt: new Date(now).toISOString(),
    database: movedTo,
    reason,
    problems,
    actions: records,
  };
  fs.writeFileSync(exportPath, `${JSON.stringify(body, null, 2)}\n`, { flush: true });
  for (const suffix of ['-wal', '-shm', '']) {
    if (fs.existsSync(path + suffix)) fs.renameSync(path + suffix, movedTo + suffix);
  }
  return { reason, movedTo, exportPath, exportedCount: records.length };
};
