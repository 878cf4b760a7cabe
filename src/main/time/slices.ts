/**
 * Cooperative slicing for long work on the main thread (a sync's parsing, serialising and event
 * fan-out): the work yields to the event loop every few milliseconds, so IPC calls, the browser
 * host's requests and timers are answered between slices instead of after the whole sync.
 */
import { setImmediate as nextTurn } from 'node:timers/promises';

/** How long one slice may hold the main thread before it yields (ms). */
export const SLICE_MS = 4;

let sliceStart = performance.now();

/** Yields to the event loop now (pending I/O and timers run first) and starts a new slice. */
export const yieldNow = async (): Promise<void> => {
  await nextTurn();
  sliceStart = performance.now();
};

/**
 * Whether the current slice has used its budget. The slice is counted from the last yield, so after
 * any other wait (a network read) the next check says yes.
 */
export const sliceDue = (): boolean => performance.now() - sliceStart >= SLICE_MS;

/** Yields when the current slice has used its budget; otherwise resolves at once. */
export const yieldIfDue = async (): Promise<void> => {
  if (sliceDue()) await yieldNow();
};
