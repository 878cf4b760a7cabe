/**
 * The writing half of the inbox sync (sync-engine.ts): a target's rows into the store in one short
 * transaction, or what the sync worker already wrote for it, counted; then what changed told to the
 * renderer in IPC-sized chunks, a turn of the event loop between them.
 */
import type { RequestSummary } from '../../shared/view-types';
import type { WrittenTarget } from '../slack/list-worker-port';
import type { PreparedRequest, RequestDelta } from '../store/org-store';
import { chunkDelta, MAX_CHUNK_BYTES } from './delta-chunks';
import { sliceDue, yieldNow } from '../time/slices';
import type { FullSyncOptions, SyncResult } from './sync-engine';
import type { Fetched } from './target-reads';

/** What the writes need of the sync under way: where they go, and the counts they add to. */
export type WriteContext = {
  o: Pick<FullSyncOptions, 'store' | 'onDelta' | 'maxChunkBytes'>;
  result: Pick<SyncResult, 'requests' | 'added' | 'changed' | 'removed'>;
};

/** A target's rows by request ID: the summary the renderer gets, and the length of its JSON. */
type Summaries = ReadonlyMap<string, { summary: RequestSummary; bytes: number }>;

/** Tells the renderer a target's delta, chunk by chunk, giving the event loop a turn between chunks. */
export const emit = async (
  c: WriteContext,
  target: string,
  rows: Summaries,
  delta: RequestDelta,
): Promise<void> => {
  const pick = (ids: string[]): RequestSummary[] => ids.flatMap((id) => rows.get(id)?.summary ?? []);
  // Each row's summary JSON was made already: its length sizes the chunks without serialising again.
  const sizeOf = (s: RequestSummary): number | undefined => {
    const row = rows.get(s.id);
    return row?.summary === s ? row.bytes : undefined;
  };
  const chunks = chunkDelta(
    target,
    { added: pick(delta.added), changed: pick(delta.changed), removed: delta.removed },
    c.o.maxChunkBytes ?? MAX_CHUNK_BYTES,
    sizeOf,
  );
  for (const chunk of chunks) {
    if (sliceDue()) await yieldNow();
    c.o.onDelta?.(chunk);
  }
};

/** Adds a target's write to the sync's counts; true when it changed anything. */
const tally = (c: WriteContext, requests: number, delta: RequestDelta): boolean => {
  c.result.requests += requests;
  c.result.added += delta.added.length;
  c.result.changed += delta.changed.length;
  c.result.removed += delta.removed.length;
  return delta.added.length + delta.changed.length + delta.removed.length > 0;
};

/**
 * Writes a target's requests and tells the renderer what changed. The rows' JSON and summaries
 * are computed in slices that yield; the write itself is one short transaction (all or nothing).
 */
export const writeRequests = async (
  c: WriteContext,
  fetched: Fetched,
  rows: PreparedRequest[],
): Promise<void> => {
  await yieldNow();
  // A request Slack sent but Admit could not read keeps its cached copy rather than vanishing.
  const keep = fetched.skipped.flatMap((s) => (s.id ? [s.id] : []));
  const delta = c.o.store.replacePrepared(fetched.id, rows, keep);
  if (tally(c, rows.length, delta)) {
    const byId = new Map<string, { summary: RequestSummary; bytes: number }>();
    for (const row of rows) {
      if (!byId.has(row.id))
        byId.set(row.id, { summary: row.summary, bytes: Buffer.byteLength(row.summaryJson) });
    }
    await emit(c, fetched.id, byId, delta);
  }
};

/** Counts and tells what the worker wrote for a target (its transaction is already committed). */
export const wrote = async (c: WriteContext, fetched: Fetched, written: WrittenTarget): Promise<void> => {
  const { delta, summaryJson } = written;
  if (!tally(c, written.count, delta)) return;
  const byId = new Map<string, { summary: RequestSummary; bytes: number }>();
  for (const json of summaryJson) {
    if (sliceDue()) await yieldNow();
    const summary = JSON.parse(json) as RequestSummary;
    byId.set(summary.id, { summary, bytes: Buffer.byteLength(json) });
  }
  await emit(c, fetched.id, byId, delta);
};
