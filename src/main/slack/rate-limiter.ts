/**
 * Paces Slack calls per org and per method inside the method's tier budget, and holds a method back
 * after a 429 until Retry-After has passed. The budget belongs to the Slack app, shared by every admin
 * signed in with it, so a 429 also cuts that method's pace (another host is spending the same budget)
 * and each calm window after it wins back a little (additive increase, multiplicative decrease): two
 * hosts settle below the budget between them instead of taking turns at 429s.
 * Pure: the clock and sleep are injected.
 */
import { callsPerMinute } from './method-tiers';

/** Paces calls so Admit stays inside Slack's per-method, per-org budgets. */
export type RateLimiter = {
  /** Resolves when a call to `method` for `orgId` may start; reserves that slot. */
  acquire(orgId: string, method: string): Promise<void>;
  /** Holds `method` for `orgId` back for `ms` (Slack's Retry-After), including calls already waiting. */
  pause(orgId: string, method: string, ms: number): void;
  /** Milliseconds until the last of `queuedCount` further calls could start; 0 for none. */
  etaMs(orgId: string, method: string, queuedCount: number): number;
  /**
   * Milliseconds between two calls to `method`: the tier budget spread evenly over the window, or,
   * with `orgId`, that org's current pace (slower after a 429).
   */
  intervalMs(method: string, orgId?: string): number;
  /** How many 429s (pauses) this org has had so far, all methods together. */
  limitedCount(orgId: string): number;
  /** Slack's rate window as this limiter counts it: one minute, shrunk by `scale`. */
  windowMs(): number;
};

/** Injected clock and window scale. */
export type RateLimiterOptions = {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Shrinks the one-minute window: 60 means per-second budgets (tests, benchmarks, simulator). */
  scale?: number;
  /** Spreads each lane's recovery step (0–1); Math.random by default. */
  random?: () => number;
};

type Lane = {
  nextAt: number;
  pausedUntil: number;
  share: number;
  /** Where the quick recovery stops: a little under the share the last 429 came at. */
  ceiling: number;
  calmSince: number;
  step: number;
};

/** The share of a tier's budget Admit uses when no 429 says someone else is using it too. */
export const BUDGET_SHARE = 0.95;
/**
 * What a 429 leaves of a method's share. Below a half, so two hosts that both drew one settle with a
 * margin (2 × 0.95 × 0.4 = 76% of the budget) rather than at its very edge.
 */
export const DECREASE = 0.4;
/** The least share a run of 429s brings a method down to. */
export const MIN_SHARE = 0.1;
/**
 * What each window without a 429 adds back to the share, on average, up to the ceiling. Each lane
 * draws its own step between half and one and a half of it: two hosts cut by the same 429 would
 * otherwise climb back in lockstep and overshoot in the same window.
 */
export const RECOVERY_STEP = 0.02;
/** The ceiling after a 429: this much of the share that drew it. */
export const CEILING = 0.9;
/** Above the ceiling the share creeps up by this fraction of the lane's step per window (probing). */
export const PROBE = 0.1;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** A lane no 429 has touched yet: the full share, and its own recovery step (see RECOVERY_STEP). */
const newLane = (random: () => number): Lane => ({
  nextAt: Number.NEGATIVE_INFINITY,
  pausedUntil: Number.NEGATIVE_INFINITY,
  share: BUDGET_SHARE,
  ceiling: BUDGET_SHARE,
  calmSince: Number.NEGATIVE_INFINITY,
  step: RECOVERY_STEP * (0.5 + random()),
});

/**
 * For each whole window since the last 429: the lane's step back up to the ceiling, then a tenth of
 * it above (so a host near what others leave free tips over by a fraction of a call, not several).
 */
const recover = (l: Lane, t: number, windowMs: number): void => {
  if (l.share >= BUDGET_SHARE || t < l.calmSince) return;
  const windows = Math.floor((t - l.calmSince) / windowMs);
  if (windows < 1) return;
  for (let i = 0; i < windows && l.share < BUDGET_SHARE; i++) {
    l.share =
      l.share < l.ceiling
        ? Math.min(l.ceiling, l.share + l.step)
        : Math.min(BUDGET_SHARE, l.share + l.step * PROBE);
  }
  l.calmSince += windows * windowMs;
};

/** Creates a limiter that spaces calls evenly: a tier of N calls/minute gets one call every 60s/(0.95·N). */
export function createRateLimiter(o: RateLimiterOptions = {}): RateLimiter {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? realSleep;
  const scale = o.scale ?? 1;
  const random = o.random ?? Math.random;
  if (!(scale > 0)) throw new RangeError('scale must be positive');
  const windowMs = 60_000 / scale;
  const lanes = new Map<string, Lane>();
  const limited = new Map<string, number>();

  const lane = (orgId: string, method: string): Lane => {
    const key = `${orgId}\u0000${method}`;
    let l = lanes.get(key);
    if (!l) {
      l = newLane(random);
      lanes.set(key, l);
    }
    return l;
  };
  // Slack counts in fixed windows; calls spaced at exactly the budget tip over it whenever timers
  // jitter, and each 429 costs a whole Retry-After. Pacing at 95% of the budget avoids that.
  const nominalMs = (method: string, share = BUDGET_SHARE): number =>
    windowMs / (callsPerMinute(method) * share);

  return {
    intervalMs: (method, orgId) => {
      if (orgId === undefined) return nominalMs(method);
      const l = lane(orgId, method);
      recover(l, now(), windowMs);
      return nominalMs(method, l.share);
    },
    limitedCount: (orgId) => limited.get(orgId) ?? 0,
    windowMs: () => windowMs,
    async acquire(orgId, method) {
      const l = lane(orgId, method);
      for (;;) {
        const t = now();
        recover(l, t, windowMs);
        const slot = Math.max(t, l.nextAt, l.pausedUntil);
        l.nextAt = slot + nominalMs(method, l.share);
        if (slot <= t) return;
        await sleep(slot - t);
        // A 429 while we slept moves everyone who was waiting behind the pause.
        if (now() >= l.pausedUntil) return;
      }
    },
    pause(orgId, method, ms) {
      const l = lane(orgId, method);
      const t = now();
      limited.set(orgId, (limited.get(orgId) ?? 0) + 1);
      // Several calls in flight can all draw the same window's 429: cut once per pause period.
      if (t >= l.pausedUntil) {
        l.ceiling = Math.max(MIN_SHARE, l.share * CEILING);
        l.share = Math.max(MIN_SHARE, l.share * DECREASE);
      }
      l.pausedUntil = Math.max(l.pausedUntil, t + ms);
      l.calmSince = l.pausedUntil;
      l.nextAt = Math.max(l.nextAt, l.pausedUntil);
    },
    etaMs(orgId, method, queuedCount) {
      if (queuedCount <= 0) return 0;
      const l = lane(orgId, method);
      const t = now();
      recover(l, t, windowMs);
      const first = Math.max(t, l.nextAt, l.pausedUntil) - t;
      return first + (queuedCount - 1) * nominalMs(method, l.share);
    },
  };
}
