/** Timer functions, injected so the queue, the refresh scheduler and the connectivity monitor run on a fake clock in tests. */

/** setTimeout/clearTimeout as the core uses them. */
export type Timers = {
  setTimeout(fn: () => void, ms: number): unknown;
  clearTimeout(handle: unknown): void;
};

/** Real timers, for production wiring. */
export const systemTimers: Timers = {
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>),
};
