/**
 * Paging the inbox in from main: `inbox.list` a page at a time, each load a new generation so a
 * stale one stops at its next page; deltas that arrive during a load wait until its last page is in.
 */
import type { AdmitApi } from '../../../shared/contract';
import type { InboxDelta } from '../../../shared/view-types';
import type { AppStore } from './app-store';
import type { Unwrap } from './unwrap';

const PAGE = 1000;

export type InboxLoader = ReturnType<typeof createInboxLoader>;

/** Binds the inbox's loading to the API and the store. */
export const createInboxLoader = (api: AdmitApi, store: AppStore, unwrap: Unwrap) => {
  const get = store.getState;
  let loadGeneration = 0;
  let buffered: InboxDelta[] | null = null;

  const load = async (): Promise<void> => {
    const generation = ++loadGeneration;
    buffered = [];
    get().resetInbox();
    let offset = 0;
    let total = Infinity;
    while (offset < total && generation === loadGeneration) {
      const page = unwrap(await api.inbox.list({ offset, limit: PAGE }));
      if (!page || generation !== loadGeneration) break;
      total = page.total;
      offset += page.items.length;
      const last = offset >= total || page.items.length === 0;
      get().putPage(page.items, last);
      if (page.items.length === 0) break;
    }
    if (generation !== loadGeneration) return;
    const pending = buffered;
    buffered = null;
    for (const delta of pending) get().applyInboxDelta(delta);
  };

  const onChanged = (delta: Partial<InboxDelta>): void => {
    // A delta without rows means "something changed, reload" (older hosts send only the total).
    if (!delta.changed || !delta.removed) return void load();
    const full: InboxDelta = { changed: delta.changed, removed: delta.removed, total: delta.total ?? 0 };
    if (buffered) buffered.push(full);
    else get().applyInboxDelta(full);
  };

  return {
    /** Loads the whole inbox again, replacing what the store holds. */
    load,
    /** Applies an `inbox:changed` delta, or holds it while a load is under way. */
    onChanged,
    /** Signed out: any load under way stops at its next page, and the inbox empties. */
    cancel: (): void => {
      ++loadGeneration;
      get().resetInbox();
    },
    /** Asks main to sync now. */
    refresh: async (): Promise<void> => {
      unwrap(await api.inbox.refresh());
    },
  };
};
