/**
 * How often a background refresh may run so that, in steady state, it spends at most half of each
 * method's tier budget (Slack's budget belongs to the Slack app and the org, shared by every admin
 * who signs in with it and by the decisions being sent): the interval grows with what the last
 * refresh cost, doubles after a refresh that drew a 429, and shrinks back slowly after clean ones.
 * Pure: callers pass what each refresh cost.
 */

/** The share of a method's budget periodic refreshes may use on average. */
export const STEADY_SHARE = 0.5;
/** The most the 429 back-off stretches the interval. */
export const MAX_BACKOFF = 8;
/** Each clean refresh takes this much off the back-off factor (never below 1). */
export const RECOVERY = 0.8;

export type CadenceOptions = {
  /** The interval when the budget allows it (e.g. 5 minutes for the inbox, an hour for inventories). */
  baseMs: number;
  /** Calls per minute a method's tier allows. */
  callsPerMinute: (method: string) => number;
  /** Slack's window shrunk by the same scale the limiter uses (simulator, tests); 1 is real time. */
  scale?: number;
  share?: number;
};

export type Cadence = {
  /** The delay before the next refresh. */
  nextMs(): number;
  /** Records what a refresh cost (calls by method) and whether Slack answered any call with a 429. */
  record(calls: Readonly<Record<string, number>>, rateLimited: boolean): void;
  /** The current back-off factor (1 when no 429 was seen lately). */
  backoff(): number;
  /** The shortest interval that keeps the last refresh's calls within the share (0 before one). */
  budgetMs(): number;
};

/** The shortest interval at which `calls` stays within `share` of every method's budget. */
export const budgetIntervalMs = (
  calls: Readonly<Record<string, number>>,
  callsPerMinute: (method: string) => number,
  share = STEADY_SHARE,
  scale = 1,
): number => {
  const windowMs = 60_000 / scale;
  let ms = 0;
  for (const [method, n] of Object.entries(calls)) {
    const perMinute = callsPerMinute(method) * share;
    if (n > 0 && perMinute > 0) ms = Math.max(ms, (n / perMinute) * windowMs);
  }
  return ms;
};

/** Creates a cadence that starts at `baseMs` until the first refresh says what one costs. */
export const createCadence = (o: CadenceOptions): Cadence => {
  const scale = o.scale ?? 1;
  let last: Readonly<Record<string, number>> = {};
  let factor = 1;
  return {
    nextMs: () =>
      Math.max(o.baseMs, budgetIntervalMs(last, o.callsPerMinute, o.share ?? STEADY_SHARE, scale)) * factor,
    record: (calls, rateLimited) => {
      last = { ...calls };
      factor = rateLimited ? Math.min(MAX_BACKOFF, factor * 2) : Math.max(1, factor * RECOVERY);
    },
    backoff: () => factor,
    budgetMs: () => budgetIntervalMs(last, o.callsPerMinute, o.share ?? STEADY_SHARE, scale) * factor,
  };
};
