/** Fixed-window rate limiting per method and token, with windows of 60 s / rateScale. */
// One tier table for Admit and its simulator: src/main/slack/method-tiers.ts, tested against the reference.
import { TIER_CALLS_PER_MINUTE, type SlackTier } from '../main/slack/method-tiers';

/** The verdict for one call: allowed, or refused with how long until the window resets. */
export type RateVerdict = { ok: true } | { ok: false; retryAfterMs: number };

/** Counts calls per method and token. */
export type RateLimiter = {
  readonly windowMs: number;
  check(method: string, token: string, now?: number): RateVerdict;
  reset(): void;
};

/** Builds a limiter; rateScale 0 or Infinity turns limiting off. */
export function createRateLimiter(tiers: Readonly<Record<string, SlackTier>>, rateScale = 1): RateLimiter {
  const enabled = Number.isFinite(rateScale) && rateScale > 0;
  const windowMs = enabled ? 60_000 / rateScale : Infinity;
  const windows = new Map<string, { start: number; count: number }>();
  return {
    windowMs,
    check(method, token, now = Date.now()) {
      const tier = tiers[method];
      if (!enabled || !tier) return { ok: true };
      const key = `${method}\u0000${token}`;
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
