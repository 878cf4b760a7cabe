/**
 * SQLite's file formats, read by hand for salvage (https://sqlite.org/fileformat2.html): the
 * 100-byte database header and the write-ahead log's frames. SQLite itself stops reading a WAL at
 * its first damaged frame and silently forgets every commit after it; here each frame is checked on
 * its own (against the checksum stored in the frame before it), so intact commits after the damage
 * can still be read.
 */
import fs from 'node:fs';

const MAGIC = Buffer.from('SQLite format 3\0', 'latin1');
const HEADER_SIZE = 100;
const WAL_HEADER_SIZE = 32;
const FRAME_HEADER_SIZE = 24;
const MAX_IMAGE_BYTES = 1 << 30;
/** Admit never changes SQLite's default page size. */
export const DEFAULT_PAGE_SIZE = 4096;

const isPageSize = (n: number): boolean => n >= 512 && n <= 65536 && (n & (n - 1)) === 0;

/** The page size a database header names, or null when the header is not a SQLite header. */
export const headerPageSize = (bytes: Buffer): number | null => {
  if (bytes.length < HEADER_SIZE || !bytes.subarray(0, 16).equals(MAGIC)) return null;
  const raw = bytes.readUInt16BE(16);
  const size = raw === 1 ? 65536 : raw;
  return isPageSize(size) ? size : null;
};

/**
 * A plausible header for a database whose own header is gone: SQLite needs only the page size,
 * the encoding and the schema format to read the schema table that follows on page 1.
 */
export const rebuiltHeader = (pageSize: number, pages: number): Buffer => {
  const h = Buffer.alloc(HEADER_SIZE);
  MAGIC.copy(h, 0);
  h.writeUInt16BE(pageSize === 65536 ? 1 : pageSize, 16);
  h[18] = 1; // write version: legacy journal (the scratch copy has no WAL)
  h[19] = 1;
  h[21] = 64; // maximum / minimum embedded payload fractions, leaf payload fraction
  h[22] = 32;
  h[23] = 32;
  h.writeUInt32BE(1, 24); // change counter
  h.writeUInt32BE(pages, 28);
  h.writeUInt32BE(1, 40); // schema cookie
  h.writeUInt32BE(4, 44); // schema format
  h.writeUInt32BE(1, 56); // UTF-8
  h.writeUInt32BE(1, 92); // version-valid-for = change counter, so the page count is trusted
  h.writeUInt32BE(3_045_000, 96);
  return h;
};

/** One WAL frame: a full image of one page, written by a commit. */
export type WalFrame = {
  pgno: number;
  /** For a commit's last frame, the database size in pages after it; 0 otherwise. */
  commitSize: number;
  page: Buffer;
  /** Its salt matches the WAL header and its checksum matches the chain at this point. */
  intact: boolean;
};

export type WalFile = { pageSize: number; frames: WalFrame[] };

const checksum = (buf: Buffer, bigEndian: boolean, s: [number, number]): [number, number] => {
  let [s0, s1] = s;
  for (let i = 0; i + 8 <= buf.length; i += 8) {
    const x0 = bigEndian ? buf.readUInt32BE(i) : buf.readUInt32LE(i);
    const x1 = bigEndian ? buf.readUInt32BE(i + 4) : buf.readUInt32LE(i + 4);
    s0 = (s0 + x0 + s1) >>> 0;
    s1 = (s1 + x1 + s0) >>> 0;
  }
  return [s0, s1];
};

/**
 * Parses a WAL file. A frame counts as intact when its salt is the header's and its checksum,
 * seeded with the checksum the previous frame stored, is right: damage to one frame does not
 * condemn the ones after it, as it does for SQLite's cumulative check. Null when the header is unreadable.
 */
export const readWal = (bytes: Buffer): WalFile | null => {
  if (bytes.length < WAL_HEADER_SIZE) return null;
  const magic = bytes.readUInt32BE(0);
  if ((magic & 0xfffffffe) !== 0x377f0682) return null;
  const bigEndian = (magic & 1) === 1;
  const pageSize = bytes.readUInt32BE(8);
  if (!isPageSize(pageSize)) return null;
  const salt = bytes.subarray(16, 24);
  const frames: WalFrame[] = [];
  let seed: [number, number] = [bytes.readUInt32BE(24), bytes.readUInt32BE(28)];
  const frameSize = FRAME_HEADER_SIZE + pageSize;
  for (let at = WAL_HEADER_SIZE; at + frameSize <= bytes.length; at += frameSize) {
    const header = bytes.subarray(at, at + FRAME_HEADER_SIZE);
    const page = bytes.subarray(at + FRAME_HEADER_SIZE, at + frameSize);
    const computed = checksum(page, bigEndian, checksum(header.subarray(0, 8), bigEndian, seed));
    const stored: [number, number] = [header.readUInt32BE(16), header.readUInt32BE(20)];
    frames.push({
      pgno: header.readUInt32BE(0),
      commitSize: header.readUInt32BE(4),
      page,
      intact: header.subarray(8, 16).equals(salt) && computed[0] === stored[0] && computed[1] === stored[1],
    });
    seed = stored;
  }
  return { pageSize, frames };
};

