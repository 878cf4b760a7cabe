/**
 * The files recovery saved unsent decisions to, for "Review and re-queue": listed next to the org
 * database, read leniently (exports from older builds have no review record), and marked in place,
 * atomically, as the admin re-queues or dismisses them. They are never deleted.
 */
import fs from 'node:fs';
import path from 'node:path';
import { QueuedActionSchema, type QueuedAction } from '../../shared/actions';
import { writePrivateFileSync } from '../files/private-files';
import { exportsOf } from './recovery';

/** One saved entry: the record when it re-validates, else why not. */
export type SavedEntry = { id: string; record: QueuedAction | null; problem: string | null };

/** One export file. */
export type SavedExport = {
  /** The file's name, which is how the renderer refers to it. */
  id: string;
  file: string;
  savedAt: number;
  reason: string;
  entries: SavedEntry[];
  /** Entries already put back in the queue. */
  requeued: ReadonlySet<string>;
  dismissed: boolean;
};

type Review = { requeued?: Record<string, string>; dismissedAt?: string | null };

const readJson = (file: string): Record<string, unknown> | null => {
  try {
    const body = JSON.parse(fs.readFileSync(file, 'utf8')) as unknown;
    return body && typeof body === 'object' ? (body as Record<string, unknown>) : null;
  } catch {
    return null;
  }
};

const entryOf = (raw: unknown, index: number): SavedEntry => {
  const id = String((raw as { id?: unknown } | null)?.id ?? `entry-${index + 1}`);
  const parsed = QueuedActionSchema.safeParse(raw);
  if (parsed.success && parsed.data.action.id === parsed.data.id) {
    return { id, record: parsed.data, problem: null };
  }
  const problem = parsed.success
    ? 'its id does not match its action'
    : (raw as { unreadableRecord?: unknown } | null)?.unreadableRecord !== undefined
      ? 'it was too damaged to read'
      : 'it is not a decision this version of Admit can read';
  return { id, record: null, problem };
};

const toExport = (file: string): SavedExport | null => {
  const body = readJson(file);
  if (!body || !Array.isArray(body['actions'])) return null;
  const review = (body['review'] ?? {}) as Review;
  const exportedAt = Date.parse(String(body['exportedAt'] ?? ''));
  return {
    id: path.basename(file),
    file,
    savedAt: Number.isFinite(exportedAt) ? exportedAt : fs.statSync(file).mtimeMs,
    reason: String(body['reason'] ?? 'the database was damaged'),
    entries: body['actions'].map(entryOf),
    requeued: new Set(Object.keys(review.requeued ?? {})),
    dismissed: Boolean(review.dismissedAt),
  };
};

/** Every export saved next to the database at `dbFile`, oldest first. */
export const listSavedExports = (dbFile: string): SavedExport[] =>
  exportsOf(dbFile).flatMap((file) => toExport(file) ?? []);

/** One export by its file name, or null. */
export const findSavedExport = (dbFile: string, id: string): SavedExport | null =>
  listSavedExports(dbFile).find((e) => e.id === id) ?? null;

/** Records in the file that entries were put back, or that the admin dismissed the rest. */
export const markReviewed = (
  saved: SavedExport,
  change: { requeued?: readonly string[]; dismissed?: boolean },
  now: number,
): void => {
  const body = readJson(saved.file);
  if (!body) return;
  const review = (body['review'] ?? {}) as Review;
  const at = new Date(now).toISOString();
  const requeued = { ...(review.requeued ?? {}) };
  for (const id of change.requeued ?? []) requeued[id] = at;
  const next: Review = { requeued, dismissedAt: change.dismissed ? at : (review.dismissedAt ?? null) };
  writePrivateFileSync(saved.file, `${JSON.stringify({ ...body, review: next }, null, 2)}\n`);
};
