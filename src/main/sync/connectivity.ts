/**
 * Whether Slack is reachable. OS online/offline hints are only hints (captive portals, VPNs): they
 * trigger a probe. Real call results are the truth. While offline we probe with backoff.
 */
import { backoffDelay, type BackoffOptions } from '../time/backoff';
import { systemTimers, type Timers } from '../time/timers';

export type Connectivity = 'online' | 'offline' | 'unknown';

export type ConnectivityMonitorOptions = {
  /** A cheap call such as api.test; resolves when Slack answered. */
  probe: () => Promise<void>;
  timers?: Timers;
  random?: () => number;
  backoff?: BackoffOptions;
};

export type ConnectivityMonitor = {
  state(): Connectivity;
  /** Subscribes to state changes; returns the unsubscribe function. */
  onChange(listener: (state: Connectivity) => void): () => void;
  /** An OS hint (e.g. Electron's online/offline): never trusted, only probed. */
  hint(online: boolean): void;
  /** A real Slack call got an answer (any answer, even an error, means reachable). */
  reportReachable(): void;
  /** A real Slack call failed at the network level. */
  reportNetworkError(): void;
  /** Probes now and returns the resulting state. */
  probeNow(): Promise<Connectivity>;
  stop(): void;
};

/** Did the probe fail because Slack could not be reached (as opposed to Slack answering with an error)? */
const isNetworkFailure = (error: unknown): boolean => {
  const category = (error as { category?: unknown } | null)?.category;
  return category === undefined || category === 'network';
};

/** Creates a connectivity monitor starting in 'unknown'. */
export const createConnectivityMonitor = (o: ConnectivityMonitorOptions): ConnectivityMonitor => {
  const timers = o.timers ?? systemTimers;
  const random = o.random ?? Math.random;
  const backoff = o.backoff ?? { baseMs: 2_000, capMs: 60_000 };
  const listeners = new Set<(state: Connectivity) => void>();
  let state: Connectivity = 'unknown';
  let failures = 0;
  let timer: unknown;
  let probing: Promise<Connectivity> | null = null;
  let stopped = false;

  const set = (next: Connectivity): void => {
    if (next === state) return;
    state = next;
    for (const l of listeners) l(next);
  };
  const disarm = (): void => {
    if (timer !== undefined) timers.clearTimeout(timer);
    timer = undefined;
  };
  const online = (): void => {
    failures = 0;
    disarm();
    set('online');
  };
  const offline = (): void => {
    failures += 1;
    set('offline');
    if (stopped) return;
    disarm();
    // Full jitter, but never hammer: at least half the backoff ceiling between probes.
    const delay = Math.max(
      backoffDelay(failures, random, backoff),
      backoffDelay(failures, () => 0.5, backoff),
    );
    timer = timers.setTimeout(() => {
      timer = undefined;
      // Nobody waits on a timer's probe: its outcome reaches the listeners through online()/offline().
      void probeNow();
    }, delay);
  };
  const probeNow = (): Promise<Connectivity> => {
    if (probing) return probing;
    probing = o
      .probe()
      .then(
        () => online(),
        (error: unknown) => (isNetworkFailure(error) ? offline() : online()),
      )
      .then(() => state)
      .finally(() => {
        probing = null;
      });
    return probing;
  };

  return {
    state: () => state,
    onChange: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    hint: () => {
      // A hint only starts a probe (never sets the state itself); its outcome reaches the listeners.
      void probeNow();
    },
    reportReachable: online,
    reportNetworkError: () => {
      if (state !== 'offline' || timer === undefined) offline();
    },
    probeNow,
    stop: () => {
      stopped = true;
      disarm();
    },
  };
};
