/** A deterministic clock for the rate limiter: `sleep` only resolves when the test advances time. */

/** Injected now/sleep plus controls to move time. */
export type VirtualClock = {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  /** Moves time forward by `ms`, waking sleepers in order. */
  advance: (ms: number) => Promise<void>;
  /** Advances until no sleeper is left (bounded). */
  runAll: () => Promise<void>;
};

const flush = async (): Promise<void> => {
  for (let i = 0; i < 20; i++) await Promise.resolve();
};

/** Creates a clock starting at `start` ms. */
export function createVirtualClock(start = 0): VirtualClock {
  let t = start;
  let timers: { at: number; wake: () => void }[] = [];
  const next = async (until: number): Promise<boolean> => {
    timers.sort((a, b) => a.at - b.at);
    const first = timers[0];
    if (!first || first.at > until) return false;
    timers = timers.slice(1);
    t = Math.max(t, first.at);
    first.wake();
    await flush();
    return true;
  };
  return {
    now: () => t,
    sleep: (ms) => new Promise((wake) => timers.push({ at: t + Math.max(0, ms), wake })),
    async advance(ms) {
      const until = t + ms;
      await flush();
      while (await next(until));
      t = until;
    },
    async runAll() {
      await flush();
      for (let i = 0; i < 10_000 && (await next(Number.POSITIVE_INFINITY)); i++);
    },
  };
}

/** A clock whose `sleep` moves time forward at once, recording each wait (for sequential tests). */
export function createAutoClock(start = 0): {
  now: () => number;
  sleep: (ms: number) => Promise<void>;
  waits: number[];
} {
  let t = start;
  const waits: number[] = [];
  return {
    now: () => t,
    sleep: async (ms) => {
      waits.push(ms);
      t += ms;
    },
    waits,
  };
}
