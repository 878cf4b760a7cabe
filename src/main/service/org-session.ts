/**
 * Everything Admit runs for one signed-in Enterprise org: its SQLite store, its action queue, its
 * sync and its connectivity monitor. Nothing here is shared between orgs, so an action can never
 * be sent with another org's token and caches never mix.
 */
import {
  targetId,
  type ActionRequest,
  type Actor,
  type QueuedAction,
  type RuleRef,
} from '../../shared/actions';
import { planApproval } from '../../shared/approval';
import type { EventSink } from '../../shared/contract';
import { AdmitError } from '../../shared/result';
import type {
  ActionView,
  AuditExport,
  ConnectionStatus,
  InboxPage,
  InventoryPage,
  QueueView,
  RequestDetail,
  RequestSummary,
  SyncStatus,
  TargetSyncView,
} from '../../shared/view-types';
import { toDetail, type ResolutionContext } from '../inbox/summary';
import { ActionQueue } from '../queue/action-queue';
import { auditToCsv, auditToJson } from '../queue/audit';
import type { QueueChange } from '../queue/queue-types';
import { createVerifier } from '../queue/verifier';
import type { RateLimiter, SlackAdminClient } from '../slack';
import { openOrgStore, type OrgStore } from '../store/org-store';
import type { RecoveryReport } from '../store/recovery';
import { explainStorageError, StorageError } from '../store/storage-errors';
import { createConnectivityMonitor, type ConnectivityMonitor } from '../sync/connectivity';
import { createRefreshScheduler } from '../sync/refresh-scheduler';
import { silentLogger, type Logger } from '../log';
import type { ListWorker } from '../slack/list-worker-port';
import { runInboxSync } from '../sync/sync-engine';
import { createCadence } from '../sync/cadence';
import { callsPerMinute } from '../slack/method-tiers';
import {
  listInventory,
  placesChangedBy,
  resolvedAppLinks,
  type InventoryQuery,
} from '../inventory/inventory';
import { createIconFetcher } from '../icons/icon-fetcher';
import { createInventoryRefresher } from './inventory-refresh';
import { createActionSender } from './action-sender';
import { createSavedActionsReview } from './saved-actions-review';
import { toActionView } from './views';

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
  /** Told after a sync of the requests it added to targets synced before (see runSync). */
  onNewRequests?: (added: RequestSummary[]) => void;
  /** Where background failures go (redacted); silent by default. */
  logger?: Logger;
  /** App icons: fetched with the Slack client's fetch, from Slack's image hosts or the API's origin. */
  icons?: { fetch?: typeof fetch; apiUrl: string };
  now?: () => number;
};

export type OrgSession = ReturnType<typeof openOrgSession>;

const DEFAULT_SYNC_INTERVAL_MS = 5 * 60_000;
/** How many problem lines the status carries (the rest are in `sync:targets`). */
const MAX_PROBLEMS = 5;

