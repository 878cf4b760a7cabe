/** A hand-driven clock and timers for tests of the queue, sync scheduler and connectivity monitor. */
import type { Timers } from './queue-ports';

export type FakeTime = {
  now: () => number;
  timers: Timers;
  /** Moves the clock forward, firing due timers in time order. */
  advance(ms: number): void;
  /** How many timers are armed. */
  armed(): number;
};

/** Creates a fake clock starting at `start` ms. */
export const createFakeTime = (start = 1_700_000_000_000): FakeTime => {
  let now = start;
  let nextId = 1;
  const armed = new Map<number, { at: number; fn: () => void }>();
  return {
    now: () => now,
    timers: {
      setTimeout: (fn, ms) => {
        const id = nextId++;
        armed.set(id, { at: now + Math.max(0, ms), fn });
        return id;
      },
      clearTimeout: (handle) => {
        armed.delete(handle as number);
      },
    },
    advance(ms) {
      const end = now + ms;
      for (;;) {
        let due: [number, { at: number; fn: () => void }] | undefined;
        for (const entry of armed) if (entry[1].at <= end && (!due || entry[1].at < due[1].at)) due = entry;
        if (!due) break;
        armed.delete(due[0]);
        now = Math.max(now, due[1].at);
        due[1].fn();
      }
      now = end;
    },
    armed: () => armed.size,
  };
};
