/**
 * App icons in the org's database (table `icons`, migration v5), next to the requests that name
 * them: one row per URL, holding either the image or why it could not be had and when.
 */
import type { DatabaseSync } from 'node:sqlite';
import { RASTER_TYPES, type RasterType } from './icon-rules';

/** A cached icon, or a remembered failure. `at` is when it was fetched or tried (ms). */
export type StoredIcon =
  | { kind: 'image'; mime: RasterType; bytes: Uint8Array; at: number }
  | { kind: 'failed'; reason: string; at: number };

/** The icon table's operations; each is one statement. */
export type IconStore = {
  get(url: string): StoredIcon | null;
  putImage(url: string, mime: RasterType, bytes: Uint8Array, at: number): void;
  putFailure(url: string, reason: string, at: number): void;
};

const isRaster = (value: unknown): value is RasterType => RASTER_TYPES.some((t) => t === value);

/**
 * The icon store over an open, migrated org database. `write` runs each write as the store's cache
 * writes run (no fsync each, the log checkpointed off the main thread): icons can be fetched again.
 */
export const createIconStore = (
  db: DatabaseSync,
  write: (fn: () => void) => void = (fn) => fn(),
): IconStore => {
  const st = {
    get: db.prepare('SELECT mime, bytes, fetched_at, failure FROM icons WHERE url = ?'),
    put: db.prepare(
      'INSERT OR REPLACE INTO icons (url, mime, bytes, fetched_at, failure) VALUES (?, ?, ?, ?, ?)',
    ),
  };
  return {
    get: (url) => {
      const row = st.get.get(url) as
        { mime: unknown; bytes: unknown; fetched_at: unknown; failure: unknown } | undefined;
      if (!row) return null;
      const at = Number(row.fetched_at);
      if (row.bytes instanceof Uint8Array && isRaster(row.mime)) {
        return { kind: 'image', mime: row.mime, bytes: row.bytes, at };
      }
      return { kind: 'failed', reason: typeof row.failure === 'string' ? row.failure : 'unreadable', at };
    },
    putImage: (url, mime, bytes, at) => write(() => void st.put.run(url, mime, bytes, at, null)),
    putFailure: (url, reason, at) => write(() => void st.put.run(url, null, null, at, reason)),
  };
};
