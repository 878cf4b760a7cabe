/** Splits a sync delta into messages small enough for IPC (each under ~256 KB of JSON). */
import type { SummaryRows } from './summary-rows';

/** One message of a sync delta for one target. */
export type SyncDeltaChunk = {
  target: string;
  added: SummaryRows;
  changed: SummaryRows;
  removed: string[];
};

/** The default ceiling for one delta message, in bytes of JSON. */
export const MAX_CHUNK_BYTES = 256 * 1024;

const bytes = (value: unknown): number => Buffer.byteLength(JSON.stringify(value), 'utf8');

/**
 * Packs a target's delta greedily into chunks whose JSON stays within `maxBytes` (a single item
 * larger than that gets a chunk of its own). Order is kept: removals, then additions, then changes.
 * An empty delta yields no chunks. Rows are measured by their JSON texts, never serialised again.
 */
export const chunkDelta = (
  target: string,
  delta: { added: SummaryRows; changed: SummaryRows; removed: string[] },
  maxBytes = MAX_CHUNK_BYTES,
): SyncDeltaChunk[] => {
  const envelope = bytes({ target, added: [], changed: [], removed: [] });
  // Each chunk is a run of items over removals, additions and changes, in that order.
  const sizes = [
    ...delta.removed.map((id) => bytes(id)),
    ...delta.added.texts.map((t) => Buffer.byteLength(t, 'utf8')),
    ...delta.changed.texts.map((t) => Buffer.byteLength(t, 'utf8')),
  ];
  const runs: Array<[number, number]> = [];
  let start = 0;
  let size = envelope;
  sizes.forEach((itemBytes, i) => {
    const withComma = itemBytes + 1;
    if (size + withComma > maxBytes && i > start) {
      runs.push([start, i]);
      start = i;
      size = envelope;
    }
    size += withComma;
  });
  if (sizes.length > start) runs.push([start, sizes.length]);

  const r = delta.removed.length;
  const a = delta.added.length;
  const part = (rows: SummaryRows, offset: number, [from, to]: [number, number]): SummaryRows => {
    const s = Math.max(from - offset, 0);
    const e = Math.min(to - offset, rows.length);
    return rows.slice(s, Math.max(e, s));
  };
  return runs.map((run) => ({
    target,
    added: part(delta.added, r, run),
    changed: part(delta.changed, r + a, run),
    removed: delta.removed.slice(Math.min(run[0], r), Math.min(run[1], r)),
  }));
};