/** Opens the org's store (recovering a corrupt one), starts its queue and monitor; call `sync()` to fetch. */
export const openOrgSession = (o: OrgSessionOptions) => {
  const now = o.now ?? Date.now;
  const log = o.logger ?? silentLogger;
  const { store, recovery } = openOrgStore(o.dir, { now });
  if (recovery) log.warn('store.recovered', { enterpriseId: o.enterpriseId, message: recovery.message });
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
  const icons = createIconFetcher({
    fetch: o.icons?.fetch ?? globalThis.fetch,
    apiUrl: o.icons?.apiUrl ?? '',
    store: store.icons,
    log,
    now,
  });
  /** Actions that finished this session, kept so the panel can show them as Done. */
  const finished = new Map<string, ActionView>();

  const monitor: ConnectivityMonitor = createConnectivityMonitor({ probe: () => o.client.apiTest() });
  const connection = (): ConnectionStatus => ({
    state: monitor.state(),
    lastSyncedAt: store.getLastSynced(),
  });

  const setSync = (next: SyncStatus): void => {
    syncStatus = next;
    o.emit('sync:progress', next);
  };

  const total = (): number => store.requestCount();

  const announceNew = (added: RequestSummary[]): void => {
    try {
      o.onNewRequests?.(added);
    } catch (error) {
      log.warn('notify.failed', { enterpriseId: o.enterpriseId, error });
    }
  };

  const runSync = async (): Promise<SyncStatus> => {
    setSync({ ...syncStatus, state: 'syncing', done: 0 });
    // Only targets synced before bring news: the first sync into an empty cache (sign-in, a workspace
    // new to the org) adds the whole backlog, and announcing it would pop up every pending request.
    const known = new Set(store.listTargetSync().map((r) => r.target));
    const added: RequestSummary[] = [];
    const limitedBefore = o.limiter.limitedCount(o.enterpriseId);
    try {
      const result = await runInboxSync({
        slack: o.client,
        store,
        enterpriseId: o.enterpriseId,
        recency: store.latestRequestAt(),
        storeFile: store.path,
        now,
        onProgress: (p) => setSync({ ...syncStatus, state: 'syncing', done: p.done }),
        onDelta: (chunk) => {
          if (known.has(chunk.target)) added.push(...chunk.added);
          icons.prefetch([...chunk.added, ...chunk.changed].map((r) => r.appIconUrl));
          o.emit('inbox:changed', {
            changed: [...chunk.added, ...chunk.changed],
            removed: chunk.removed,
            total: total(),
          });
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
        done: syncStatus.done,
        ...cachedStatus(),
        lastAttemptAt: result.finishedAt,
        problems: result.problems.slice(0, MAX_PROBLEMS),
      });
      cadence.record(result.calls, o.limiter.limitedCount(o.enterpriseId) > limitedBefore);
    } catch (error) {
      if (o.limiter.limitedCount(o.enterpriseId) > limitedBefore) cadence.record({}, true);
      if ((error as { category?: string }).category === 'network') monitor.reportNetworkError();
      const message = error instanceof Error ? error.message : String(error);
      setSync({ ...syncStatus, ...cachedStatus(), state: 'error', error: message, lastAttemptAt: now() });
      throw error;
    } finally {
      // Also after a failed sync: the rows it wrote are in the cache now, so no later sync adds them.
      if (added.length > 0) announceNew(added);
    }
    return syncStatus;
  };

  // Never more than half of requests.list's budget in steady state (the rest is for decisions and
  // other admins signed in with the same Slack app), and slower after a refresh that drew a 429.
  const cadence = createCadence({
    baseMs: o.syncIntervalMs || DEFAULT_SYNC_INTERVAL_MS,
    callsPerMinute,
    scale: 60_000 / o.limiter.windowMs(),
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

  const scheduler = createRefreshScheduler({
    run: runSync,
    intervalMs: () => cadence.nextMs(),
    isOnline: () => monitor.state() !== 'offline',
    // Shown through sync:progress too; the log keeps it for support.
    onError: (error) => log.warn('sync.failed', { enterpriseId: o.enterpriseId, error }),
  });

  // While Slack is known to be unreachable, actions wait here (still pending, still undoable)
  // instead of failing one after another; the monitor's probes decide when to try again.
  let closing = false;
  const whenReachable = (): Promise<void> =>
    monitor.state() !== 'offline' || closing
      ? Promise.resolve()
      : new Promise((resolve) => {
          const release = (): void => {
            off();
            stopWaiting.delete(release);
            resolve();
          };
          const off = monitor.onChange((state) => {
            if (state !== 'offline') release();
          });
          stopWaiting.add(release);
        });
  const stopWaiting = new Set<() => void>();

  /** The last queue write a full disk (or a read-only folder) refused, until one succeeds. */
  let writeProblem: string | null = null;
  /** Records the queue could not read back: said to the admin, kept on disk. */
  const queueProblems: string[] = [];
  const noteQueueProblem = (text: string): void => {
    if (queueProblems.includes(text)) return;
    queueProblems.push(text);
    o.onProblems?.();
  };
  const queue = new ActionQueue({
    storage: store.queueStorage,
    send: createActionSender(o.sendClient),
    verify: createVerifier(o.client, o.enterpriseId),
    actor: () => o.actor,
    acquire: async (method) => {
      await whenReachable();
      await o.limiter.acquire(o.enterpriseId, method);
    },
    now,
    onConnectivity: (reachable) => (reachable ? monitor.reportReachable() : monitor.reportNetworkError()),
    // A write the queue could not make while draining (a full disk): said until one succeeds again.
    onInvalidRecord: (id, problem) => {
      log.warn('queue.invalid_record', { enterpriseId: o.enterpriseId, actionId: id, problem });
      noteQueueProblem(
        `A queued decision (${id}) could not be read back and will not be sent (${problem}); it is kept on disk.`,
      );
    },
    onError: (error) => {
      log.error('queue.error', { enterpriseId: o.enterpriseId, error });
      const explained = explainStorageError(error, o.dir, 'Admit could not record what Slack answered');
      if (explained instanceof StorageError && explained.message !== writeProblem) {
        writeProblem = explained.message;
        o.onProblems?.();
      }
    },
  });
  const review = createSavedActionsReview({ store, queue, now });

  const queueView = (): QueueView => {
    const snapshot = queue.snapshot();
    const live = snapshot.actions.map(toActionView);
    return {
      actions: [...finished.values(), ...live],
      status: statusView(),
      progress: progressView(),
    };
  };

  const statusView = (): QueueView['status'] => {
    const s = queue.status();
    return s.state === 'paused' ? { state: 'paused', label: s.label } : { state: s.state, label: s.state };
  };

  /** The queue's ETA: each waiting action's Slack tier; null while paused. */
  const progressView = (): QueueView['progress'] => queue.progress();

  const onQueueChange = (change: QueueChange): void => {
    if (writeProblem && (change.changed.length > 0 || change.removed.length > 0)) {
      writeProblem = null; // that change reached the disk
      o.onProblems?.();
    }
    const done = change.completed.map(toActionView);
    for (const view of done) finished.set(view.id, view);
    const removedRequests = change.completed.flatMap((r) => requestOf(r));
    if (removedRequests.length > 0) {
      store.removeRequests(removedRequests);
      o.emit('inbox:changed', { changed: [], removed: removedRequests, total: total() });
    }
    // An org-wide decision resolves the app's requests on every workspace: refresh to show that.
    if (change.completed.some((r) => 'enterpriseId' in r.action.target)) {
      void scheduler.requestSync('manual').catch(() => undefined);
    }
    // The Approved and Restricted views show what Slack says now at each place an action changed.
    const places = placesChangedBy(change.completed);
    if (places.length > 0) {
      void inventories
        .afterActions(places)
        .catch((error: unknown) => log.warn('inventory.reread_failed', { error }));
    }
    const completedIds = new Set(change.completed.map((r) => r.id));
    o.emit('actions:changed', {
      changed: [...change.changed.map(toActionView), ...done],
      removed: change.removed.filter((id) => !completedIds.has(id)),
      status: statusView(),
      progress: progressView(),
    });
  };
  queue.onChange(onQueueChange);

  monitor.onChange((state) => {
    o.emit('connection:changed', connection());
    if (state === 'online') {
      queue.kick();
      scheduler.notifyReconnect();
    }
  });

  const queuedFor = (requestId: string): ActionView | null => {
    const record = queue
      .snapshot()
      .actions.filter((r) => requestOf(r).includes(requestId))
      .at(-1);
    return record ? toActionView(record) : null;
  };

  /** What is approved for an app at a workspace (and at the org, which applies everywhere) now. */
  const resolutionContext = (appId: string, target: string): ResolutionContext => {
    const find = (where: string, status: 'approved' | 'restricted') =>
      store.getResolvedApps(where, status).find((a) => a.app.id === appId);
    const orgApproved = find(o.enterpriseId, 'approved');
    const orgRestricted = find(o.enterpriseId, 'restricted');
    const here = target === o.enterpriseId ? undefined : find(target, 'approved');
    return {
      approvedScopes: [...(here?.scopes ?? []), ...(orgApproved?.scopes ?? [])],
      orgResolution: orgRestricted ? 'restricted' : orgApproved ? 'approved' : null,
    };
  };

  /**
   * An approval of a known request is checked against what it asked for, so it can never grant
   * more than the admin chose; the scope lists are sent exactly as planned.
   */
  const checkedAction = <T extends ActionRequest>(input: T): T => {
    if (input.kind !== 'approve') return input;
    if (!input.requestId) {
      // With no request to plan against, an empty list would reach Slack as "every requested scope"
      // (shared/approval.ts): refuse it now rather than let the Slack client refuse it in the queue.
      const empty =
        input.botScopes?.length === 0 ? 'bot_scopes' : input.userScopes?.length === 0 ? 'user_scopes' : null;
      if (empty) {
        throw new AdmitError(
          'invalid_input',
          `An empty ${empty} list would approve every scope the app requests: name at least one, or leave the list out.`,
        );
      }
      return input;
    }
    const request = store.getRequest(input.requestId);
    if (!request) return input;
    const requested = request.scopes.map((s) => ({ name: s.name, tokenType: s.token_type }));
    const chosen =
      input.botScopes === undefined && input.userScopes === undefined
        ? undefined
        : { botScopes: input.botScopes, userScopes: input.userScopes };
    const plan = planApproval(request.app.name, requested, chosen);
    if (!plan.ok) throw new AdmitError('invalid_input', plan.reason);
    const { botScopes: _b, userScopes: _u, ...rest } = input;
    return { ...rest, ...plan.send } as T;
  };

  queue.start();
  scheduler.start();

  return {
    enterpriseId: o.enterpriseId,
    recovery: recovery as RecoveryReport | null,
    /** What the admin should know about this org's local data: recovery, a ledger or disk problem. */
    problems: (): string[] =>
      [recovery?.message ?? null, store.ledgerProblem(), writeProblem, ...queueProblems].filter(
        (p): p is string => p !== null,
      ),
    savedActions: review.list,
    requeueSaved: review.requeue,
    dismissSaved: review.dismiss,
    store: store as OrgStore,
    queue,
    sync: (): Promise<SyncStatus> => scheduler.requestSync('manual'),
    syncStatus: (): SyncStatus => syncStatus,
    connection,
    /** An OS online/offline hint: only ever triggers a probe. */
    hint: (online: boolean): void => monitor.hint(online),
    list: (offset: number, limit: number): InboxPage => store.listSummaries(offset, limit),
    /** A page of an inventory; opening its view re-reads lists older than a few minutes. */
    inventory: (input: InventoryQuery): InventoryPage => {
      if (input.opened) inventories.onViewOpened();
      return { ...listInventory(store, o.enterpriseId, input), freshness: inventories.freshness() };
    },
    inventories,
    /** The https links any cached approved/restricted list gives for an app. */
    appLinks: (appId: string): string[] => resolvedAppLinks(store, o.enterpriseId, appId),
    detail: (id: string): RequestDetail => {
      const request = store.getRequest(id);
      if (!request) throw new AdmitError('not_found', `Request ${id} is no longer in the inbox.`);
      // The scope diff compares with the lists of the request's place and the org: keep them fresh.
      inventories.forDetail([request.target, { enterpriseId: o.enterpriseId }]);
      return toDetail(request, resolutionContext(request.app.id, targetId(request.target)), queuedFor(id));
    },
    targetSyncs,
    enqueue: (input: ActionRequest): ActionView => toActionView(queue.enqueue(checkedAction(input))),
    /**
     * All committed together: every input is checked first, then one transaction writes them all.
     * An `id` (rules' automatic decisions use one per request) makes a repeat of it one decision.
     */
    enqueueMany: (inputs: readonly (ActionRequest & { id?: string; rule?: RuleRef })[]): ActionView[] =>
      queue.enqueueMany(inputs.map(checkedAction)).map(toActionView),
    undo: (id: string): boolean => queue.undo(id),
    undoLast: (): ActionView | null => {
      const last = queue
        .snapshot()
        .actions.filter((r) => r.state === 'pending')
        .at(-1);
      return last && queue.undo(last.id) ? toActionView(last) : null;
    },
    retry: (id: string): boolean => queue.retry(id),
    discard: (id: string): boolean => queue.discard(id),
    queueView,
    exportAudit: (format: 'csv' | 'json'): AuditExport => {
      const entries = queue.listAudit();
      const day = new Date(now()).toISOString().slice(0, 10);
      return format === 'csv'
        ? {
            fileName: `admit-audit-${o.enterpriseId}-${day}.csv`,
            mimeType: 'text/csv',
            content: auditToCsv(entries),
          }
        : {
            fileName: `admit-audit-${o.enterpriseId}-${day}.json`,
            mimeType: 'application/json',
            content: auditToJson(entries),
          };
    },
    /** An app's icon from the cache as a data: URL (fetched now if never tried); null if it cannot be had. */
    icon: (url: string): Promise<string | null> => icons.get(url),
    close: async (): Promise<void> => {
      closing = true;
      icons.close();
      for (const release of stopWaiting) release();
      scheduler.stop();
      monitor.stop();
      await queue.stop();
      // A read under way on the sync worker must not write into a file being closed (or deleted).
      await o.listWorker?.release(store.path);
      store.close();
    },
  };
};

/** The request an action decides, if it names one. */
const requestOf = (record: QueuedAction): string[] => {
  const a = record.action;
  return 'requestId' in a && a.requestId ? [a.requestId] : [];
};
