/**
 * Paces Slack calls per org and per method inside the method's tier budget, and holds a method back
 * after a 429 until Retry-After has passed. Pure: the clock and sleep are injected.
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
  /** Milliseconds between two calls to `method` (the tier budget spread evenly over the window). */
  intervalMs(method: string): number;
};

/** Injected clock and window scale. */
export type RateLimiterOptions = {
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Shrinks the one-minute window: 60 means per-second budgets (tests, benchmarks, simulator). */
  scale?: number;
};

type Lane = { nextAt: number; pausedUntil: number };

/** The share of a tier's budget Admit uses. */
export const BUDGET_SHARE = 0.95;

const realSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Creates a limiter that spaces calls evenly: a tier of N calls/minute gets one call every 60s/(0.95·N). */
export function createRateLimiter(o: RateLimiterOptions = {}): RateLimiter {
  const now = o.now ?? Date.now;
  const sleep = o.sleep ?? realSleep;
  const scale = o.scale ?? 1;
  if (!(scale > 0)) throw new RangeError('scale must be positive');
  const windowMs = 60_000 / scale;
  const lanes = new Map<string, Lane>();

  const lane = (orgId: string, method: string): Lane => {
    const key = `${orgId}\u0000${method}`;
    let l = lanes.get(key);
    if (!l) {
      l = { nextAt: Number.NEGATIVE_INFINITY, pausedUntil: Number.NEGATIVE_INFINITY };
      lanes.set(key, l);
    }
    return l;
  };
  // Slack counts in fixed windows; calls spaced at exactly the budget tip over it whenever timers
  // jitter, and each 429 costs a whole Retry-After. Pacing at 95% of the budget avoids that.
  const intervalMs = (method: string): number => windowMs / (callsPerMinute(method) * BUDGET_SHARE);

  return {
    intervalMs,
    async acquire(orgId, method) {
      const l = lane(orgId, method);
      for (;;) {
        const t = now();
        const slot = Math.max(t, l.nextAt, l.pausedUntil);
        l.nextAt = slot + intervalMs(method);
        if (slot <= t) return;
        await sleep(slot - t);
        // A 429 while we slept moves everyone who was waiting behind the pause.
        if (now() >= l.pausedUntil) return;
      }
    },
    pause(orgId, method, ms) {
      const l = lane(orgId, method);
      l.pausedUntil = Math.max(l.pausedUntil, now() + ms);
      l.nextAt = Math.max(l.nextAt, l.pausedUntil);
    },
    etaMs(orgId, method, queuedCount) {
      if (queuedCount <= 0) return 0;
      const l = lane(orgId, method);
      const t = now();
      const first = Math.max(t, l.nextAt, l.pausedUntil) - t;
      return first + (queuedCount - 1) * intervalMs(method);
    },
  };
}
