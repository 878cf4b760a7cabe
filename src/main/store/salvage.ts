/**
 * Getting the action queue back out of a database that cannot be trusted, in three tiers:
 *
 * 1. SQLite reads the file as it is, row by row (what it reads before an error is kept);
 * 2. SQLite reads a repaired scratch copy: the header rebuilt if it is gone, a truncated file padded
 *    back, and every intact commit of the write-ahead log laid on top, including those after a
 *    damaged frame, which SQLite itself would silently forget;
 * 3. when that still finds fewer actions than the ledger says were queued, the b-tree leaf pages of
 *    the main file and of every intact WAL frame are read by hand.
 *
 * An action whose audit entries say it finished (done, undone, discarded, superseded) is never
 * brought back, so an old copy of a page cannot revive a decision Slack already has.
 */
import fs from 'node:fs';
import { DatabaseSync } from 'node:sqlite';
import { carveRows, type CarvedValue } from './page-carver';
import { imageOf, readBytes, readPages } from './sqlite-pages';
import { PRIVATE_FILE_MODE } from '../files/private-files';

export type SalvageMethod = 'database' | 'repaired copy' | 'page scan';

export type Salvage = {
  /** Queue records (as stored: QueuedAction JSON, or `{ id, state, unreadableRecord }`), oldest first. */
  records: unknown[];
  /** Which tier found each record. */
  foundBy: Record<string, SalvageMethod>;
  /** What could not be read, in SQLite's words. */
  problems: string[];
  /** What was tried, for the export file. */
  notes: string[];
};

export type SalvageInput = {
  /** The database file. */
  file: string;
  /** The write-ahead log as it was before SQLite opened the database (SQLite may drop or rewrite it). */
  wal?: string | null;
  /** How many unsent actions the ledger says the database held; null when there is no ledger. */
  expected?: number | null;
  /** Read the file itself with SQLite first (false when it is open and was already read). */
  direct?: boolean;
};

const FINISHED = new Set(['done', 'undone', 'discarded', 'superseded']);

type Found = { id: string; record: unknown; seq: number; updatedAt: number; method: SalvageMethod };

const message = (error: unknown): string => (error instanceof Error ? error.message : String(error));

const parseRecord = (id: string, state: string, raw: string): unknown => {
  try {
    return JSON.parse(raw) as unknown;
  } catch {
    return { id, state, unreadableRecord: raw };
  }
};

const numberField = (record: unknown, key: string): number => {
  const v = (record as Record<string, unknown> | null)?.[key];
  return typeof v === 'number' ? v : 0;
};

/** Collects what the tiers find: the newest version of each action, and which actions finished. */
const collector = () => {
  const byId = new Map<string, Found>();
  const finished = new Set<string>();
  return {
    finished,
    add(id: string, state: string, raw: string, method: SalvageMethod): void {
      if (state === 'done') return;
      const record = parseRecord(id, state, raw);
      const found: Found = {
        id,
        record,
        seq: numberField(record, 'seq'),
        updatedAt: numberField(record, 'updatedAt'),
        method,
      };
      const before = byId.get(id);
      // The newest version wins; on a tie, the earlier (more trustworthy) tier's.
      if (!before || found.updatedAt > before.updatedAt) byId.set(id, found);
    },
    live(): Found[] {
      return [...byId.values()].filter((f) => !finished.has(f.id)).sort((a, b) => a.seq - b.seq);
    },
  };
};
type Collector = ReturnType<typeof collector>;

/** Reads the audit log's finished actions and the actions table with SQLite; false if the table could not be opened. */
const readWithSqlite = (
  file: string,
  method: SalvageMethod,
  into: Collector,
  problems: string[],
): boolean => {
  let db: DatabaseSync | undefined;
  try {
    db = new DatabaseSync(file, { readOnly: true });
    try {
      for (const row of db.prepare('SELECT action_id, event FROM audit_log').iterate()) {
        const { action_id, event } = row as { action_id: string; event: string };
        if (FINISHED.has(event)) into.finished.add(action_id);
      }
    } catch (error) {
      problems.push(`${method}, audit log: ${message(error)}`);
    }
    // No ORDER BY: the index on seq may be the damaged part.
    for (const row of db.prepare('SELECT id, state, record FROM actions').iterate()) {
      const { id, state, record } = row as { id: string; state: string; record: string };
      into.add(id, state, String(record), method);
    }
    return true;
  } catch (error) {
    problems.push(`${method}: ${message(error)}`);
    return false;
  } finally {
    db?.close();
  }
};

const isText = (v: CarvedValue | undefined): v is string => typeof v === 'string';

/** Tier 3: action rows and finished audit entries, read from the leaf pages by hand. */
const carve = (main: Buffer, wal: Buffer, into: Collector): number => {
  const set = readPages(main, wal);
  let rows = 0;
  for (const { values } of carveRows(set.images, set.pageSize, (n) => set.latest.get(n))) {
    // actions (id, seq, key, state, record, updated_at)
    const [id, , , state, record] = values;
    if (values.length === 6 && isText(id) && isText(state) && isText(record) && record.startsWith('{')) {
      const parsed = parseRecord(id, state, record) as { id?: unknown };
      if (parsed.id === id) {
        into.add(id, state, record, 'page scan');
        rows += 1;
      }
    }
    // audit_log (seq is the rowid, stored as NULL; at, action_id, event, entry)
    const [alias, at, actionId, event] = values;
    if (
      values.length === 5 &&
      alias === null &&
      typeof at === 'number' &&
      isText(actionId) &&
      isText(event)
    ) {
      if (FINISHED.has(event)) into.finished.add(actionId);
    }
  }
  return rows;
};

/** Reads every unsent action that can still be read from a damaged database and its WAL. */
export const salvageActions = (input: SalvageInput): Salvage => {
  const problems: string[] = [];
  const notes: string[] = [];
  const into = collector();
  let readable = false;
  if (input.direct !== false && fs.existsSync(input.file)) {
    readable = readWithSqlite(input.file, 'database', into, problems);
    notes.push(readable ? 'read the database with SQLite' : 'SQLite could not read the database');
  }
  const main = readBytes(input.file);
  const wal = readBytes(input.wal);
  const set = readPages(main, wal);
  const image = imageOf(set);
  if (image) {
    const scratch = `${input.file}.salvage`;
    try {
      fs.writeFileSync(scratch, image.bytes, { mode: PRIVATE_FILE_MODE });
      const ok = readWithSqlite(scratch, 'repaired copy', into, problems);
      readable ||= ok;
      notes.push(
        `read a repaired copy (${set.size} pages${image.headerRebuilt ? ', header rebuilt' : ''}, ${set.walCommits} intact WAL commits)${ok ? '' : ': SQLite could not read it'}`,
      );
    } catch (error) {
      problems.push(`repaired copy: ${message(error)}`);
    } finally {
      fs.rmSync(scratch, { force: true });
    }
  }
  const expected = input.expected ?? null;
  if (expected === null ? !readable : into.live().length < expected) {
    const rows = carve(main, wal, into);
    notes.push(`read ${set.images.length} page images by hand: ${rows} action rows`);
  }
  const found = into.live();
  return {
    records: found.map((f) => f.record),
    foundBy: Object.fromEntries(found.map((f) => [f.id, f.method])),
    problems,
    notes,
  };
};
