/**
 * Queueing decisions: the selected rows become `ActionRequest`s (decisions.ts), the selection moves on
 * before main answers, and the announcement says "queued" once main has them on disk. Undo, retry and
 * discard act on what is already queued.
 */
import type { ActionRequest } from '../../../shared/actions';
import type { AdmitApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import { afterRender } from './after-render';
import type { AppStore } from './app-store';
import { buildDecision, approvalPlan, kindLabel, type DecisionKind, type Level } from './decisions';
import type { InventoryController } from './inventory-controller';
import { decisionTargets, type Selection } from './selection';
import { inRequests, signedInAccount } from './selectors';
import type { Unwrap } from './unwrap';

/** Queues the actions and announces `what` once main has them on disk. */
export type Enqueue = (actions: ActionRequest[], what: string) => Promise<boolean>;

/** Binds `enqueue`: one action through `actions.enqueue`, several in one `actions.enqueueMany`. */
export const createEnqueue =
  (api: AdmitApi, store: AppStore, unwrap: Unwrap): Enqueue =>
  async (actions, what) => {
    const first = actions[0];
    if (!first) return false;
    const result: Result<unknown> =
      actions.length === 1 ? await api.actions.enqueue(first) : await api.actions.enqueueMany(actions);
    if (unwrap(result) === undefined) return false;
    store.getState().announce(what);
    return true;
  };

type DecisionDeps = {
  unwrap: Unwrap;
  enqueue: Enqueue;
  inventory: InventoryController;
  move: Selection['move'];
};

/** Binds approve, restrict and the other decisions on the selected requests. */
export const createDecide = (store: AppStore, deps: DecisionDeps) => {
  const get = store.getState;
  return async (kind: DecisionKind, levelOverride?: Level): Promise<void> => {
    if (!inRequests(get())) return deps.inventory.decide(kind);
    const acct = signedInAccount(get());
    const rows = decisionTargets(store);
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
    else deps.move(1);
    // Only when there is one: every store update runs every row's selector, before the move is drawn.
    if (s.note !== '') get().setNote('');
    // React renders the move in a microtask; the call to main (a fetch in the browser host, about 1 ms
    // to start) starts after that render is in the DOM, and the frame still paints the move. The
    // decision is still on disk before the announcement says it is queued.
    await afterRender();
    await deps.enqueue(actions, what);
  };
};

/** Binds uninstall (asked, then confirmed) and undo, retry and discard on queued actions. */
export const createQueueCommands = (api: AdmitApi, store: AppStore, deps: DecisionDeps) => {
  const get = store.getState;
  const { unwrap, enqueue, inventory } = deps;
  return {
    askUninstall: (): void => {
      if (!inRequests(get())) return inventory.askUninstall();
      const id = get().activeId;
      if (id) get().setOverlay({ kind: 'uninstall', requestId: id });
    },
    confirmUninstall: async (requestId: string): Promise<void> => {
      const acct = signedInAccount(get());
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
  };
};
