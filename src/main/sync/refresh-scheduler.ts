/** When to sync: on an interval, on reconnect and on demand, with at most one sync running. */
import { systemTimers, type Timers } from '../time/timers';

export type SyncReason = 'interval' | 'reconnect' | 'manual';

export type RefreshSchedulerOptions<T> = {
  run: (reason: SyncReason) => Promise<T>;
  /** The delay after each sync (read again each time, so it can follow the org's size and 429s). */
  intervalMs: number | (() => number);
  timers?: Timers;
  /** Interval syncs are skipped while this says offline (a reconnect triggers one instead). */
  isOnline?: () => boolean;
  /** Failures of syncs nobody awaited (interval and reconnect). */
  onError?: (error: unknown) => void;
};

export type RefreshScheduler<T> = {
  /** Starts a sync, or joins the one already running. */
  requestSync(reason: SyncReason): Promise<T>;
  /** Call when connectivity returns. */
  notifyReconnect(): void;
  /** Arms the interval timer (counted from now, and from the end of each sync). */
  start(): void;
  /** Disarms the timer; a running sync finishes. */
  stop(): void;
  isRunning(): boolean;
};

/** Creates a single-flight refresh scheduler. */
export const createRefreshScheduler = <T>(o: RefreshSchedulerOptions<T>): RefreshScheduler<T> => {
  const timers = o.timers ?? systemTimers;
  let current: Promise<T> | null = null;
  let timer: unknown;
  let started = false;

  const disarm = (): void => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };
  const arm = (): void => {
    disarm();
    if (!started) return;
    timer = timers.setTimeout(
      () => {
        timer = undefined;
        if (o.isOnline && !o.isOnline()) {
          arm();
          return;
        }
        background('interval');
      },
      typeof o.intervalMs === 'function' ? o.intervalMs() : o.intervalMs,
    );
  };
  const requestSync = (reason: SyncReason): Promise<T> => {
    if (current) return current;
    disarm();
    const run = (async () => o.run(reason))();
    current = run;
    const clear = (): void => {
      current = null;
      arm();
    };
    run.then(clear, clear);
    return run;
  };
  const background = (reason: SyncReason): void => {
    requestSync(reason).catch((error: unknown) => o.onError?.(error));
  };

  return {
    requestSync,
    notifyReconnect: () => background('reconnect'),
    start: () => {
      started = true;
      arm();
    },
    stop: () => {
      started = false;
      disarm();
    },
    isRunning: () => current !== null,
  };
};
