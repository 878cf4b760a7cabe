/**
 * Everything Admit runs for one signed-in Enterprise org: its SQLite store, its action queue, its
 * sync and its connectivity monitor. Nothing here is shared between orgs, so an action can never
 * be sent with another org's token and caches never mix. The pieces: org-sync.ts (status, runner,
 * scheduler), org-queue.ts and queue-events.ts (the queue and what its changes do), decisions.ts,
 * org-reads.ts (details, inventories) and audit-export.ts.
 */
import type { Actor } from '../../shared/actions';
import type { EventSink } from '../../shared/contract';
import type {
  AuditExport,
  ConnectionStatus,
  InboxPage,
  RequestSummary,
  SyncStatus,
} from '../../shared/view-types';
import type { RateLimiter, SlackAdminClient } from '../slack';
import { openOrgStore, type OpenedOrgStore, type OrgStore } from '../store/org-store';
import type { RecoveryReport } from '../store/recovery';
import { createConnectivityMonitor, type ConnectivityMonitor } from '../sync/connectivity';
import { silentLogger, type Logger } from '../log';
import type { ListWorker } from '../slack/list-worker-port';
import { createInventoryRefresher } from './inventory-refresh';
import { createSavedActionsReview } from './saved-actions-review';
import { exportAudit } from './audit-export';
import { createDecisions } from './decisions';
import { createOrgQueue } from './org-queue';
import { createOrgReads } from './org-reads';
import { createIconFetcher } from '../icons/icon-fetcher';
import { createOrgSync } from './org-sync';
import { createQueueViews, queueChangeHandler } from './queue-events';

export type OrgSessionOptions = {
  dir: string;
  enterpriseId: string;
  /** Where the inbox sync's reads run and write (the client reads there); released before the store closes. */
  listWorker?: ListWorker;
  /** Reads (sync, verify) and probes: paced by the limiter. */
  client: SlackAdminClient;
  /** The queue's sends: already paced by the queue's own `acquire`. */
  sendClient: SlackAdminClient;
  limiter: RateLimiter;
  actor: Actor;
  emit: EventSink;
  /** The inbox's background refresh interval when the budget allows it (0: the 5-minute default). */
  syncIntervalMs?: number;
  /** The approved/restricted lists' cadence when the budget allows it (default hourly). */
  inventoryIntervalMs?: number;
  /** Told when `problems()` changes (a write refused by a full disk, and the next one that succeeds). */
  onProblems?: () => void;
  /** Told after a sync of the requests it added to targets synced before (see org-sync.ts). */
  onNewRequests?: (added: RequestSummary[]) => void;
  /** Where background failures go (redacted); silent by default. */
  logger?: Logger;
  /** App icons: fetched with the Slack client's fetch, from Slack's image hosts or the API's origin. */
  icons?: { fetch?: typeof fetch; apiUrl: string };
  now?: () => number;
  /** The org's store, already opened in `dir` (`openOrgStoreInSteps`); else it is opened here. */
  opened?: OpenedOrgStore;
};

export type OrgSession = ReturnType<typeof openOrgSession>;

/** Opens the org's store (recovering a corrupt one), starts its queue and monitor; call `sync()` to fetch. */
export const openOrgSession = (o: OrgSessionOptions) => {
  const now = o.now ?? Date.now;
  const log = o.logger ?? silentLogger;
  const { store, recovery } = o.opened ?? openOrgStore(o.dir, { now });
  if (recovery) log.warn('store.recovered', { enterpriseId: o.enterpriseId, message: recovery.message });

  const monitor: ConnectivityMonitor = createConnectivityMonitor({ probe: () => o.client.apiTest() });
  const connection = (): ConnectionStatus => ({
    state: monitor.state(),
    lastSyncedAt: store.getLastSynced(),
  });

  const inventories = createInventoryRefresher({
    client: o.client,
    store,
    enterpriseId: o.enterpriseId,
    limiter: o.limiter,
    emit: o.emit,
    log,
    now,
    ...(o.inventoryIntervalMs ? { intervalMs: o.inventoryIntervalMs } : {}),
  });
  const icons = createIconFetcher({
    fetch: o.icons?.fetch ?? globalThis.fetch,
    apiUrl: o.icons?.apiUrl ?? '',
    store: store.icons,
    log,
    now,
  });
  const orgQueue = createOrgQueue(o, { store, monitor, log, now });
  const { queue } = orgQueue;
  const sync = createOrgSync(o, { store, monitor, inventories, queue, icons, log, now });
  const { scheduler } = sync;
  const review = createSavedActionsReview({ store, queue, now });
  const views = createQueueViews(queue, store, now);
  queue.onChange(queueChangeHandler(o, { store, orgQueue, views, sync, inventories, log }));

  monitor.onChange((state) => {
    o.emit('connection:changed', connection());
    if (state === 'online') {
      queue.kick();
      scheduler.notifyReconnect();
    }
  });

  queue.start();
  scheduler.start();

  return {
    enterpriseId: o.enterpriseId,
    recovery: recovery as RecoveryReport | null,
    /** What the admin should know about this org's local data: recovery, a ledger or disk problem. */
    problems: (): string[] =>
      [recovery?.message ?? null, store.ledgerProblem(), ...orgQueue.problems()].filter(
        (p): p is string => p !== null,
      ),
    savedActions: review.list,
    requeueSaved: review.requeue,
    dismissSaved: review.dismiss,
    store: store as OrgStore,
    queue,
    sync: (): Promise<SyncStatus> => scheduler.requestSync('manual'),
    syncStatus: sync.status,
    connection,
    /** An OS online/offline hint: only ever triggers a probe. */
    hint: (online: boolean): void => monitor.hint(online),
    list: (offset: number, limit: number): InboxPage => store.listSummaries(offset, limit),
    ...createOrgReads(o.enterpriseId, store, inventories, views.queuedFor),
    inventories,
    targetSyncs: sync.targetSyncs,
    ...createDecisions(queue, store),
    queueView: views.queueView,
    exportAudit: (format: 'csv' | 'json'): AuditExport =>
      exportAudit(o.enterpriseId, queue.listAudit(), now(), format),
    /** An app's icon from the cache as a data: URL (fetched now if never tried); null if it cannot be had. */
    icon: (url: string): Promise<string | null> => icons.get(url),
    close: async (): Promise<void> => {
      icons.close();
      orgQueue.stopWaiting();
      scheduler.stop();
      monitor.stop();
      await queue.stop();
      // A read under way on the sync worker must not write into a file being closed (or deleted).
      await o.listWorker?.release(store.path);
      store.close();
    },
  };
};
