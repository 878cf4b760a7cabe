/**
 * Accepting what approval rules suggest: main builds each decision from the rule (so it names the
 * rule in its note) and queues it like any other.
 */
import type { AdmitApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { RequestSummary } from '../../../shared/view-types';
import type { AppStore } from './app-store';

export type SuggestionDeps = {
  unwrap: <T>(result: Result<T>) => T | undefined;
  /** The rows a decision applies to: the picked ones, else the active one. */
  targets: () => RequestSummary[];
};

/** Binds "Accept suggestion" and "Accept all suggestions". */
export const createSuggestionsController = (api: AdmitApi, store: AppStore, deps: SuggestionDeps) => {
  const get = store.getState;
  const unqueued = (rows: RequestSummary[]): RequestSummary[] =>
    rows.filter((r) => r.suggestion && !get().actionByRequest.has(r.id));

  const accept = async (rows: RequestSummary[], none: string): Promise<void> => {
    const open = unqueued(rows);
    const first = open[0];
    if (!first?.suggestion) {
      get().announce(none);
      return;
    }
    const queued = deps.unwrap(await api.rules.acceptSuggestions({ requestIds: open.map((r) => r.id) }));
    if (!queued) return;
    get().announce(
      open.length === 1
        ? `${first.suggestion.text.replace(/^Suggested: /, '')} queued for ${first.appName}`
        : `${queued.length} suggestions queued`,
    );
  };

  return {
    /** Queues the suggestion of the picked rows, else the active one. */
    acceptSuggestion: (): Promise<void> =>
      accept(deps.targets(), 'No rule suggests a decision for this request'),
    /** Queues the active row's suggestion (a second Enter); does nothing on a row without one. */
    acceptActive: async (): Promise<void> => {
      const { activeId, byId } = get();
      const row = activeId ? byId.get(activeId) : undefined;
      if (row && unqueued([row]).length > 0) await accept([row], '');
    },
    /** Queues every suggestion not queued yet, across the whole inbox. */
    acceptAll: (): Promise<void> => {
      const { byId, order } = get();
      return accept(
        order.flatMap((id) => byId.get(id) ?? []),
        'No rule suggests a decision for any request',
      );
    },
  };
};
