/** Retry timing: full-jitter exponential backoff with a cap, never sooner than Slack's Retry-After. */

export type BackoffOptions = { baseMs: number; capMs: number };

/** Default timing: 1 s base, 5 min cap. */
export const defaultBackoff: BackoffOptions = { baseMs: 1_000, capMs: 5 * 60_000 };

/**
 * Delay before retry number `failures` (1 for the first retry): a uniformly random point in
 * [0, min(cap, base·2^(failures−1))], raised to `retryAfterMs` when Slack asked us to wait longer.
 * Full jitter spreads retries from many queued actions so they do not hit the rate limiter together.
 */
export const backoffDelay = (
  failures: number,
  random: () => number,
  options: BackoffOptions = defaultBackoff,
  retryAfterMs = 0,
): number => {
  const exponent = Math.max(0, Math.min(failures - 1, 30));
  const ceiling = Math.min(options.capMs, options.baseMs * 2 ** exponent);
  const jittered = Math.floor(Math.min(1, Math.max(0, random())) * ceiling);
  return Math.max(jittered, retryAfterMs);
};
