/**
 * An org's inbox sync: the status it shows (`sync:progress`), the run that reads Slack into the
 * cache and announces what it added, and the refresh scheduler whose cadence keeps within budget.
 */
import type { RequestSummary, SyncStatus, TargetSyncView } from '../../shared/view-types';
import type { Logger } from '../log';
import type { ActionQueue } from '../queue/action-queue';
import { callsPerMinute } from '../slack/method-tiers';
import type { OrgStore } from '../store/org-store';
import { createCadence } from '../sync/cadence';
import type { ConnectivityMonitor } from '../sync/connectivity';
import { createRefreshScheduler } from '../sync/refresh-scheduler';
import { runInboxSync } from '../sync/sync-engine';
import { inboxDelta, SummaryRows } from '../sync/summary-rows';
import type { IconFetcher } from '../icons/icon-fetcher';
import type { InventoryRefresher } from './inventory-refresh';
import type { OrgSessionOptions } from './org-session';

const DEFAULT_SYNC_INTERVAL_MS = 5 * 60_000;
/** How many problem lines the status carries (the rest are in `sync:targets`). */
const MAX_PROBLEMS = 5;

/** What an org's sync works with besides the session's options. */
export type OrgSyncParts = {
  store: OrgStore;
  monitor: ConnectivityMonitor;
  inventories: InventoryRefresher;
  queue: ActionQueue;
  /** Fetches the icons of the rows a sync brings, in the background. */
  icons: Pick<IconFetcher, 'prefetch'>;
  log: Logger;
  now: () => number;
};

/** The sync status as `sync:progress` shows it, and the cache's record of how each target last ended. */
const createSyncStatus = (o: OrgSessionOptions, store: OrgStore) => {
  const targetSyncs = (): TargetSyncView[] =>
    store.listTargetSync().map(({ attemptedAt: _attemptedAt, ...view }) => view);
  /** The sync status as the cache knows it: the last complete sync, and how each target last ended. */
  const cachedStatus = (): Omit<SyncStatus, 'state' | 'done'> => {
    const records = store.listTargetSync();
    const count = (state: string): number => records.filter((r) => r.state === state).length;
    const lastAttemptAt = records.reduce<number | null>((m, r) => Math.max(m ?? 0, r.attemptedAt), null);
    return {
      lastSyncedAt: store.getLastSynced(),
      lastAttemptAt,
      targets: {
        total: records.length,
        complete: count('complete'),
        partial: count('partial'),
        failed: count('failed'),
      },
      problems: records.flatMap((r) => r.problems).slice(0, MAX_PROBLEMS),
    };
  };
  let syncStatus: SyncStatus = { state: 'idle', done: 0, ...cachedStatus() };

  const setSync = (next: SyncStatus): void => {
    syncStatus = next;
    o.emit('sync:progress', next);
  };

  return { targetSyncs, cachedStatus, setSync, current: (): SyncStatus => syncStatus };
};

/** Tells the host of the requests a sync added; a failing notifier is logged, never the sync's failure. */
const announceNew = (o: OrgSessionOptions, log: Logger, added: RequestSummary[]): void => {
  try {
    o.onNewRequests?.(added);
  } catch (error) {
    log.warn('notify.failed', { enterpriseId: o.enterpriseId, error });
  }
};

/** Creates the org's sync status, runner and scheduler (started by the caller). */
export const createOrgSync = (o: OrgSessionOptions, parts: OrgSyncParts) => {
  const { store, monitor, inventories, queue, log, now } = parts;
  const { targetSyncs, cachedStatus, setSync, current } = createSyncStatus(o, store);
  const total = (): number => store.requestCount();

  // Never more than half of requests.list's budget in steady state (the rest is for decisions and
  // other admins signed in with the same Slack app), and slower after a refresh that drew a 429.
  const cadence = createCadence({
    baseMs: o.syncIntervalMs || DEFAULT_SYNC_INTERVAL_MS,
    callsPerMinute,
    scale: 60_000 / o.limiter.windowMs(),
  });

  const runSync = async (): Promise<SyncStatus> => {
    setSync({ ...current(), state: 'syncing', done: 0 });
    // Only targets synced before bring news: the first sync into an empty cache (sign-in, a workspace
    // new to the org) adds the whole backlog, and announcing it would pop up every pending request.
    const known = new Set(store.listTargetSync().map((r) => r.target));
    const added: RequestSummary[] = [];
    // Icons are fetched once the sync is over: a first sync brings thousands of rows, and their
    // downloads and cache writes would compete with it for the main thread and the database.
    const icons = new Set<string>();
    const limitedBefore = o.limiter.limitedCount(o.enterpriseId);
    try {
      const result = await runInboxSync({
        slack: o.client,
        store,
        enterpriseId: o.enterpriseId,
        recency: store.latestRequestAt(),
        storeFile: store.path,
        now,
        onProgress: (p) => setSync({ ...current(), state: 'syncing', done: p.done }),
        iconUrls: icons,
        onDelta: (chunk) => {
          if (known.has(chunk.target)) added.push(...chunk.added.list());
          // The rows' JSON goes on to the window as it came: nothing here parses a first sync's rows.
          const rows = SummaryRows.concat(chunk.added, chunk.changed);
          o.emit('inbox:changed', inboxDelta(rows, chunk.removed, total()));
        },
      });
      monitor.reportReachable();
      // Then the lists, when due: after the inbox, so the first sync brings what the admin looks at
      // first (a request's details read its own workspace's lists at once when opened).
      inventories.onInboxSynced();
      // Slack answered the sync's reads, so Admit's app is installed on the org now: a queue paused
      // for that problem goes on by itself.
      const q = queue.status();
      if (q.state === 'paused' && q.reason === 'app_not_installed') queue.resume();
      setSync({
        state: 'idle',
        done: current().done,
        ...cachedStatus(),
        lastAttemptAt: result.finishedAt,
        problems: result.problems.slice(0, MAX_PROBLEMS),
      });
      cadence.record(result.calls, o.limiter.limitedCount(o.enterpriseId) > limitedBefore);
    } catch (error) {
      if (o.limiter.limitedCount(o.enterpriseId) > limitedBefore) cadence.record({}, true);
      if ((error as { category?: string }).category === 'network') monitor.reportNetworkError();
      const message = error instanceof Error ? error.message : String(error);
      setSync({ ...current(), ...cachedStatus(), state: 'error', error: message, lastAttemptAt: now() });
      throw error;
    } finally {
      // Also after a failed sync: the rows it wrote are in the cache now, so no later sync adds them.
      if (added.length > 0) announceNew(o, log, added);
      if (icons.size > 0) parts.icons.prefetch(icons);
    }
    return current();
  };

  const scheduler = createRefreshScheduler({
    run: runSync,
    intervalMs: () => cadence.nextMs(),
    isOnline: () => monitor.state() !== 'offline',
    // Shown through sync:progress too; the log keeps it for support.
    onError: (error) => log.warn('sync.failed', { enterpriseId: o.enterpriseId, error }),
  });

  return {
    scheduler,
    targetSyncs,
    /** The sync status as last shown. */
    status: current,
    /** How many requests the cache holds (the inbox's total). */
    total,
  };
};

/** An org's sync. */
export type OrgSync = ReturnType<typeof createOrgSync>;
