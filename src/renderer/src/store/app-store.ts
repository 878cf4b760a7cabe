/**
 * Renderer state: one zustand store built from slices. Requests are kept by position in the
 * inbox; the selection lives in its own slice so moving focus re-renders only the rows involved.
 * No token is ever in here: main never sends one.
 */
import { create, type StateCreator } from 'zustand';
import type { AppError } from '../../../shared/result';
import type { RequestSummary, SessionState, SyncStatus } from '../../../shared/view-types';

export type SessionSlice = {
  session: SessionState | null;
  setSession: (session: SessionState) => void;
};

export type InboxSlice = {
  total: number;
  rows: (RequestSummary | undefined)[];
  resetInbox: (total: number) => void;
  putRows: (offset: number, items: RequestSummary[], total: number) => void;
};

export type SelectionSlice = {
  activeIndex: number;
  setActive: (index: number) => void;
};

export type StatusSlice = {
  sync: SyncStatus;
  notice: AppError | null;
  setSync: (sync: SyncStatus) => void;
  showError: (error: AppError | null) => void;
};

export type AppState = SessionSlice & InboxSlice & SelectionSlice & StatusSlice;

const sessionSlice: StateCreator<AppState, [], [], SessionSlice> = (set) => ({
  session: null,
  setSession: (session) => set({ session }),
});

const inboxSlice: StateCreator<AppState, [], [], InboxSlice> = (set) => ({
  total: 0,
  rows: [],
  resetInbox: (total) => set({ total, rows: new Array<RequestSummary | undefined>(total) }),
  putRows: (offset, items, total) =>
    set((state) => {
      const rows =
        state.rows.length === total ? state.rows.slice() : new Array<RequestSummary | undefined>(total);
      items.forEach((item, i) => {
        rows[offset + i] = item;
      });
      return { rows, total };
    }),
});

const selectionSlice: StateCreator<AppState, [], [], SelectionSlice> = (set, get) => ({
  activeIndex: 0,
  setActive: (index) => set({ activeIndex: Math.max(0, Math.min(index, get().total - 1)) }),
});

const statusSlice: StateCreator<AppState, [], [], StatusSlice> = (set) => ({
  sync: { state: 'idle', lastSyncedAt: null, done: 0 },
  notice: null,
  setSync: (sync) => set({ sync }),
  showError: (notice) => set({ notice }),
});

/** Creates a store; the app makes one, tests make their own. */
export const createAppStore = () =>
  create<AppState>()((...a) => ({
    ...sessionSlice(...a),
    ...inboxSlice(...a),
    ...selectionSlice(...a),
    ...statusSlice(...a),
  }));

export type AppStore = ReturnType<typeof createAppStore>;
