/**
 * What happens when an org database cannot give back what it acknowledged: it is damaged (moved
 * aside, never deleted, after its unsent actions are salvaged into a JSON file), or it opens but
 * holds fewer queued decisions than the ledger recorded (empty, missing, or behind). Either way the
 * admin is told in plain words how many decisions could not be read back and what was saved.
 */
import fs from 'node:fs';
import path from 'node:path';
import { salvageActions, type Salvage } from './salvage';
import { writePrivateFileSync } from '../files/private-files';

/** What recovery did, for the UI to show. */
export type RecoveryReport = {
  /** What happened, in SQLite's or the file system's words. */
  reason: string;
  /** Where the damaged database now lives; null when it was not moved (it opened, but was empty or behind). */
  movedTo: string | null;
  /** The JSON file holding every queue entry that could be salvaged; null when there was nothing to save. */
  exportPath: string | null;
  exportedCount: number;
  /** Unsent decisions the ledger recorded; null without a ledger (a database from an older build). */
  expected: number | null;
  /** Decisions the ledger recorded that are neither in the database nor in the export. */
  missing: number;
  /** What the admin is told. */
  message: string;
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

/** Where unsent actions are saved: `<database>.<what>-<time>.unsent-actions.json`. */
export const EXPORT_SUFFIX = '.unsent-actions.json';

const stamp = (ms: number): string => new Date(ms).toISOString().replace(/[:.]/g, '-');

const decisions = (n: number): string => `${n} queued decision${n === 1 ? '' : 's'}`;

/** The admin's words for what recovery found. */
export const describeRecovery = (r: {
  cause: string;
  /** Decisions the database should have held but did not give back. */
  unreadable: number;
  saved: number;
  exportPath: string | null;
  movedTo: string | null;
  expected: number | null;
}): string => {
  const kept = r.movedTo ? ` The damaged file was kept as ${r.movedTo}.` : '';
  const where = r.exportPath ? ` to ${r.exportPath}` : '';
  if (r.expected === null) {
    const saved =
      r.saved > 0
        ? ` ${r.saved} unsent decision${r.saved === 1 ? ' was' : 's were'} saved${where}: use Review and re-queue to queue them again.`
        : ' No unsent decision could be read from it.';
    return `The local database was damaged (${r.cause}) and has been rebuilt from Slack.${saved}${kept}`;
  }
  if (r.unreadable <= 0) {
    const saved =
      r.saved > 0
        ? ` ${r.saved} decision${r.saved === 1 ? '' : 's'} found only in the damaged files ${r.saved === 1 ? 'was' : 'were'} saved${where}: use Review and re-queue.`
        : '';
    return `Admit found a problem with the local database: ${r.cause}. No queued decision was lost.${saved}${kept}`;
  }
  const missing = Math.max(0, r.unreadable - r.saved);
  const saved =
    r.saved === 0
      ? ' None could be salvaged: check Slack for them.'
      : missing === 0
        ? ` ${r.saved === 1 ? 'It was' : 'All were'} saved${where}: use Review and re-queue to queue ${r.saved === 1 ? 'it' : 'them'} again.`
        : ` ${r.saved} were saved${where}: use Review and re-queue to queue them again. ${missing} could not be salvaged: check Slack for ${missing === 1 ? 'it' : 'them'}.`;
  return `${decisions(r.unreadable)} could not be read back: ${r.cause}.${saved}${kept}`;
};

const writeExport = (exportPath: string, body: Record<string, unknown>): void => {
  writePrivateFileSync(exportPath, `${JSON.stringify(body, null, 2)}\n`);
};

const exportBody = (now: number, database: string, reason: string, expected: number | null, s: Salvage) => ({
  exportedAt: new Date(now).toISOString(),
  database,
  reason,
  expected,
  problems: s.problems,
  notes: s.notes,
  foundBy: s.foundBy,
  actions: s.records,
});

/** Keeps the write-ahead log as it was before SQLite opened the database, next to the evidence. */
const keepWalCopy = (walCopy: string | null | undefined, base: string): void => {
  if (walCopy && fs.existsSync(walCopy)) fs.renameSync(walCopy, `${base}.wal-before-open`);
};

export type QuarantineOptions = {
  /** A copy of the WAL taken before SQLite opened the database. */
  walCopy?: string | null;
  /** Unsent decisions the ledger recorded. */
  expected?: number | null;
};

/**
 * Exports what can be salvaged from the queue, then moves the database (and its -wal/-shm) to
 * `<name>.corrupt-<timestamp>`. The export is written first so a failed move never loses it.
 */
export const quarantineDatabase = (
  file: string,
  reason: string,
  now: number,
  options: QuarantineOptions = {},
): RecoveryReport => {
  const movedTo = `${file}.corrupt-${stamp(now)}`;
  const exportPath = `${movedTo}${EXPORT_SUFFIX}`;
  const expected = options.expected ?? null;
  const walCopy = options.walCopy && fs.existsSync(options.walCopy) ? options.walCopy : `${file}-wal`;
  const salvage = salvageActions({ file, wal: walCopy, expected });
  writeExport(exportPath, exportBody(now, movedTo, reason, expected, salvage));
  for (const suffix of ['-wal', '-shm', '']) {
    if (fs.existsSync(file + suffix)) fs.renameSync(file + suffix, movedTo + suffix);
  }
  keepWalCopy(options.walCopy, movedTo);
  const saved = salvage.records.length;
  return {
    reason,
    movedTo,
    exportPath,
    exportedCount: saved,
    expected,
    missing: expected === null ? 0 : Math.max(0, expected - saved),
    message: describeRecovery({
      cause: `the database was damaged (${reason})`,
      unreadable: expected ?? 0,
      saved,
      exportPath,
      movedTo,
      expected,
    }),
  };
};

export type ShortfallInput = {
  file: string;
  /** In the admin's words: "the database file was empty", "… had lost its latest changes …". */
  cause: string;
  /** The database's state as it opened. */
  live: { unsent: number; ids: ReadonlySet<string> };
  expected: number;
  walCopy?: string | null;
  now: number;
};

/**
 * For a database that opened but is behind the ledger: salvages, from the main file and the WAL as
 * they were before opening, the actions the open database lacks, and exports them for re-queueing.
 */
export const reportShortfall = (input: ShortfallInput): RecoveryReport => {
  const base = `${input.file}.recovered-${stamp(input.now)}`;
  const salvage = salvageActions({
    file: input.file,
    wal: input.walCopy,
    expected: input.expected,
    direct: false,
  });
  const extra = salvage.records.filter((r) => !input.live.ids.has(String((r as { id?: unknown }).id)));
  let exportPath: string | null = null;
  if (extra.length > 0) {
    exportPath = `${base}${EXPORT_SUFFIX}`;
    writeExport(
      exportPath,
      exportBody(input.now, input.file, input.cause, input.expected, { ...salvage, records: extra }),
    );
  }
  keepWalCopy(input.walCopy, base);
  const unreadable = Math.max(0, input.expected - input.live.unsent);
  return {
    reason: input.cause,
    movedTo: null,
    exportPath,
    exportedCount: extra.length,
    expected: input.expected,
    missing: Math.max(0, unreadable - extra.length),
    message: describeRecovery({
      cause: input.cause,
      unreadable,
      saved: extra.length,
      exportPath,
      movedTo: null,
      expected: input.expected,
    }),
  };
};

/** The directory and base name of a database file (for listing its exports). */
export const exportsOf = (file: string): string[] => {
  const dir = path.dirname(file);
  const base = path.basename(file);
  try {
    return fs
      .readdirSync(dir)
      .filter((f) => f.startsWith(`${base}.`) && f.endsWith(EXPORT_SUFFIX))
      .sort()
      .map((f) => path.join(dir, f));
  } catch {
    return [];
  }
};
