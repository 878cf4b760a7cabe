/**
 * Moving through the inbox and picking rows: the active row, the bulk selection, and keeping the
 * active row one the admin can see. In the Approved and Restricted views, moves act on their list.
 */
import type { RequestSummary } from '../../../shared/view-types';
import type { AppStore } from './app-store';
import type { InventoryController } from './inventory-controller';
import { inRequests } from './selectors';
import { selectVisibleIds } from './visible';

export type Move = 1 | -1 | 'first' | 'last' | number;
export type Selection = ReturnType<typeof createSelection>;

/** The requests a decision applies to: the picked ones, else the active one. */
export const decisionTargets = (store: AppStore): RequestSummary[] => {
  const { picked, byId, activeId } = store.getState();
  const ids = picked.size > 0 ? [...picked] : activeId ? [activeId] : [];
  return ids.flatMap((id) => byId.get(id) ?? []);
};

/** Binds moving and picking to the store; `acceptActive` is the second Enter's rule suggestion. */
export const createSelection = (
  store: AppStore,
  deps: { inventory: InventoryController; acceptActive: () => Promise<void> },
) => {
  const get = store.getState;

  const move = (to: Move): void => {
    if (!inRequests(get())) return deps.inventory.move(to);
    const ids = selectVisibleIds(get());
    if (ids.length === 0) return;
    const at = Math.max(0, ids.indexOf(get().activeId ?? ''));
    const index = to === 'first' ? 0 : to === 'last' ? ids.length - 1 : at + to;
    get().setActive(ids[Math.max(0, Math.min(ids.length - 1, index))] ?? null);
  };

  // The active row must be one the admin can see: when filters hide it, move to its nearest visible neighbour.
  let lastVisible: string[] = [];
  const keepActiveVisible = (): void => {
    const ids = selectVisibleIds(get());
    const active = get().activeId;
    if (ids.length > 0 && (active === null || !ids.includes(active))) {
      const at = active ? lastVisible.indexOf(active) : -1;
      const neighbour = at >= 0 ? lastVisible.slice(at + 1).find((id) => ids.includes(id)) : undefined;
      get().setActive(neighbour ?? ids[0] ?? null, false);
    }
    lastVisible = ids;
  };

  return {
    move,
    keepActiveVisible,
    /**
     * Enter: opens the details; on a row whose details are open and that a rule suggests a decision
     * for, a second Enter accepts it (so the admin has seen the scopes before a rule's decision).
     */
    openDetail: (): void => {
      const s = get();
      if (!inRequests(s) || !s.activeId) return;
      if (!s.detailOpen) s.setDetailOpen(true);
      else void deps.acceptActive();
    },
    /** Esc: close a dialog, else clear the bulk selection, else close the details. */
    back: (): void => {
      const s = get();
      if (s.overlay) s.setOverlay(null);
      else if (s.picked.size > 0) s.clearPicked();
      else s.setDetailOpen(false);
    },
    togglePick: (): void => {
      const id = inRequests(get()) ? get().activeId : null;
      if (id) get().togglePicked(id);
    },
    /** A click on a row: plain picks it, ctrl/cmd toggles it, shift extends a range from the anchor. */
    clickRow: (id: string, mods: { shift: boolean; toggle: boolean }): void => {
      const s = get();
      if (mods.toggle) s.togglePicked(id);
      else if (mods.shift) {
        const ids = selectVisibleIds(s);
        const from = ids.indexOf(s.anchorId ?? s.activeId ?? id);
        const to = ids.indexOf(id);
        if (from >= 0 && to >= 0) s.pickRange(ids.slice(Math.min(from, to), Math.max(from, to) + 1));
      } else if (s.picked.size > 0) s.clearPicked();
      s.setActive(id);
    },
  };
};
