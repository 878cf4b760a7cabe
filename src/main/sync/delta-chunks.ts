/** Splits a sync delta into messages small enough for IPC (each under ~256 KB of JSON). */
import type { RequestSummary } from '../../shared/view-types';

/** One message of a sync delta for one target. */
export type SyncDeltaChunk = {
  target: string;
  added: RequestSummary[];
  changed: RequestSummary[];
  removed: string[];
};

/** The default ceiling for one delta message, in bytes of JSON. */
export const MAX_CHUNK_BYTES = 256 * 1024;

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * Packs a target's delta greedily into chunks whose JSON stays within `maxBytes`. Order is kept:
 * removals, then additions, then changes. An empty delta yields no chunks. `sizeOf` may give a
 * summary's JSON size when the caller already knows it (undefined: it is serialised to measure).
 */
export const chunkDelta = (
  target: string,
  delta: { added: RequestSummary[]; changed: RequestSummary[]; removed: string[] },
  maxBytes = MAX_CHUNK_BYTES,
  sizeOf: (summary: RequestSummary) => number | undefined = () => undefined,
): SyncDeltaChunk[] => {
  const empty = (): SyncDeltaChunk => ({ target, added: [], changed: [], removed: [] });
  const envelope = bytes(empty());
  const chunks: SyncDeltaChunk[] = [];
  let current = empty();
  let size = envelope;
  const push = <K extends 'added' | 'changed' | 'removed'>(
    field: K,
    item: SyncDeltaChunk[K][number],
  ): void => {
    const known = typeof item === 'string' ? undefined : sizeOf(item);
    const itemBytes = (known ?? bytes(item)) + 1; // the separating comma
    if (size + itemBytes > maxBytes && size > envelope) {
      chunks.push(current);
      current = empty();
      size = envelope;
    }
    (current[field] as unknown[]).push(item);
    size += itemBytes;
  };
  for (const id of delta.removed) push('removed', id);
  for (const s of delta.added) push('added', s);
  for (const s of delta.changed) push('changed', s);
  if (size > envelope) chunks.push(current);
  return chunks;
};
