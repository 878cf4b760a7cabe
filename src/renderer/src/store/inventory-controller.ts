/**
 * The Approved and Restricted views: page an inventory in from main (which searches and filters
 * the cached lists), move through it, and queue clear-resolution, restrict and uninstall on the
 * active app through the same durable queue as every other decision.
 */
import type { ActionRequest, Target } from '../../../shared/actions';
import type { AdmitApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { InventoryFreshness, InventoryItem, InventoryStatus } from '../../../shared/view-types';
import type { AppStore } from './app-store';
import { kindLabel, type DecisionKind } from './decisions';
import { activeItem, type View } from './inventory-slice';

const PAGE = 1000;
const statuses: readonly InventoryStatus[] = ['approved', 'restricted'];

export type InventoryDeps = {
  unwrap: <T>(result: Result<T>) => T | undefined;
  /** Queues the actions and announces `what` once main has them on disk. */
  enqueue: (actions: ActionRequest[], what: string) => Promise<boolean>;
};

export type InventoryController = ReturnType<typeof createInventoryController>;

const targetOf = (item: InventoryItem): Target =>
  item.level === 'org' ? { enterpriseId: item.target } : { teamId: item.target };

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

/** Binds the inventories to the API and the store. */
export const createInventoryController = (api: AdmitApi, store: AppStore, deps: InventoryDeps) => {
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
      const page = deps.unwrap(
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

  const current = (): InventoryStatus | null => {
    const view = get().view;
    return view === 'approved' || view === 'restricted' ? view : null;
  };

  const active = (): InventoryItem | undefined => {
    const status = current();
    return status ? activeItem(get().inventories[status]) : undefined;
  };

  const describe = (item: InventoryItem) => ({
    appName: item.appName.slice(0, 200),
    targetName: item.targetName.slice(0, 200),
  });

  return {
    load,
    active,
    /** Shows a view; an inventory is (re)read from the cache each time it is opened. */
    show: (view: View): void => {
      get().setView(view);
      if (view === 'approved' || view === 'restricted') void load(view, true);
    },
    /** Main says the cached lists changed: reload the inventories already opened. */
    /**
     * Main re-read lists: reload every inventory loaded or being loaded (a load already under way may
     * carry what main had before the read, so it is replaced, not awaited).
     */
    reloadLoaded: (): void => {
      for (const status of statuses)
        if (get().inventories[status].loaded || loading.has(status)) void load(status);
    },
    setQuery: (query: string): void => {
      const status = current();
      if (!status) return;
      get().patchInventory(status, { query });
      void load(status);
    },
    setTarget: (target: string | null): void => {
      const status = current();
      if (!status) return;
      get().patchInventory(status, { target });
      void load(status);
    },
    setActive: (key: string): void => {
      const status = current();
      if (status) get().patchInventory(status, { activeKey: key });
    },
    move: (to: 1 | -1 | 'first' | 'last' | number): void => {
      const status = current();
      if (!status) return;
      const { items, activeKey } = get().inventories[status];
      if (items.length === 0) return;
      const at = Math.max(
        0,
        items.findIndex((i) => i.key === activeKey),
      );
      const index = to === 'first' ? 0 : to === 'last' ? items.length - 1 : at + to;
      const next = items[Math.max(0, Math.min(items.length - 1, index))];
      if (next) get().patchInventory(status, { activeKey: next.key });
    },
    /** Clear resolution, or restrict an approved app, at the row's own place. */
    decide: async (kind: DecisionKind): Promise<void> => {
      const item = active();
      if (!item) return;
      const where = `${item.appName} on ${item.targetName}`;
      if (kind === 'clearResolution' || (kind === 'restrict' && item.status === 'approved')) {
        const action: ActionRequest = { kind, appId: item.appId, target: targetOf(item), ...describe(item) };
        await deps.enqueue([action], `${kindLabel[kind]} queued for ${where}`);
        return;
      }
      get().announce(
        kind === 'restrict'
          ? `${where} is already restricted`
          : `${kindLabel[kind]} is not available for an ${item.status} app`,
      );
    },
    askUninstall: (): void => {
      const item = active();
      if (item) get().setOverlay({ kind: 'uninstallApp', key: item.key });
    },
    /** Uninstall after the admin typed the app's name: from the row's workspace, or the whole org. */
    confirmUninstall: async (key: string): Promise<void> => {
      get().setOverlay(null);
      const item = statuses.flatMap((s) => get().inventories[s].items).find((i) => i.key === key);
      if (!item) return;
      const action: ActionRequest = {
        kind: 'uninstall',
        appId: item.appId,
        target: item.level === 'org' ? { enterpriseId: item.target } : { teamIds: [item.target] },
        ...describe(item),
      };
      await deps.enqueue([action], `Uninstall queued for ${item.appName} on ${item.targetName}`);
    },
  };
};
