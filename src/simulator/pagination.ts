/** Slack-style cursor pagination: opaque cursors that survive items being removed between pages. */

/** One page of a list, or the Slack error code for a bad limit or cursor. */
export type PageResult<T> = { items: T[]; nextCursor: string } | { error: string };

type CursorBody = { s: string; k: string };

const encode = (body: CursorBody): string => Buffer.from(JSON.stringify(body)).toString('base64url');

function decode(cursor: string): CursorBody | undefined {
  try {
    const body: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (typeof body !== 'object' || body === null) return undefined;
    const { s, k } = body as Record<string, unknown>;
    return typeof s === 'string' && typeof k === 'string' ? { s, k } : undefined;
  } catch {
    return undefined;
  }
}

/** Parses `limit` (default 100, 1–1000); undefined means out of range or not an integer. */
export function parseLimit(raw: string | undefined): number | undefined {
  if (raw === undefined || raw === '') return 100;
  if (!/^\d+$/.test(raw)) return undefined;
  const n = Number(raw);
  return n >= 1 && n <= 1000 ? n : undefined;
}

/**
 * Pages `items`, which must already be sorted by `keyOf` ascending. The cursor holds the last key
 * returned (keyset pagination), plus a scope string so a cursor from another list is `invalid_cursor`.
 */
export function paginate<T>(
  items: T[],
  keyOf: (item: T) => string,
  params: { limit?: string; cursor?: string },
  scope: string,
  limitError: string,
): PageResult<T> {
  const limit = parseLimit(params.limit);
  if (limit === undefined) return { error: limitError };
  let start = 0;
  if (params.cursor) {
    const body = decode(params.cursor);
    if (!body || body.s !== scope) return { error: 'invalid_cursor' };
    // Binary search for the first key after the cursor's.
    let lo = 0;
    let hi = items.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (keyOf(items[mid] as T) <= body.k) lo = mid + 1;
      else hi = mid;
    }
    start = lo;
  }
  const page = items.slice(start, start + limit);
  const last = page[page.length - 1];
  const more = start + limit < items.length && last !== undefined;
  return { items: page, nextCursor: more ? encode({ s: scope, k: keyOf(last) }) : '' };
}
