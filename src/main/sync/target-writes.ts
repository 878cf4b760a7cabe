/**
 * The writing half of the inbox sync (sync-engine.ts): a target's rows into the store in one short
 * transaction, or what the sync worker already wrote for it, counted; then what changed told to the
 * renderer in IPC-sized chunks, a turn of the event loop between them.
 */
import type { WrittenTarget } from '../slack/list-worker-port';
import type { PreparedRequest, RequestDelta } from '../store/org-store';
import { chunkDelta, MAX_CHUNK_BYTES } from './delta-chunks';
import { SummaryRows } from './summary-rows';
import { sliceDue, yieldNow } from '../time/slices';
import type { FullSyncOptions, SyncResult } from './sync-engine';
import type { Fetched } from './target-reads';

/** What the writes need of the sync under way: where they go, and the counts they add to. */
export type WriteContext = {
  o: Pick<FullSyncOptions, 'store' | 'onDelta' | 'maxChunkBytes' | 'iconUrls'>;
  result: Pick<SyncResult, 'requests' | 'added' | 'changed' | 'removed'>;
};

/** Tells the renderer a target's delta, chunk by chunk, giving the event loop a turn between chunks. */
export const emit = async (
  c: WriteContext,
  target: string,
  delta: { added: SummaryRows; changed: SummaryRows; removed: string[] },
): Promise<void> => {
  for (const chunk of chunkDelta(target, delta, c.o.maxChunkBytes ?? MAX_CHUNK_BYTES)) {
    if (sliceDue()) await yieldNow();
    c.o.onDelta?.(chunk);
  }
};

/** Adds a target's write to the sync's counts and icons; true when it changed anything. */
const tally = (
  c: WriteContext,
  requests: number,
  delta: RequestDelta,
  iconUrls: Iterable<string>,
): boolean => {
  c.result.requests += requests;
  c.result.added += delta.added.length;
  c.result.changed += delta.changed.length;
  c.result.removed += delta.removed.length;
  for (const url of iconUrls) c.o.iconUrls?.add(url);
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
  const byId = new Map<string, PreparedRequest>();
  for (const row of rows) if (!byId.has(row.id)) byId.set(row.id, row);
  const pick = (ids: string[]): PreparedRequest[] => ids.flatMap((id) => byId.get(id) ?? []);
  const added = pick(delta.added);
  const changed = pick(delta.changed);
  const rowsOf = (picked: PreparedRequest[]): SummaryRows =>
    new SummaryRows(
      picked.map((r) => r.summaryJson),
      picked.map((r) => r.summary),
    );
  const icons = [...added, ...changed].map((r) => r.summary.appIconUrl);
  if (tally(c, rows.length, delta, icons)) {
    await emit(c, fetched.id, { added: rowsOf(added), changed: rowsOf(changed), removed: delta.removed });
  }
};

/** Counts and tells what the worker wrote for a target (its transaction is already committed). */
export const wrote = async (c: WriteContext, fetched: Fetched, written: WrittenTarget): Promise<void> => {
  const { delta } = written;
  if (!tally(c, written.count, delta, written.iconUrls)) return;
  const added = new SummaryRows(written.addedJson);
  const changed = new SummaryRows(written.changedJson);
  await emit(c, fetched.id, { added, changed, removed: delta.removed });
};
