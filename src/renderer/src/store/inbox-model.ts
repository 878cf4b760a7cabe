/**
 * Pure inbox logic: applying deltas by id, and filtering, searching and sorting the in-memory
 * summaries. Everything here is O(n) or O(n log n) over plain arrays so 10,000 rows stay instant.
 */
import type { ActionView, InboxDelta, RequestSummary, Risk } from '../../../shared/view-types';

export type SortKey = 'age' | 'workspace' | 'risk';
export type TriState = 'any' | 'yes' | 'no';

/** What the admin narrows the inbox to. */
export type Filters = {
  query: string;
  teamId: string | null;
  developerType: string | null;
  sensitiveOnly: boolean;
  newScopesOnly: boolean;
  directoryApproved: TriState;
  queued: TriState;
  /** Only requests waiting longer than the overdue threshold. */
  overdueOnly: boolean;
  sort: SortKey;
};

/** No filter, oldest first. */
export const defaultFilters: Filters = {
  query: '',
  teamId: null,
  developerType: null,
  sensitiveOnly: false,
  newScopesOnly: false,
  directoryApproved: 'any',
  queued: 'any',
  overdueOnly: false,
  sort: 'age',
};

/** Rows ordered as main orders them: oldest first, then by id. */
export const compareAge = (a: RequestSummary, b: RequestSummary): number =>
  a.createdAt - b.createdAt || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

/** Applies an inbox delta by id; returns new containers only when something changed. */
export const applyInboxDelta = (
  byId: ReadonlyMap<string, RequestSummary>,
  order: readonly string[],
  delta: Pick<InboxDelta, 'changed' | 'removed'>,
): { byId: Map<string, RequestSummary>; order: string[] } => {
  const next = new Map(byId);
  const removed = new Set(delta.removed);
  let reorder = false;
  for (const id of removed) next.delete(id);
  for (const row of delta.changed) {
    const before = next.get(row.id);
    if (!before || before.createdAt !== row.createdAt) reorder = true;
    removed.delete(row.id);
    next.set(row.id, row);
  }
  let nextOrder: string[];
  if (reorder) {
    nextOrder = [...next.values()].sort(compareAge).map((r) => r.id);
  } else if (delta.removed.length > 0) {
    nextOrder = order.filter((id) => next.has(id));
  } else {
    nextOrder = order as string[];
  }
  return { byId: next, order: nextOrder };
};

const searchText = new WeakMap<RequestSummary, string>();

/** Lowercase text searched for a row, computed once per summary object. */
export const searchTextOf = (r: RequestSummary): string => {
  let text = searchText.get(r);
  if (text === undefined) {
    text = [r.appName, r.requesterName, r.teamName, ...r.scopeNames].join('\n').toLowerCase();
    searchText.set(r, text);
  }
  return text;
};

const riskRank: Record<Risk, number> = { high: 0, medium: 1, low: 2 };

/** Is this action still waiting to reach Slack? */
export const isOpenAction = (a: ActionView): boolean => a.state === 'pending' || a.state === 'sending';

/**
 * The visible request ids for the filters, in display order. `overdueBefore` is the `createdAt`
 * (seconds) before which a request is overdue; the overdue filter keeps only those.
 */
export const filterAndSort = (
  order: readonly string[],
  byId: ReadonlyMap<string, RequestSummary>,
  filters: Filters,
  actionByRequest: ReadonlyMap<string, ActionView>,
  overdueBefore = 0,
): string[] => {
  const terms = filters.query.trim().toLowerCase().split(/\s+/).filter(Boolean);
  const rows: RequestSummary[] = [];
  for (const id of order) {
    const r = byId.get(id);
    if (!r) continue;
    if (filters.teamId !== null && r.teamId !== filters.teamId) continue;
    if (filters.developerType !== null && r.developerType !== filters.developerType) continue;
    if (filters.sensitiveOnly && r.sensitiveCount === 0) continue;
    if (filters.newScopesOnly && r.newScopeCount === 0) continue;
    if (filters.overdueOnly && r.createdAt >= overdueBefore) continue;
    if (filters.directoryApproved !== 'any' && r.directoryApproved !== (filters.directoryApproved === 'yes'))
      continue;
    if (filters.queued !== 'any') {
      const action = actionByRequest.get(id);
      const queued = action !== undefined && isOpenAction(action);
      if (queued !== (filters.queued === 'yes')) continue;
    }
    if (terms.length > 0) {
      const text = searchTextOf(r);
      if (!terms.every((t) => text.includes(t))) continue;
    }
    rows.push(r);
  }
  // Array.prototype.sort is stable, so ties keep the age order.
  if (filters.sort === 'workspace') rows.sort((a, b) => a.teamName.localeCompare(b.teamName));
  if (filters.sort === 'risk') rows.sort((a, b) => riskRank[a.risk] - riskRank[b.risk]);
  return rows.map((r) => r.id);
};

/** A memoized `filterAndSort`: recomputes only when one of its inputs changes identity. */
export const createVisibleSelector = () => {
  let last: { args: unknown[]; result: string[] } | null = null;
  return (
    order: readonly string[],
    byId: ReadonlyMap<string, RequestSummary>,
    filters: Filters,
    actionByRequest: ReadonlyMap<string, ActionView>,
    overdueBefore = 0,
  ): string[] => {
    const args = [order, byId, filters, actionByRequest, overdueBefore];
    if (last && last.args.every((a, i) => a === args[i])) return last.result;
    const result = filterAndSort(order, byId, filters, actionByRequest, overdueBefore);
    last = { args, result };
    return result;
  };
};

/** The workspaces present in the inbox, for the workspace filter. */
export const workspacesOf = (byId: ReadonlyMap<string, RequestSummary>): { id: string; name: string }[] => {
  const seen = new Map<string, string>();
  for (const r of byId.values()) if (!seen.has(r.teamId)) seen.set(r.teamId, r.teamName);
  return [...seen].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
};
