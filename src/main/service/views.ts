/** Queue records as the renderer sees them: words, not internals. */
import { whereOf, type QueuedAction } from '../../shared/actions';
import type { ActionView } from '../../shared/view-types';

const verbs: Record<ActionView['kind'], string> = {
  approve: 'Approve',
  restrict: 'Restrict',
  cancel: 'Cancel request for',
  clearResolution: 'Clear resolution of',
  uninstall: 'Uninstall',
};

/** "Approve Zoom on Acme HQ" — what the admin decided, in their words. */
export const actionLabel = (record: QueuedAction): string => {
  const a = record.action;
  const app = a.appName ?? a.appId;
  const place = a.targetName ?? whereOf(a);
  return `${verbs[a.kind]} ${app} on ${place}`;
};

/** The panel's view of one queued action. */
export const toActionView = (record: QueuedAction): ActionView => {
  const a = record.action;
  return {
    id: record.id,
    kind: a.kind,
    state: record.state,
    label: actionLabel(record),
    appId: a.appId ?? '',
    requestId: 'requestId' in a && a.requestId ? a.requestId : null,
    note: a.note ?? '',
    reason:
      record.state === 'conflict' || record.state === 'needs_attention'
        ? (record.outcome ?? record.lastError?.message ?? null)
        : (record.lastError?.message ?? null),
    attempts: record.attempts,
    enqueuedAt: record.enqueuedAt,
    nextAttemptAt: record.nextAttemptAt,
  };
};
