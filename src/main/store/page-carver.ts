/**
 * Reads table rows straight out of SQLite b-tree leaf pages (https://sqlite.org/fileformat2.html,
 * "B-tree Pages" and "Record Format"), for when SQLite cannot read what is left of a database: its
 * header or schema page is gone, or an interior page that leads to the rows is damaged. Only the
 * cells a page's cell pointer array lists are read, never its free space.
 */

/** One column value as the record format stores it. */
export type CarvedValue = null | number | string | Buffer;
export type CarvedRow = { rowid: number; values: CarvedValue[] };

/** One page image to read, and its page number when known (page 1 starts after the 100-byte header). */
export type PageImage = { page: Buffer; pgno: number | null };

const TABLE_LEAF = 0x0d;
const MAX_OVERFLOW_PAGES = 64;

const varint = (b: Buffer, at: number): { value: number; next: number } | null => {
  let value = 0;
  for (let i = 0; i < 9; i++) {
    const byte = b[at + i];
    if (byte === undefined) return null;
    if (i === 8) return { value: value * 256 + byte, next: at + 9 };
    value = value * 128 + (byte & 0x7f);
    if ((byte & 0x80) === 0) return { value, next: at + i + 1 };
  }
  return null;
};

const INT_SIZES = [0, 1, 2, 3, 4, 6, 8];

/** Decodes one record (header of serial types, then the values); null when it does not parse. */
export const decodeRecord = (payload: Buffer): CarvedValue[] | null => {
  const size = varint(payload, 0);
  if (!size || size.value > payload.length || size.value < size.next) return null;
  const types: number[] = [];
  for (let at = size.next; at < size.value;) {
    const t = varint(payload, at);
    if (!t) return null;
    types.push(t.value);
    at = t.next;
  }
  const values: CarvedValue[] = [];
  let at = size.value;
  for (const t of types) {
    if (t === 0) values.push(null);
    else if (t >= 1 && t <= 6) {
      const n = INT_SIZES[t] ?? 0;
      if (at + n > payload.length) return null;
      values.push(n === 8 ? Number(payload.readBigInt64BE(at)) : payload.readIntBE(at, n));
      at += n;
    } else if (t === 7) {
      if (at + 8 > payload.length) return null;
      values.push(payload.readDoubleBE(at));
      at += 8;
    } else if (t === 8 || t === 9) values.push(t - 8);
    else if (t >= 12) {
      const n = t % 2 === 0 ? (t - 12) / 2 : (t - 13) / 2;
      if (at + n > payload.length) return null;
      const bytes = payload.subarray(at, at + n);
      values.push(t % 2 === 0 ? Buffer.from(bytes) : bytes.toString('utf8'));
      at += n;
    } else return null;
  }
  return values;
};

/**
 * Every row of every table-leaf page among `images`. `lookup` finds an overflow page by number
 * (rows longer than a page continue there); a row whose overflow chain cannot be followed is skipped.
 */
export const carveRows = (
  images: readonly PageImage[],
  pageSize: number,
  lookup: (pgno: number) => Buffer | undefined,
): CarvedRow[] => {
  const usable = pageSize;
  const maxLocal = usable - 35;
  const minLocal = Math.floor(((usable - 12) * 32) / 255) - 23;
  const rows: CarvedRow[] = [];
  for (const { page, pgno } of images) {
    if (page.length !== pageSize) continue;
    const hdr = pgno === 1 ? 100 : 0;
    if (page[hdr] !== TABLE_LEAF) continue;
    const cells = page.readUInt16BE(hdr + 3);
    for (let i = 0; i < cells && hdr + 8 + 2 * i + 2 <= usable; i++) {
      const ptr = page.readUInt16BE(hdr + 8 + 2 * i);
      if (ptr < hdr + 8 || ptr >= usable) continue;
      const size = varint(page, ptr);
      const rowid = size && varint(page, size.next);
      if (!size || !rowid) continue;
      const total = size.value;
      const k = minLocal + ((total - minLocal) % (usable - 4));
      const local = total <= maxLocal ? total : k <= maxLocal ? k : minLocal;
      if (rowid.next + local > usable) continue;
      const parts = [page.subarray(rowid.next, rowid.next + local)];
      let have = local;
      let next =
        local < total && rowid.next + local + 4 <= usable ? page.readUInt32BE(rowid.next + local) : 0;
      for (let hops = 0; have < total && next > 0 && hops < MAX_OVERFLOW_PAGES; hops++) {
        const overflow = lookup(next);
        if (!overflow || overflow.length !== pageSize) break;
        const chunk = overflow.subarray(4, 4 + Math.min(usable - 4, total - have));
        parts.push(chunk);
        have += chunk.length;
        next = overflow.readUInt32BE(0);
      }
      if (have < total) continue;
      const values = decodeRecord(Buffer.concat(parts));
      if (values) rows.push({ rowid: rowid.value, values });
    }
  }
  return rows;
};
