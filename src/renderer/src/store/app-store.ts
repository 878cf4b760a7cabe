/**
 * Renderer state: one zustand store built from slices. Requests are kept by id with a separate
 * order; the selection lives in its own slice so moving focus re-renders only the two rows involved.
 * No token is ever in here: main never sends one.
 */
import { create, type StateCreator } from 'zustand';
import type { AppError } from '../../../shared/result';
import type {
  ActionView,
  ConnectionStatus,
  InboxDelta,
  QueueDelta,
  QueueView,
  RequestDetail,
  RequestSummary,
  SavedActionsView,
  SessionState,
  Settings,
  SyncStatus,
} from '../../../shared/view-types';
import type { Level } from './decisions';
import { applyInboxDelta, compareAge, defaultFilters, type Filters } from './inbox-model';
import { createInventorySlice, type InventorySlice } from './inventory-slice';

export type SessionSlice = {
  session: SessionState | null;
  setSession: (session: SessionState) => void;
};

export type InboxSlice = {
  byId: ReadonlyMap<string, RequestSummary>;
  /** Request ids, oldest first, as main orders them. */
  order: readonly string[];
  loaded: boolean;
  resetInbox: () => void;
  putPage: (items: RequestSummary[], last: boolean) => void;
  applyInboxDelta: (delta: InboxDelta) => void;
};

export type SelectionSlice = {
  activeId: string | null;
  /** Requests picked for a bulk decision (x, shift/ctrl click). */
  picked: ReadonlySet<string>;
  anchorId: string | null;
  /** Has the admin moved the active row? Until then it stays on the first row while rows stream in. */
  activeChosen: boolean;
  setActive: (id: string | null, chosen?: boolean) => void;
  togglePicked: (id: string) => void;
  pickRange: (ids: readonly string[]) => void;
  clearPicked: () => void;
};

export type DetailSlice = {
  detailOpen: boolean;
  detail: RequestDetail | null;
  /** Optional scopes deselected in "Scope changes" (`bot:name`), for the open request only. */
  deselected: ReadonlySet<string>;
  level: Level;
  note: string;
  setDetailOpen: (open: boolean) => void;
  setDetail: (detail: RequestDetail | null) => void;
  toggleScope: (key: string) => void;
  setLevel: (level: Level) => void;
  setNote: (note: string) => void;
};

export type FilterSlice = {
  filters: Filters;
  setFilters: (patch: Partial<Filters>) => void;
  resetFilters: () => void;
};

export type QueueSlice = {
  actions: readonly ActionView[];
  /** The latest unfinished action of each request, for its row. */
  actionByRequest: ReadonlyMap<string, ActionView>;
  queueStatus: QueueView['status'];
  progress: QueueView['progress'];
  today: QueueView['today'];
  setQueue: (view: QueueView) => void;
  applyQueueDelta: (delta: QueueDelta) => void;
};

export type StatusSlice = {
  sync: SyncStatus;
  connection: ConnectionStatus;
  notice: AppError | null;
  /** What the polite live region says; `seq` makes a repeated message announce again. */
  announcement: { text: string; seq: number };
  setSync: (sync: SyncStatus) => void;
  setConnection: (connection: ConnectionStatus) => void;
  showError: (error: AppError | null) => void;
  announce: (text: string) => void;
};

export type SettingsSlice = {
  settings: Settings;
  setSettings: (settings: Settings) => void;
};

export type Overlay =
  | null
  | { kind: 'palette' }
  | { kind: 'help' }
  | { kind: 'settings' }
  | { kind: 'uninstall'; requestId: string }
  /** Uninstall from the Approved or Restricted view, by the row's key. */
  | { kind: 'uninstallApp'; key: string }
  | { kind: 'link'; url: string }
  | { kind: 'signOut'; unsent: number }
  /** "Review and re-queue" (SavedDecisions.tsx renders it). */
  | { kind: 'review' }
  /** "Approve or restrict an app by ID…" (PreapproveDialog.tsx). */
  | { kind: 'preapprove' };

