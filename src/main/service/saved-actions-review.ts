/**
 * "Review and re-queue": the decisions recovery saved from a damaged database, listed with what can
 * be done about each, and put back in the queue as needs attention, so none is sent blind: the
 * admin checks Slack, then retries or discards each one.
 */
import { keyOf, type QueuedAction } from '../../shared/actions';
import { AdmitError } from '../../shared/result';
import type { RequeueResult, SavedActionsView, SavedActionView } from '../../shared/view-types';
import type { ActionQueue } from '../queue/action-queue';
import type { OrgStore } from '../store/org-store';
import {
  findSavedExport,
  listSavedExports,
  markReviewed,
  type SavedEntry,
  type SavedExport,
} from '../store/saved-actions';
import { actionLabel, toActionView } from './views';

/** What a re-queued decision says in the queue panel. */
export const RESTORED_REASON =
  'Put back from a copy saved when the local database was damaged; it may or may not have reached Slack. Check Slack, then Retry to send it or Discard it.';

type Context = {
  queued: Map<string, QueuedAction>;
  byKey: Map<string, QueuedAction>;
  audited: Set<string>;
};

const statusOf = (
  saved: SavedExport,
  entry: SavedEntry,
  ctx: Context,
): Pick<SavedActionView, 'status' | 'detail'> => {
  if (!entry.record)
    return { status: 'unreadable', detail: `Cannot be re-queued: ${entry.problem ?? 'unreadable'}.` };
  if (ctx.queued.has(entry.id)) return { status: 'queued', detail: 'Already in the queue.' };
  // The audit log knows every action this database ever held: put back before, and since sent or dropped.
  if (saved.requeued.has(entry.id) || ctx.audited.has(entry.id)) {
    return { status: 'requeued', detail: 'Already put back in the queue.' };
  }
  const newer = ctx.byKey.get(keyOf(entry.record.action));
  if (newer)
    return { status: 'replaced', detail: `A newer decision is in the queue: ${actionLabel(newer)}.` };
  return { status: 'ready', detail: null };
};

/** Review of the saved decisions of one org session. */
export const createSavedActionsReview = (deps: {
  store: OrgStore;
  queue: ActionQueue;
  now: () => number;
}) => {
  const context = (exports: readonly SavedExport[]): Context => {
    const live = deps.queue.snapshot().actions; // oldest first, so the newest per key wins below
    return {
      queued: new Map(live.map((r) => [r.id, r])),
      byKey: new Map(live.map((r) => [r.key, r])),
      audited: deps.store.auditedActionIds(exports.flatMap((e) => e.entries.map((x) => x.id))),
    };
  };

  const view = (saved: SavedExport, ctx: Context): SavedActionsView => ({
    id: saved.id,
    path: saved.file,
    savedAt: saved.savedAt,
    reason: saved.reason,
    actions: saved.entries.map((entry) => {
      const r = entry.record;
      return {
        id: entry.id,
        label: r ? actionLabel(r) : `Saved entry ${entry.id}`,
        kind: r?.action.kind ?? null,
        savedState: r?.state ?? 'unknown',
        note: r?.action.note ?? '',
        actorName: r?.actor.name ?? null,
        enqueuedAt: r?.enqueuedAt ?? null,
        ...statusOf(saved, entry, ctx),
      };
    }),
  });

  const find = (file: string): SavedExport => {
    const saved = findSavedExport(deps.store.path, file);
    if (!saved || saved.dismissed) {
      throw new AdmitError('not_found', `The saved decisions in ${file} are no longer waiting for review.`);
    }
    return saved;
  };

  return {
    /** Files not dismissed that still hold something to review, oldest first. */
    list: (): SavedActionsView[] => {
      const exports = listSavedExports(deps.store.path).filter((e) => !e.dismissed);
      const ctx = context(exports);
      return exports.map((e) => view(e, ctx)).filter((v) => v.actions.some((a) => a.status !== 'requeued'));
    },
    /** Puts the chosen ready entries back as needs attention; says why any other was skipped. */
    requeue: (file: string, ids: readonly string[]): RequeueResult => {
      const saved = find(file);
      const ctx = context([saved]);
      const wanted = new Set(ids);
      const chosen: QueuedAction[] = [];
      const skipped: RequeueResult['skipped'] = [];
      for (const entry of saved.entries) {
        if (!wanted.delete(entry.id)) continue;
        const { status, detail } = statusOf(saved, entry, ctx);
        if (status === 'ready' && entry.record) chosen.push(entry.record);
        else skipped.push({ id: entry.id, reason: detail ?? status });
      }
      for (const id of wanted) skipped.push({ id, reason: 'Not in this file.' });
      // The queue first: if marking the file fails, the audit log still shows them as put back.
      const restored = deps.queue.restore(chosen, RESTORED_REASON);
      if (restored.length > 0) markReviewed(saved, { requeued: restored.map((r) => r.id) }, deps.now());
      return { requeued: restored.map(toActionView), skipped };
    },
    /** Hides a file from review; it stays on disk. */
    dismiss: (file: string): boolean => {
      markReviewed(find(file), { dismissed: true }, deps.now());
      return true;
    },
  };
};
