/** Small statistics helpers for benchmark samples (milliseconds unless said otherwise). */

/** The q-quantile (0..1) of samples, by nearest rank. */
export const quantile = (samples, q) => {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank];
};

export const median = (samples) => quantile(samples, 0.5);

/** Rounds for display: whole numbers above 100, otherwise two significant decimals. */
export const round = (n, digits = 2) => (Number.isFinite(n) ? Number(n.toFixed(digits)) : n);
