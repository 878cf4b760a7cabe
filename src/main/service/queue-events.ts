/**
 * What the session shows of its queue and does when it changes: the queue panel's view (with the
 * actions finished this session), `actions:changed`, and the inbox, sync and lists a finished
 * decision touches.
 */
import type { QueuedAction } from '../../shared/actions';
import type { ActionView, QueueView } from '../../shared/view-types';
import { placesChangedBy } from '../inventory/inventory';
import type { Logger } from '../log';
import type { ActionQueue } from '../queue/action-queue';
import type { QueueChange } from '../queue/queue-types';
import type { OrgStore } from '../store/org-store';
import type { InventoryRefresher } from './inventory-refresh';
import type { OrgQueue } from './org-queue';
import type { OrgSessionOptions } from './org-session';
import type { OrgSync } from './org-sync';
import { toActionView } from './views';

/** The request an action decides, if it names one. */
export const requestOf = (record: QueuedAction): string[] => {
  const a = record.action;
  return 'requestId' in a && a.requestId ? [a.requestId] : [];
};

/** Creates the queue panel's views; `finished` keeps this session's done actions. */
export const createQueueViews = (
  queue: ActionQueue,
  store: Pick<OrgStore, 'decidedSince'>,
  now: () => number,
) => {
  /** Actions that finished this session, kept so the panel can show them as Done. */
  const finished = new Map<string, ActionView>();

  const queueView = (): QueueView => {
    const snapshot = queue.snapshot();
    const live = snapshot.actions.map(toActionView);
    return {
      actions: [...finished.values(), ...live],
      status: statusView(),
      progress: progressView(),
      today: todayView(),
    };
  };

  /**
   * Decisions done since local midnight, counted in the audit log (so a restart does not reset it).
   * The count is kept until a decision completes or the day changes: every queue change shows it,
   * and counting a long audit log on each would slow every keypress's decision.
   */
  let today: QueueView['today'] | null = null;
  const todayView = (): QueueView['today'] => {
    const midnight = new Date(now());
    midnight.setHours(0, 0, 0, 0);
    const since = midnight.getTime();
    if (today?.since !== since) today = { since, done: store.decidedSince(since) };
    return today;
  };
  /** Decisions completed: count today's again on the next view. */
  const completed = (): void => {
    today = null;
  };

  const statusView = (): QueueView['status'] => {
    const s = queue.status();
    return s.state === 'paused' ? { state: 'paused', label: s.label } : { state: s.state, label: s.state };
  };

  /** The queue's ETA: each waiting action's Slack tier; null while paused. */
  const progressView = (): QueueView['progress'] => queue.progress();

  const queuedFor = (requestId: string): ActionView | null => {
    const record = queue
      .snapshot()
      .actions.filter((r) => requestOf(r).includes(requestId))
      .at(-1);
    return record ? toActionView(record) : null;
  };

  return { finished, queueView, statusView, progressView, todayView, completed, queuedFor };
};

/** The queue panel's views. */
export type QueueViews = ReturnType<typeof createQueueViews>;

/** What a queue change touches besides the session's options. */
export type QueueEventParts = {
  store: OrgStore;
  orgQueue: OrgQueue;
  views: QueueViews;
  sync: OrgSync;
  inventories: InventoryRefresher;
  log: Logger;
};

/** The listener for the org's queue: tells the renderer and updates what a finished decision changed. */
export const queueChangeHandler =
  (o: OrgSessionOptions, parts: QueueEventParts) =>
  (change: QueueChange): void => {
    const { store, orgQueue, views, sync, inventories, log } = parts;
    const { finished, statusView, todayView } = views;
    const { scheduler, total } = sync;
    if (change.changed.length > 0 || change.removed.length > 0) {
      orgQueue.wrote(); // that change reached the disk
    }
    const done = change.completed.map(toActionView);
    for (const view of done) finished.set(view.id, view);
    if (done.length > 0) views.completed();
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
      progress: change.progress, // counted by the queue for this change
      today: todayView(),
    });
  };
