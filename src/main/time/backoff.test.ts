import { describe, expect, it } from 'vitest';
import { backoffDelay, defaultBackoff } from './backoff';

describe('backoffDelay', () => {
  it('is 0 with random 0 and the full exponential ceiling with random 1', () => {
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 0))).toEqual([0, 0, 0, 0]);
    expect([1, 2, 3, 4].map((n) => backoffDelay(n, () => 1))).toEqual([1000, 2000, 4000, 8000]);
  });

  it('never exceeds the cap, even after many failures', () => {
    expect(backoffDelay(9, () => 1)).toBe(256_000);
    expect(backoffDelay(10, () => 1)).toBe(defaultBackoff.capMs);
    expect(backoffDelay(1000, () => 1)).toBe(defaultBackoff.capMs);
  });

  it('waits at least Retry-After', () => {
    expect(backoffDelay(1, () => 0, defaultBackoff, 30_000)).toBe(30_000);
    expect(backoffDelay(12, () => 1, defaultBackoff, 30_000)).toBe(defaultBackoff.capMs);
    expect(backoffDelay(12, () => 1, defaultBackoff, 10 * 60_000)).toBe(10 * 60_000);
  });
});
