/**
 * What the renderer does with the API: load the session, page the inbox in, follow main's events,
 * queue decisions. Every failed result goes to one place, the store's `notice`, which the app shows.
 */
import type { ActionRequest } from '../../../shared/actions';
import type { AdmitApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { InboxDelta, RequestSummary } from '../../../shared/view-types';
import type { AppStore } from './app-store';
import { buildDecision, approvalPlan, kindLabel, type DecisionKind, type Level } from './decisions';
import { followNotifications } from './desktop-notifications';
import { createIconCache } from './icon-cache';
import { createInventoryController } from './inventory-controller';
import { createPreapprovalController } from './preapproval';
import { createPreferences } from './preferences';
import { createRulesController } from './rules-controller';
import { createSuggestionsController } from './suggestions';
import { selectVisibleIds } from './visible';

const PAGE = 1000;

export type Controller = ReturnType<typeof createController>;
export type Move = 1 | -1 | 'first' | 'last' | number;

/** Is this an https URL the app may open? */
export const isSafeLink = (url: string): boolean => {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
};

/** Binds the API to a store. `start` subscribes to events and returns the unsubscribe function. */
/** Listens to a window event (absent outside a browser, e.g. in node tests); returns the unsubscribe. */
const onWindowEvent = (name: 'online' | 'offline', listener: () => void): (() => void) => {
  if (typeof window === 'undefined') return () => undefined;
  window.addEventListener(name, listener);
  return () => window.removeEventListener(name, listener);
};

export const createController = (api: AdmitApi, store: AppStore, win: Pick<Window, 'open'> = window) => {
  const get = store.getState;
  const unwrap = <T>(result: Result<T>): T | undefined => {
    if (result.ok) return result.value;
    get().showError(result.error);
    return undefined;
  };

  let loadGeneration = 0;
  let buffered: InboxDelta[] | null = null;

  const loadInbox = async (): Promise<void> => {
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

  const onInboxChanged = (delta: Partial<InboxDelta>): void => {
    // A delta without rows means "something changed, reload" (older hosts send only the total).
    if (!delta.changed || !delta.removed) return void loadInbox();
    const full: InboxDelta = { changed: delta.changed, removed: delta.removed, total: delta.total ?? 0 };
    if (buffered) buffered.push(full);
    else get().applyInboxDelta(full);
  };

  const loadSaved = async (): Promise<void> => {
    let result;
    try {
      result = await api.recovery.list();
    } catch {
      return; // an API without the recovery channels (test fakes written before them): nothing saved
    }
    const saved = unwrap(result);
    if (saved) get().setSaved(saved);
  };

  const loadRest = async (): Promise<void> => {
    const [queue, connection, settings] = await Promise.all([
      api.actions.list(),
      api.connection.get(),
      api.settings.get(),
      loadSaved(),
    ]);
    const q = unwrap(queue);
    if (q) get().setQueue(q);
    const c = unwrap(connection);
    if (c) get().setConnection(c);
    const st = unwrap(settings);
    if (st) get().setSettings(st);
  };

  const refreshSession = async (): Promise<void> => {
    const session = unwrap(await api.session.get());
    if (!session) return;
    get().setSession(session);
    if (session.status === 'signed_in') await Promise.all([loadInbox(), loadRest()]);
  };

  // The open details always follow the active row; answers for a row no longer active are dropped.
  let loadingId: string | null = null;
  let missingId: string | null = null;
  const ensureDetail = (): void => {
    const { detailOpen, activeId, detail } = get();
    if (
      !detailOpen ||
      !activeId ||
      detail?.id === activeId ||
      loadingId === activeId ||
      missingId === activeId
    )
      return;
    loadingId = activeId;
    void api.inbox.get({ id: activeId }).then((result) => {
      if (loadingId === activeId) loadingId = null;
      if (get().activeId === activeId) {
        if (result.ok) get().setDetail(result.value);
        else if (result.error.code === 'not_found') missingId = activeId;
        else get().showError(result.error);
      }
      ensureDetail();
    });
  };

  /** The open details compare with the lists of their workspace and the org: re-read when those change. */
  const refreshDetailFor = (targets: readonly string[]): void => {
    const { detailOpen, detail } = get();
    const org = account()?.enterpriseId;
    if (!detailOpen || !detail || !targets.some((t) => t === detail.teamId || t === org)) return;
    const id = detail.id;
    void api.inbox.get({ id }).then((result) => {
      if (result.ok && get().activeId === id) get().setDetail(result.value);
    });
  };

  const account = () => {
    const s = get().session;
    return s?.status === 'signed_in' ? s.account : null;
  };

  // The Approved and Restricted views; keys that act on "the active row" act on theirs while shown.
  const inventory = createInventoryController(api, store, {
    unwrap,
    enqueue: (actions, what) => enqueue(actions, what),
  });
  // "Approve or restrict an app by ID…": decisions on apps nobody has requested yet.
  const preapproval = createPreapprovalController(api, store, {
    unwrap,
    enqueue: (actions, what) => enqueue(actions, what),
  });
  const inRequests = (): boolean => get().view === 'requests';

  const move = (to: Move): void => {
    if (!inRequests()) return inventory.move(to);
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

  /** Resolves in the next task (a MessageChannel message: no 4 ms timer clamp), after pending renders. */
  const nextTask = (): Promise<void> =>
    new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });

  /** The requests a decision applies to: the picked ones, else the active one. */
  const targets = (): RequestSummary[] => {
    const { picked, byId, activeId } = get();
    const ids = picked.size > 0 ? [...picked] : activeId ? [activeId] : [];
    return ids.flatMap((id) => byId.get(id) ?? []);
  };

  const suggestions = createSuggestionsController(api, store, { unwrap, targets });

  const enqueue = async (actions: ActionRequest[], what: string): Promise<boolean> => {
    const first = actions[0];
    if (!first) return false;
    const result: Result<unknown> =
      actions.length === 1 ? await api.actions.enqueue(first) : await api.actions.enqueueMany(actions);
    if (unwrap(result) === undefined) return false;
    get().announce(what);
    return true;
  };

  const decide = async (kind: DecisionKind, levelOverride?: Level): Promise<void> => {
    if (!inRequests()) return inventory.decide(kind);
    const acct = account();
    const rows = targets();
    if (!acct || rows.length === 0) return;
    const s = get();
    const level = levelOverride ?? s.level;
    const single = rows.length === 1 ? rows[0] : undefined;
    const detail = single && s.detail?.id === single.id ? s.detail : null;
    // The scope lists exactly as planned: a token type the app never asked for gets no list at all.
    let scopes: { botScopes?: string[]; userScopes?: string[] } | undefined;
    if (kind === 'approve' && detail) {
      const plan = approvalPlan(detail, s.deselected);
      if (!plan.ok) {
        get().showError({ code: 'invalid_input', message: plan.reason });
        return;
      }
      scopes = Object.keys(plan.send).length > 0 ? plan.send : undefined;
    }
    const ctx = {
      enterpriseId: acct.enterpriseId,
      enterpriseName: acct.enterpriseName,
      level,
      note: s.note,
      scopes,
    };
    const actions = rows.map((r) => buildDecision(kind, r, ctx));
    const where = level === 'org' ? acct.enterpriseName : single?.teamName;
    const what = single
      ? `${kindLabel[kind]} queued for ${single.appName} on ${where}`
      : `${kindLabel[kind]} queued for ${rows.length} requests`;
    // Move on before main answers, so a fast typist's next key lands on the next request.
    if (rows.length > 1) get().clearPicked();
    else move(1);
    get().setNote('');
    // React renders the move in a microtask; the call to main (a fetch in the browser host, about 2 ms)
    // starts in the next task, so the selection is on screen first. The decision is still on disk
    // before the announcement says it is queued.
    await nextTask();
    await enqueue(actions, what);
  };

  return {
    start: (): (() => void) => {
      const offs = [
        api.session.onChanged((session) => {
          get().setSession(session);
          get().resetInventories();
          if (session.status === 'signed_out') {
            ++loadGeneration;
            get().resetInbox();
          } else void Promise.all([loadInbox(), loadRest()]);
        }),
        api.inbox.onChanged((delta) => onInboxChanged(delta)),
        api.sync.onProgress((sync) => get().setSync(sync)),
        api.session.onSignInFinished((result) => {
          if (!result.ok) get().showError({ code: 'not_signed_in', message: result.message });
          else get().announce(result.message);
        }),
        api.actions.onChanged((delta) => get().applyQueueDelta(delta)),
        api.connection.onChanged((connection) => get().setConnection(connection)),
        api.inventory.onChanged(({ targets }) => {
          inventory.reloadLoaded();
          refreshDetailFor(targets);
        }),
        followNotifications(api, store),
        // The OS's online/offline events are only hints: main probes Slack and decides.
        onWindowEvent('online', () => void api.connection.hint({ online: true })),
        onWindowEvent('offline', () => void api.connection.hint({ online: false })),
        store.subscribe((s, prev) => {
          if (
            s.filters !== prev.filters ||
            s.order !== prev.order ||
            s.byId !== prev.byId ||
            s.actionByRequest !== prev.actionByRequest
          ) {
            keepActiveVisible();
          }
          ensureDetail();
        }),
      ];
      void refreshSession();
      return () => offs.forEach((off) => off());
    },
    connectDemo: async (): Promise<void> => {
      get().showError(null);
      unwrap(await api.session.connectDemo());
    },
    connectToken: async (token: string): Promise<boolean> => {
      get().showError(null);
      return unwrap(await api.session.connectToken({ token })) !== undefined;
    },
    /**
     * Sign in with Slack. Main opens the system browser in Electron; in the browser host it hands the
     * URL back and the page opens it in a new tab (still within the click's user activation).
     */
    signIn: async (): Promise<boolean> => {
      get().showError(null);
      const started = unwrap(await api.session.signIn());
      if (!started) return false;
      if (!started.opened && started.authorizeUrl) {
        window.open(started.authorizeUrl, '_blank', 'noopener,noreferrer');
      }
      return true;
    },
    cancelSignIn: async (): Promise<void> => {
      unwrap(await api.session.cancelSignIn());
    },
    switchTo: async (enterpriseId: string): Promise<void> => {
      get().showError(null);
      unwrap(await api.session.switch({ enterpriseId }));
    },
    /** Signs out, first showing any unsent actions that signing out would drop. */
    signOut: async (force = false): Promise<void> => {
      get().setOverlay(null);
      const result = unwrap(await api.session.signOut({ force }));
      if (result && !result.signedOut && result.unsent.length > 0) {
        get().setOverlay({ kind: 'signOut', unsent: result.unsent.length });
      }
    },
    refresh: async (): Promise<void> => {
      unwrap(await api.inbox.refresh());
    },
    move,
    /**
     * Enter: opens the details; on a row whose details are open and that a rule suggests a decision
     * for, a second Enter accepts it (so the admin has seen the scopes before a rule's decision).
     */
    openDetail: (): void => {
      const s = get();
      if (!inRequests() || !s.activeId) return;
      if (!s.detailOpen) s.setDetailOpen(true);
      else void suggestions.acceptActive();
    },
    /** Esc: close a dialog, else clear the bulk selection, else close the details. */
    back: (): void => {
      const s = get();
      if (s.overlay) s.setOverlay(null);
      else if (s.picked.size > 0) s.clearPicked();
      else s.setDetailOpen(false);
    },
    togglePick: (): void => {
      const id = inRequests() ? get().activeId : null;
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
    decide,
    /** Shows Requests, Approved or Restricted (the tabs, `g r`, `g a`, `g x`). */
    showView: inventory.show,
    inventory,
    preapproval,
    /** The Rules view's calls: list, dry-run a draft, save personal rules. */
    rules: createRulesController(api),
    /** "Accept suggestion" (`s`) and "Accept all suggestions" (palette). */
    suggestions,
    /** The queue panel folded or not, the key hint dismissed: remembered by main's settings. */
    preferences: createPreferences(api, store, unwrap),
    /** App icons from main's cache (data: URLs); letters stand in where there is none. */
    icons: createIconCache(api),
    askUninstall: (): void => {
      if (!inRequests()) return inventory.askUninstall();
      const id = get().activeId;
      if (id) get().setOverlay({ kind: 'uninstall', requestId: id });
    },
    confirmUninstall: async (requestId: string): Promise<void> => {
      const acct = account();
      const r = get().byId.get(requestId);
      get().setOverlay(null);
      if (!acct || !r) return;
      const s = get();
      const action = buildDecision('uninstall', r, { ...acct, level: s.level, note: s.note });
      const where = s.level === 'org' ? acct.enterpriseName : r.teamName;
      if (await enqueue([action], `Uninstall queued for ${r.appName} on ${where}`)) get().setNote('');
    },
    undoLast: async (): Promise<void> => {
      const result = await api.actions.undoLast();
      if (!result.ok) return void get().showError(result.error);
      get().announce(result.value ? `Undid ${result.value.label}` : 'Nothing left to undo');
    },
    undo: async (id: string): Promise<void> => void unwrap(await api.actions.undo({ id })),
    retry: async (id: string): Promise<void> => void unwrap(await api.actions.retry({ id })),
    discard: async (id: string): Promise<void> => void unwrap(await api.actions.discard({ id })),
    exportAudit: async (format: 'csv' | 'json'): Promise<void> => {
      const file = unwrap(await api.audit.export({ format }));
      if (!file) return;
      const url = URL.createObjectURL(new Blob([file.content], { type: file.mimeType }));
      const a = document.createElement('a');
      a.href = url;
      a.download = file.fileName;
      document.body.append(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 1000);
      get().announce(`Exported ${file.fileName}`);
    },
    askOpenLink: (url: string): void => {
      if (isSafeLink(url)) get().setOverlay({ kind: 'link', url });
    },
    openLink: async (url: string): Promise<void> => {
      get().setOverlay(null);
      if (!isSafeLink(url)) return;
      const appId = inRequests() ? undefined : inventory.active()?.appId;
      const requestId = appId ? undefined : get().detail?.id;
      const opened = unwrap(
        await api.app.openExternal(requestId ? { url, requestId } : appId ? { url, appId } : { url }),
      );
      if (opened && !opened.opened) win.open(url, '_blank', 'noopener,noreferrer');
    },
    /** "Review and re-queue": decisions saved from a damaged database. */
    openReview: (): void => get().setOverlay({ kind: 'review' }),
    /** Puts saved decisions back in the queue as needs attention; says what was skipped and why. */
    requeueSaved: async (file: string, ids: string[]): Promise<void> => {
      const result = unwrap(await api.recovery.requeue({ file, ids }));
      await loadSaved();
      if (!result) return;
      const n = result.requeued.length;
      get().announce(`${n} decision${n === 1 ? '' : 's'} back in the queue, waiting for you to retry`);
      if (result.skipped.length > 0) {
        const why = result.skipped.map((s) => s.reason).join(' ');
        get().showError({ code: 'invalid_input', message: `${result.skipped.length} not re-queued: ${why}` });
      }
      if (get().saved.length === 0) get().setOverlay(null);
    },
    /** Hides a file of saved decisions from review (it stays on disk). */
    dismissSaved: async (file: string): Promise<void> => {
      unwrap(await api.recovery.dismiss({ file }));
      await loadSaved();
      if (get().saved.length === 0) get().setOverlay(null);
    },
    setSingleKeyShortcuts: async (on: boolean): Promise<void> => {
      const settings = unwrap(await api.settings.set({ singleKeyShortcuts: on }));
      if (settings) get().setSettings(settings);
    },
    /** Turns desktop notifications for new requests on or off. */
    setNotifications: async (on: boolean): Promise<void> => {
      const settings = unwrap(await api.settings.set({ notifications: on }));
      if (settings) get().setSettings(settings);
    },
    /** Changes how many days a request may wait before it is overdue. */
    setOverdueAfterDays: async (days: number): Promise<void> => {
      const settings = unwrap(await api.settings.set({ overdueAfterDays: days }));
      if (settings) get().setSettings(settings);
    },
  };
};
