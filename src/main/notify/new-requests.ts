/**
 * The desktop notification a sync's new requests earn: one per sync, never one per request. The
 * core only describes it; each host shows it its own way through the `Notifier` port.
 */
import type { EventSink } from '../../shared/contract';
import type { NewRequestsNotice, RequestSummary } from '../../shared/view-types';

/** How a host shows a notice (Electron: a native notification; browser host: an event to the page). */
export type Notifier = { newRequests(notice: NewRequestsNotice): void };

/** How many app names the body spells out before "and N more". */
const NAMED = 2;

/** "Zoom", "Zoom and Miro", "Zoom, Miro and 1 more": distinct app names, in the order they arrived. */
const appList = (names: readonly string[]): string => {
  if (names.length <= NAMED) return names.join(' and ');
  return `${names.slice(0, NAMED).join(', ')} and ${names.length - NAMED} more`;
};

/** The notice for these new requests ("3 new app requests" · "Zoom, Miro and 1 more"); null for none. */
export const describeNewRequests = (
  added: readonly Pick<RequestSummary, 'id' | 'appName'>[],
): NewRequestsNotice | null => {
  if (added.length === 0) return null;
  const names = [...new Set(added.map((r) => r.appName))];
  return {
    title: `${added.length} new app ${added.length === 1 ? 'request' : 'requests'}`,
    body: appList(names),
    requestIds: added.map((r) => r.id),
  };
};

/** The browser host's notifier: the page shows the notice with the Web Notifications API. */
export const eventNotifier = (emit: EventSink): Notifier => ({
  newRequests: (notice) => emit('notify:newRequests', notice),
});