export type UiSlice = {
  overlay: Overlay;
  /** Bumped to ask the search box to take focus. */
  searchFocus: number;
  setOverlay: (overlay: Overlay) => void;
  focusSearch: () => void;
};

export type RecoverySlice = {
  /** Files of decisions saved from a damaged database, awaiting review. */
  saved: readonly SavedActionsView[];
  setSaved: (saved: readonly SavedActionsView[]) => void;
};

export type AppState = SessionSlice &
  RecoverySlice &
  InboxSlice &
  SelectionSlice &
  DetailSlice &
  FilterSlice &
  QueueSlice &
  StatusSlice &
  SettingsSlice &
  UiSlice &
  InventorySlice;

type Slice<T> = StateCreator<AppState, [], [], T>;

const sessionSlice: Slice<SessionSlice> = (set) => ({
  session: null,
  setSession: (session) => set({ session }),
});

/**
 * Where the active row goes when the inbox changes: until the admin moves it, it stays on the
 * first row (so rows streaming in do not push it down), and moves to its neighbour when its request goes away.
 */
const keepActive = (
  { activeId, activeChosen }: { activeId: string | null; activeChosen: boolean },
  before: readonly string[],
  next: { byId: ReadonlyMap<string, RequestSummary>; order: readonly string[] },
): string | null => {
  if (activeId === null || (!activeChosen && activeId === before[0])) return next.order[0] ?? null;
  if (next.byId.has(activeId)) return activeId;
  const at = before.indexOf(activeId);
  const survivor =
    before.slice(at + 1).find((id) => next.byId.has(id)) ??
    [...before.slice(0, at)].reverse().find((id) => next.byId.has(id));
  return survivor ?? next.order[0] ?? null;
};

const inboxSlice: Slice<InboxSlice> = (set) => ({
  byId: new Map(),
  order: [],
  loaded: false,
  resetInbox: () =>
    set({
      byId: new Map(),
      order: [],
      loaded: false,
      activeId: null,
      activeChosen: false,
      picked: new Set(),
    }),
  putPage: (items, last) =>
    set((s) => {
      const byId = new Map(s.byId);
      const fresh = items.filter((r) => !byId.has(r.id));
      for (const r of items) byId.set(r.id, r);
      const order = [...s.order, ...fresh.map((r) => r.id)];
      if (fresh.length > 0 && order.length > 1) {
        const prev = byId.get(order[order.length - fresh.length - 1] ?? '');
        if (prev && fresh[0] && compareAge(prev, fresh[0]) > 0)
          order.sort((a, b) => compareAge(byId.get(a)!, byId.get(b)!));
      }
      return {
        byId,
        order,
        loaded: last || s.loaded,
        activeId: keepActive(s, s.order, { byId, order }),
      };
    }),
  applyInboxDelta: (delta) =>
    set((s) => {
      const next = applyInboxDelta(s.byId, s.order, delta);
      const picked = delta.removed.some((id) => s.picked.has(id))
        ? new Set([...s.picked].filter((id) => next.byId.has(id)))
        : s.picked;
      return { ...next, picked, activeId: keepActive(s, s.order, next) };
    }),
});

const selectionSlice: Slice<SelectionSlice> = (set) => ({
  activeId: null,
  picked: new Set(),
  anchorId: null,
  activeChosen: false,
  setActive: (activeId, chosen = true) => set((s) => ({ activeId, activeChosen: chosen || s.activeChosen })),
  togglePicked: (id) =>
    set((s) => {
      const picked = new Set(s.picked);
      if (!picked.delete(id)) picked.add(id);
      return { picked, anchorId: id };
    }),
  pickRange: (ids) => set((s) => ({ picked: new Set([...s.picked, ...ids]) })),
  clearPicked: () => set({ picked: new Set(), anchorId: null }),
});

