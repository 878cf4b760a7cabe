/** When a request is overdue: it has waited longer than the admin's (or policy's) number of days. */

const DAY = 86_400;

/** The `createdAt` (seconds) before which a request is overdue. */
export const overdueCutoff = (nowSeconds: number, afterDays: number): number => nowSeconds - afterDays * DAY;

/** Has this request waited longer than `afterDays`? */
export const isOverdue = (createdAt: number, nowSeconds: number, afterDays: number): boolean =>
  createdAt < overdueCutoff(nowSeconds, afterDays);

/** How many of these requests are overdue. */
export const countOverdue = (
  rows: Iterable<{ createdAt: number }>,
  nowSeconds: number,
  afterDays: number,
): number => {
  const cutoff = overdueCutoff(nowSeconds, afterDays);
  let n = 0;
  for (const r of rows) if (r.createdAt < cutoff) n += 1;
  return n;
};

/**
 * Now in seconds, rounded down to the minute: selectors that use it return the same result for a
 * minute, so the memoized visible list is not rebuilt on every read.
 */
export const currentMinute = (): number => Math.floor(Date.now() / 60_000) * 60;
