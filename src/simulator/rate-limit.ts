/**
 * Fixed-window rate limiting as Slack budgets it: per method, per Slack app (client id) and org. Two
 * tokens issued to the same app share one window; windows last 60 s / rateScale.
 */
import { simTierOf, TIER_CALLS_PER_MINUTE, type SimTier } from './method-facts';

/** The verdict for one call: allowed, or refused with how long until the window resets. */
export type RateVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/** Whose budget a call spends: the calling token's app (client id) in one org. */
export type RateBucket = { clientId: string; orgId: string };

/** Counts calls per method, app and org. */
export type RateLimiter = {
  readonly windowMs: number;
  check(method: string, bucket: RateBucket, now?: number): RateVerdict;
  reset(): void;
};

/** Builds a limiter; rateScale 0 or Infinity turns limiting off. `tierOf` defaults to Slack's tiers. */
export function createRateLimiter(
  rateScale = 1,
  tierOf: (method: string) => SimTier | undefined = simTierOf,
): RateLimiter {
  const enabled = Number.isFinite(rateScale) && rateScale > 0;
  const windowMs = enabled ? 60_000 / rateScale : Infinity;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    windowMs,
    check(method, bucket, now = Date.now()) {
      const tier = tierOf(method);
      if (!enabled || !tier) return { ok: true };
      const key = `${bucket.clientId}\u0000${bucket.orgId}\u0000${method}`;
      let w = windows.get(key);
      if (!w || now >= w.start + windowMs) {
        w = { start: now, count: 0 };
        windows.set(key, w);
      }
      if (w.count >= TIER_CALLS_PER_MINUTE[tier])
        return { ok: false, retryAfterMs: w.start + windowMs - now };
      w.count++;
      return { ok: true };
    },
    reset() {
      windows.clear();
    },
  };
}

/** Retry-After in whole seconds as Slack sends it: rounded up, at least 1. */
export const retryAfterSeconds = (ms: number): number => Math.max(1, Math.ceil(ms / 1000));
