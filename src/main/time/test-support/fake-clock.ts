/**
 * The one hand-driven clock for tests that inject time (the queue, the refresh scheduler, the
 * connectivity monitor, the rate limiter, the Slack client): `now`, timers and `sleep` on one
 * timeline. Times may be fractional (the rate limiter spaces calls by fractions of a millisecond),
 * which is why this is not @sinonjs/fake-timers, whose timers round to whole milliseconds.
 */
import type { Timers } from '../timers';

export type FakeClock = {
  now: () => number;
  timers: Timers;
  /** Resolves when the clock reaches now + ms; with `autoAdvance`, moves the clock there at once. */
  sleep: (ms: number) => Promise<void>;
  /** Moves the clock forward, firing due timers in time order, synchronously. */
  advance(ms: number): void;
  /** Moves the clock forward, letting the promise chains each timer starts run before the next fires. */
  advanceAsync(ms: number): Promise<void>;
  /** Fires timers (as advanceAsync does) until none is armed (bounded). */
  runAll(): Promise<void>;
  /** How many timers are armed. */
  armed(): number;
};

/** Options: `autoAdvance` makes `sleep(ms)` move the clock by ms at once (for sequential tests). */
export type FakeClockOptions = { autoAdvance?: boolean };

type Armed = { at: number; fn: () => void };

/** Lets pending promise callbacks run (a fixed number of microtask turns). */
const flush = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** Creates a fake clock starting at `start` ms. */
export const createFakeClock = (start = 1_700_000_000_000, options: FakeClockOptions = {}): FakeClock => {
  let now = start;
  let nextId = 1;
  const armed = new Map<number, Armed>();
  const setTimer = (fn: () => void, ms: number): number => {
    const id = nextId++;
    armed.set(id, { at: now + Math.max(0, ms), fn });
    return id;
  };
  /** Fires the earliest timer due by `end` (the first armed among equals); false when none is. */
  const fireNext = (end: number): boolean => {
    let due: [number, Armed] | undefined;
    for (const entry of armed) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
    if (!due) return false;
    armed.delete(due[0]);
    now = Math.max(now, due[1].at);
    due[1].fn();
    return true;
  };
  const advance = (ms: number): void => {
    const end = now + ms;
    while (fireNext(end));
    now = end;
  };
  return {
    now: () => now,
    timers: {
      setTimeout: setTimer,
      clearTimeout: (handle) => {
        armed.delete(handle as number);
      },
    },
    sleep: (ms) => {
      if (!options.autoAdvance) return new Promise((wake) => setTimer(() => wake(), ms));
      advance(Math.max(0, ms));
      return Promise.resolve();
    },
    advance,
    async advanceAsync(ms) {
      const end = now + ms;
      await flush();
      while (fireNext(end)) await flush();
      now = end;
    },
    async runAll() {
      await flush();
      for (let i = 0; i < 10_000 && fireNext(Number.POSITIVE_INFINITY); i++) await flush();
    },
    armed: () => armed.size,
  };
};