/**
 * The frames of every commit whose frames are all intact, in order. A commit with a damaged frame
 * is left out whole, so no half-written commit is ever applied.
 */
export const intactCommits = (wal: WalFile): WalFrame[][] => {
  const commits: WalFrame[][] = [];
  let current: WalFrame[] = [];
  for (const frame of wal.frames) {
    current.push(frame);
    if (frame.commitSize === 0) continue;
    if (current.every((f) => f.intact && f.pgno > 0)) commits.push(current);
    current = [];
  }
  return commits;
};

/** Reads a file, or an empty buffer when it is missing or unreadable. */
export const readBytes = (file: string | null | undefined): Buffer => {
  if (!file) return Buffer.alloc(0);
  try {
    return fs.readFileSync(file);
  } catch {
    return Buffer.alloc(0);
  }
};

/** Every page a damaged database's files still hold, and how to read them. */
export type PageSet = {
  pageSize: number;
  /** Each page's newest version: the main file's, replaced by intact WAL commits in order. */
  latest: Map<number, Buffer>;
  /** Every page image, oldest first: the main file's pages, then each intact WAL frame. */
  images: { page: Buffer; pgno: number }[];
  /** The database size in pages after the last intact commit (or as the main header says). */
  size: number;
  walCommits: number;
};

/** Splits the main file into pages and lays the WAL's intact commits over them. */
export const readPages = (main: Buffer, walBytes: Buffer): PageSet => {
  const wal = readWal(walBytes);
  const mainPageSize = headerPageSize(main);
  const pageSize = mainPageSize ?? wal?.pageSize ?? DEFAULT_PAGE_SIZE;
  const latest = new Map<number, Buffer>();
  const images: PageSet['images'] = [];
  for (let n = 1; (n - 1) * pageSize < main.length; n++) {
    let page = main.subarray((n - 1) * pageSize, n * pageSize);
    // A short last page (a truncated file) is kept, zero-padded.
    if (page.length < pageSize) page = Buffer.concat([page, Buffer.alloc(pageSize - page.length)]);
    latest.set(n, page);
    images.push({ page, pgno: n });
  }
  // The header's page count, when it is current (a truncated file is padded back to it).
  const claimed = mainPageSize && main.readUInt32BE(92) === main.readUInt32BE(24) ? main.readUInt32BE(28) : 0;
  let size = claimed * pageSize <= MAX_IMAGE_BYTES ? claimed : 0;
  const usable = wal && wal.pageSize === pageSize ? wal : null;
  const commits = usable ? intactCommits(usable) : [];
  for (const commit of commits) {
    for (const frame of commit) latest.set(frame.pgno, frame.page);
    size = commit.at(-1)?.commitSize ?? size;
  }
  for (const frame of usable?.frames ?? []) if (frame.intact) images.push(frame);
  for (const n of latest.keys()) size = Math.max(size, n);
  return { pageSize, latest, images, size, walCommits: commits.length };
};

/**
 * The bytes of the database as it stood after the last intact commit, marked as a legacy-journal
 * database so SQLite reads it without a WAL; its header rebuilt if it is gone. Null when empty.
 */
export const imageOf = (set: PageSet): { bytes: Buffer; headerRebuilt: boolean } | null => {
  if (set.size === 0 || set.size * set.pageSize > MAX_IMAGE_BYTES) return null;
  const bytes = Buffer.alloc(set.size * set.pageSize);
  for (const [n, page] of set.latest) if (n <= set.size) page.copy(bytes, (n - 1) * set.pageSize);
  const headerRebuilt = headerPageSize(bytes) === null;
  if (headerRebuilt) rebuiltHeader(set.pageSize, set.size).copy(bytes, 0);
  bytes[18] = 1;
  bytes[19] = 1;
  bytes.writeUInt32BE(set.size, 28);
  bytes.writeUInt32BE(bytes.readUInt32BE(24), 92);
  return { bytes, headerRebuilt };
};
