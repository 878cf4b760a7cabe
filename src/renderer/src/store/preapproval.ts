/**
 * "Approve or restrict an app by ID": a decision on an app nobody has requested yet, for some
 * workspaces or the whole org. The form is checked here (Slack's ID and scope shapes, from the
 * zod-free shared/contract-limits.ts; main checks them again with the contract's schemas), then queued through the same durable queue as every other decision: one action
 * per workspace, or one with the org's enterprise_id.
 */
import type { ActionRequest } from '../../../shared/actions';
import type { AdmitApi } from '../../../shared/contract';
import { appIdProblem, isScopeName, MAX_SCOPES } from '../../../shared/contract-limits';
import type { Result } from '../../../shared/result';
import type { AppStore } from './app-store';
import { workspacesOf } from './inbox-model';

export type PreapprovalForm = {
  appId: string;
  decision: 'approve' | 'restrict';
  where: 'workspaces' | 'org';
  teamIds: readonly string[];
  /** Comma or space separated; empty means "every bot scope the app requests". */
  botScopes: string;
  userScopes: string;
  note: string;
};

export type PreapprovalField = 'appId' | 'where' | 'botScopes' | 'userScopes';
export type PreapprovalErrors = Partial<Record<PreapprovalField, string>>;

export type Place = { id: string; name: string };

export type PreapprovalContext = {
  enterpriseId: string;
  enterpriseName: string;
  workspaces: readonly Place[];
  /** The app's name if Admit has seen it (a request, an inventory row): shown in the queue. */
  appName?: string;
};

export type PreapprovalPlan =
  { ok: true; actions: ActionRequest[]; what: string } | { ok: false; errors: PreapprovalErrors };

/** Splits a comma or space separated list of scope names; names that are not scopes are returned apart. */
export const parseScopeList = (text: string): { scopes: string[]; invalid: string[] } => {
  const names = [...new Set(text.split(/[\s,]+/).filter(Boolean))];
  return {
    scopes: names.filter((n) => isScopeName(n)),
    invalid: names.filter((n) => !isScopeName(n)),
  };
};

const scopeError = (text: string, label: string): { scopes: string[]; error?: string } => {
  const { scopes, invalid } = parseScopeList(text);
  if (invalid.length > 0) {
    const shown = invalid.slice(0, 3).map((n) => (n.length > 40 ? `${n.slice(0, 40)}…` : n));
    return {
      scopes,
      error: `Not ${invalid.length > 1 ? 'scope names' : 'a scope name'}: ${shown.join(', ')}. Use names like chat:write, separated by commas or spaces.`,
    };
  }
  if (scopes.length > MAX_SCOPES) return { scopes, error: `At most ${MAX_SCOPES} ${label} scopes.` };
  return { scopes };
};

/** Checks the form and builds the actions to queue, or says what is wrong with each field. */
export const planPreapproval = (form: PreapprovalForm, ctx: PreapprovalContext): PreapprovalPlan => {
  const errors: PreapprovalErrors = {};
  const appId = form.appId.trim();
  const problem = appIdProblem(appId);
  if (!appId) errors.appId = 'Enter the app’s ID, like A0123ABCDEF.';
  else if (problem) {
    errors.appId = `Not an app ID (${problem}). App IDs are A followed by capital letters and digits, like A0123ABCDEF.`;
  }
  const names = new Map(ctx.workspaces.map((w) => [w.id, w.name]));
  const teamIds = form.teamIds.filter((t) => names.has(t));
  if (form.where === 'workspaces' && teamIds.length === 0) {
    errors.where = 'Choose at least one workspace, or the whole org.';
  }
  const bot = form.decision === 'approve' ? scopeError(form.botScopes, 'bot') : { scopes: [] };
  const user = form.decision === 'approve' ? scopeError(form.userScopes, 'user') : { scopes: [] };
  if (bot.error) errors.botScopes = bot.error;
  if (user.error) errors.userScopes = user.error;
  if (Object.keys(errors).length > 0) return { ok: false, errors };

  // Never an empty list: Slack reads one as "every requested scope" (see shared/approval.ts).
  const scopes = {
    ...(bot.scopes.length > 0 ? { botScopes: bot.scopes } : {}),
    ...(user.scopes.length > 0 ? { userScopes: user.scopes } : {}),
  };
  const common = {
    appId,
    ...(ctx.appName ? { appName: ctx.appName } : {}),
    ...(form.note.trim() ? { note: form.note.trim() } : {}),
  };
  const targets =
    form.where === 'org'
      ? [{ target: { enterpriseId: ctx.enterpriseId }, targetName: ctx.enterpriseName }]
      : teamIds.map((teamId) => ({ target: { teamId }, targetName: names.get(teamId) ?? teamId }));
  const actions: ActionRequest[] = targets.map((t) =>
    form.decision === 'approve'
      ? { kind: 'approve', ...common, ...t, ...scopes }
      : { kind: 'restrict', ...common, ...t },
  );
  const verb = form.decision === 'approve' ? 'Approve' : 'Restrict';
  const where = form.where === 'org' ? ctx.enterpriseName : targets.map((t) => t.targetName).join(', ');
  return { ok: true, actions, what: `${verb} queued for ${ctx.appName ?? appId} on ${where}` };
};

export type PreapprovalDeps = {
  unwrap: <T>(result: Result<T>) => T | undefined;
  /** Queues the actions and announces `what` once main has them on disk. */
  enqueue: (actions: ActionRequest[], what: string) => Promise<boolean>;
};

/** Binds the dialog to the API: the org's workspaces, and queueing what the admin chose. */
export const createPreapprovalController = (api: AdmitApi, store: AppStore, deps: PreapprovalDeps) => {
  const get = store.getState;
  const account = () => {
    const s = get().session;
    return s?.status === 'signed_in' ? s.account : null;
  };
  /** The name Admit knows for an app ID, from the inbox or the inventories. */
  const appNameOf = (appId: string): string | undefined => {
    const s = get();
    for (const r of s.byId.values()) if (r.appId === appId) return r.appName;
    return [...s.inventories.approved.items, ...s.inventories.restricted.items].find((i) => i.appId === appId)
      ?.appName;
  };
  return {
    open: (): void => get().setOverlay({ kind: 'preapprove' }),
    /** Every workspace of the org the last sync read, plus any the inbox names, by name. */
    workspaces: async (): Promise<Place[]> => {
      const found = new Map<string, string>();
      for (const w of workspacesOf(get().byId)) if (w.id.startsWith('T')) found.set(w.id, w.name);
      const synced = deps.unwrap(await api.sync.targets());
      for (const t of synced ?? []) if (t.level === 'workspace') found.set(t.target, t.name);
      return [...found].map(([id, name]) => ({ id, name })).sort((a, b) => a.name.localeCompare(b.name));
    },
    /** Queues the decision; returns the form's errors instead when it cannot be sent as filled in. */
    submit: async (form: PreapprovalForm, workspaces: readonly Place[]): Promise<PreapprovalErrors> => {
      const acct = account();
      if (!acct) return {};
      const appName = appNameOf(form.appId.trim());
      const plan = planPreapproval(form, { ...acct, workspaces, ...(appName ? { appName } : {}) });
      if (!plan.ok) return plan.errors;
      if (await deps.enqueue(plan.actions, plan.what)) get().setOverlay(null);
      return {};
    },
  };
};

export type PreapprovalController = ReturnType<typeof createPreapprovalController>;
