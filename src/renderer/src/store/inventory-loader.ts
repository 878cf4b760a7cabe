/**
 * Paging an inventory in from main, which searches and filters the cached lists: each load of an
 * inventory a new generation, so an older one stops at its next page and never lands.
 */
import type { AdmitApi } from '../../../shared/contract';
import type { InventoryFreshness, InventoryItem, InventoryStatus } from '../../../shared/view-types';
import type { AppStore } from './app-store';
import type { Unwrap } from './unwrap';

const PAGE = 1000;
export const statuses: readonly InventoryStatus[] = ['approved', 'restricted'];

/** Where the active row goes after a reload: itself, else the row now at its place. */
const keepActive = (
  key: string | null,
  before: readonly InventoryItem[],
  after: readonly InventoryItem[],
): string | null => {
  if (key && after.some((i) => i.key === key)) return key;
  const at = key ? before.findIndex((i) => i.key === key) : 0;
  return after[Math.min(Math.max(at, 0), after.length - 1)]?.key ?? null;
};

/** Binds the inventories' loading to the API and the store. */
export const createInventoryLoader = (api: AdmitApi, store: AppStore, unwrap: Unwrap) => {
  const get = store.getState;
  const generation: Record<InventoryStatus, number> = { approved: 0, restricted: 0 };

  /** Inventories with a load under way (the latest one of each). */
  const loading = new Set<InventoryStatus>();
  /** Loads an inventory; `opened` when the admin opened its view (main may then re-read old lists). */
  const load = async (status: InventoryStatus, opened = false): Promise<void> => {
    const gen = ++generation[status];
    loading.add(status);
    try {
      await loadPages(status, gen, opened);
    } finally {
      if (generation[status] === gen) loading.delete(status);
    }
  };
  const loadPages = async (status: InventoryStatus, gen: number, opened: boolean): Promise<void> => {
    const { query, target } = get().inventories[status];
    const q = query.trim().slice(0, 200);
    const items: InventoryItem[] = [];
    let places: { id: string; name: string }[] = [];
    let freshness: InventoryFreshness | null = null;
    let total = Infinity;
    while (items.length < total) {
      const page = unwrap(
        await api.inventory.list({
          status,
          offset: items.length,
          limit: PAGE,
          ...(q ? { query: q } : {}),
          ...(target ? { target } : {}),
          ...(opened && items.length === 0 ? { opened: true } : {}),
        }),
      );
      if (!page || gen !== generation[status]) return;
      total = page.total;
      places = page.places;
      freshness = page.freshness;
      items.push(...page.items);
      if (page.items.length === 0) break;
    }
    const before = get().inventories[status];
    get().patchInventory(status, {
      items,
      total: items.length,
      places,
      freshness,
      loaded: true,
      activeKey: keepActive(before.activeKey, before.items, items),
    });
  };

  return {
    load,
    /**
     * Main re-read lists: reload every inventory loaded or being loaded (a load already under way may
     * carry what main had before the read, so it is replaced, not awaited).
     */
    reloadLoaded: (): void => {
      for (const status of statuses)
        if (get().inventories[status].loaded || loading.has(status)) void load(status);
    },
  };
};
