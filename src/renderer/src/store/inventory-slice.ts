/**
 * Which view is shown (Requests, Approved, Restricted) and the two inventories: the loaded rows in
 * main's order, the search and place filter main applied, and the active row of each.
 */
import type { InventoryFreshness, InventoryItem, InventoryStatus } from '../../../shared/view-types';

/** The tabs: the inbox, the two inventories, and the approval rules. */
export type View = 'requests' | InventoryStatus | 'rules';

export type InventoryList = {
  items: readonly InventoryItem[];
  total: number;
  /** Every place that has an app of this status, for the workspace filter. */
  places: readonly { id: string; name: string }[];
  loaded: boolean;
  /** How old main's cached lists are (null until the first page arrives). */
  freshness: InventoryFreshness | null;
  query: string;
  /** The place filter: a workspace ID, the org's ID, or null for all. */
  target: string | null;
  activeKey: string | null;
};

export type InventorySlice = {
  view: View;
  inventories: Record<InventoryStatus, InventoryList>;
  setView: (view: View) => void;
  patchInventory: (status: InventoryStatus, patch: Partial<InventoryList>) => void;
  resetInventories: () => void;
};

const emptyList: InventoryList = {
  items: [],
  total: 0,
  places: [],
  loaded: false,
  freshness: null,
  query: '',
  target: null,
  activeKey: null,
};

const empty = (): InventorySlice['inventories'] => ({ approved: emptyList, restricted: emptyList });

type Set = (fn: (s: InventorySlice) => Partial<InventorySlice>) => void;

/** The slice, for `createAppStore`. */
export const createInventorySlice = (set: Set): InventorySlice => ({
  view: 'requests',
  inventories: empty(),
  setView: (view) => set(() => ({ view })),
  patchInventory: (status, patch) =>
    set((s) => ({ inventories: { ...s.inventories, [status]: { ...s.inventories[status], ...patch } } })),
  resetInventories: () => set(() => ({ view: 'requests', inventories: empty() })),
});

/** The active row of an inventory, if any. */
export const activeItem = (list: InventoryList): InventoryItem | undefined =>
  list.items.find((i) => i.key === list.activeKey);
