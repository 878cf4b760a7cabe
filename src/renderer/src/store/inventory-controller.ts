/**
 * The Approved and Restricted views: page an inventory in from main (inventory-loader.ts), move
 * through it, and queue clear-resolution, restrict and uninstall on the active app through the same
 * durable queue as every other decision.
 */
import type { ActionRequest, Target } from '../../../shared/actions';
import type { AdmitApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { InventoryItem, InventoryStatus } from '../../../shared/view-types';
import type { AppStore } from './app-store';
import { kindLabel, type DecisionKind } from './decisions';
import { createInventoryLoader, statuses } from './inventory-loader';
import { activeItem, type View } from './inventory-slice';

export type InventoryDeps = {
  unwrap: <T>(result: Result<T>) => T | undefined;
  /** Queues the actions and announces `what` once main has them on disk. */
  enqueue: (actions: ActionRequest[], what: string) => Promise<boolean>;
};

export type InventoryController = ReturnType<typeof createInventoryController>;

const targetOf = (item: InventoryItem): Target =>
  item.level === 'org' ? { enterpriseId: item.target } : { teamId: item.target };

const describe = (item: InventoryItem) => ({
  appName: item.appName.slice(0, 200),
  targetName: item.targetName.slice(0, 200),
});

/** The decisions on the active app of an inventory: clear resolution, restrict, uninstall. */
const createInventoryDecisions = (
  store: AppStore,
  deps: InventoryDeps,
  active: () => InventoryItem | undefined,
) => {
  const get = store.getState;
  return {
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

/** Binds the inventories to the API and the store. */
export const createInventoryController = (api: AdmitApi, store: AppStore, deps: InventoryDeps) => {
  const get = store.getState;
  const { load, reloadLoaded } = createInventoryLoader(api, store, deps.unwrap);

  const current = (): InventoryStatus | null => {
    const view = get().view;
    return view === 'approved' || view === 'restricted' ? view : null;
  };

  const active = (): InventoryItem | undefined => {
    const status = current();
    return status ? activeItem(get().inventories[status]) : undefined;
  };

  return {
    load,
    active,
    /** Shows a view; an inventory is (re)read from the cache each time it is opened. */
    show: (view: View): void => {
      get().setView(view);
      if (view === 'approved' || view === 'restricted') void load(view, true);
    },
    reloadLoaded,
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
    ...createInventoryDecisions(store, deps, active),
  };
};