const detailSlice: Slice<DetailSlice> = (set) => ({
  detailOpen: false,
  detail: null,
  deselected: new Set(),
  level: 'workspace',
  note: '',
  setDetailOpen: (detailOpen) => set({ detailOpen }),
  // A newly opened request starts at the level its detail suggests (its own, or the org when the
  // app is already resolved there).
  setDetail: (detail) =>
    set((s) =>
      detail?.id === s.detail?.id
        ? { detail }
        : { detail, deselected: new Set<string>(), ...(detail ? { level: detail.suggestedLevel } : {}) },
    ),
  toggleScope: (key) =>
    set((s) => {
      const deselected = new Set(s.deselected);
      if (!deselected.delete(key)) deselected.add(key);
      return { deselected };
    }),
  setLevel: (level) => set({ level }),
  setNote: (note) => set({ note }),
});

const filterSlice: Slice<FilterSlice> = (set) => ({
  filters: defaultFilters,
  setFilters: (patch) => set((s) => ({ filters: { ...s.filters, ...patch } })),
  resetFilters: () => set({ filters: defaultFilters }),
});

const byRequest = (actions: readonly ActionView[]): Map<string, ActionView> => {
  const map = new Map<string, ActionView>();
  for (const a of actions) if (a.requestId && a.state !== 'done') map.set(a.requestId, a);
  return map;
};

const queueSlice: Slice<QueueSlice> = (set) => ({
  actions: [],
  actionByRequest: new Map(),
  queueStatus: { state: 'running', label: '' },
  progress: { total: 0, done: 0, etaMs: null },
  today: { since: 0, done: 0 },
  setQueue: (view) => {
    const actions = [...view.actions].sort((a, b) => a.enqueuedAt - b.enqueuedAt);
    const { status: queueStatus, progress, today } = view;
    set({ actions, actionByRequest: byRequest(actions), queueStatus, progress, today });
  },
  applyQueueDelta: (delta) =>
    set((s) => {
      const map = new Map(s.actions.map((a) => [a.id, a]));
      for (const id of delta.removed) map.delete(id);
      for (const a of delta.changed) map.set(a.id, a);
      const actions = [...map.values()].sort((a, b) => a.enqueuedAt - b.enqueuedAt);
      // Unchanged actions keep their identity, so rows selecting them do not re-render.
      return {
        actions,
        actionByRequest: byRequest(actions),
        queueStatus: delta.status,
        progress: delta.progress,
        today: delta.today,
      };
    }),
});

const statusSlice: Slice<StatusSlice> = (set) => ({
  sync: {
    state: 'idle',
    lastSyncedAt: null,
    lastAttemptAt: null,
    done: 0,
    targets: { total: 0, complete: 0, partial: 0, failed: 0 },
    problems: [],
  },
  connection: { state: 'unknown', lastSyncedAt: null },
  notice: null,
  announcement: { text: '', seq: 0 },
  setSync: (sync) => set({ sync }),
  setConnection: (connection) => set({ connection }),
  showError: (notice) => set({ notice }),
  announce: (text) => set((s) => ({ announcement: { text, seq: s.announcement.seq + 1 } })),
});

const settingsSlice: Slice<SettingsSlice> = (set) => ({
  settings: {
    singleKeyShortcuts: true,
    overdueAfterDays: 3,
    notifications: true,
    queueCollapsed: false,
    // Shown only once the settings say so: no flash of the first-run bar for those who dismissed it.
    keyHintDismissed: true,
    managed: [],
  },
  setSettings: (settings) => set({ settings }),
});

const recoverySlice: Slice<RecoverySlice> = (set) => ({
  saved: [],
  setSaved: (saved) => set({ saved }),
});

const uiSlice: Slice<UiSlice> = (set) => ({
  overlay: null,
  searchFocus: 0,
  setOverlay: (overlay) => set({ overlay }),
  focusSearch: () => set((s) => ({ searchFocus: s.searchFocus + 1 })),
});

/** Creates a store; the app makes one, tests make their own. */
export const createAppStore = () =>
  create<AppState>()((...a) => ({
    ...sessionSlice(...a),
    ...inboxSlice(...a),
    ...selectionSlice(...a),
    ...detailSlice(...a),
    ...filterSlice(...a),
    ...queueSlice(...a),
    ...statusSlice(...a),
    ...settingsSlice(...a),
    ...uiSlice(...a),
    ...recoverySlice(...a),
    ...createInventorySlice(a[0]),
  }));

export type AppStore = ReturnType<typeof createAppStore>;
