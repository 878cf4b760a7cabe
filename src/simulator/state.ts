/** The simulator's live, inspectable state: pending requests, resolutions, tokens and a call log. */
import { randomBytes } from 'node:crypto';
import type { AppRequest, ResolutionStatus, Scope } from '../shared/slack-types';
import type { CatalogApp, OrgData, SimResolution, SimTeam, SimUser } from './types';

/** How a request left the pending list. */
export type RequestOutcome = ResolutionStatus | 'cancelled';

/** A request that is no longer pending, kept so repeat actions answer request_already_resolved. */
export type ClosedRequest = { request: AppRequest; outcome: RequestOutcome; actor_id: string; at: number };

/** One API call as the simulator saw it (tokens are never logged). */
export type CallRecord = {
  at: number;
  method: string;
  params: Record<string, string>;
  status: number;
  ok: boolean;
  error?: string;
};

/** One admin.apps.uninstall that succeeded. */
export type UninstallRecord = { app_id: string; team_ids?: string[]; enterprise_id?: string; at: number };

/** A token the simulator accepts until it is revoked. */
export type TokenInfo = { user: SimUser; revoked: boolean };

/** Live simulator state; tests read it directly, handlers change it through its methods. */
export type SimulatorState = {
  readonly org: OrgData;
  readonly teams: Map<string, SimTeam>;
  readonly apps: Map<string, CatalogApp>;
  pending: Map<string, AppRequest>;
  closed: Map<string, ClosedRequest>;
  /** Keyed by resolutionKey(app_id, target). */
  resolutions: Map<string, SimResolution>;
  uninstalls: UninstallRecord[];
  calls: CallRecord[];
  tokens: Map<string, TokenInfo>;
  /** Pending requests at one workspace (team ID) or at org level (enterprise ID), newest first. */
  pendingFor(target: string): AppRequest[];
  /** Records a resolution and closes every pending request it covers (all workspaces when org-level). */
  resolve(appId: string, target: string, status: ResolutionStatus, scopes: Scope[], actorId: string): void;
  /** Closes one pending request without a resolution (admin.apps.requests.cancel). */
  cancel(requestId: string, actorId: string): void;
  /** Mints another valid admin token, e.g. to test per-token rate limits; `rotating` ones look like xoxe.xoxp-… */
  issueToken(options?: { rotating?: boolean }): string;
  /** Revokes a token (auth.revoke, OAuth token rotation tests). */
  revokeToken(token: string): void;
  /** Restores the org as it was at startup (tokens included). */
  reset(): void;
};

/** The key a resolution is stored under. */
export const resolutionKey = (appId: string, target: string): string => `${appId}@${target}`;

/** Current time in Slack's unit (seconds). */
export const nowSeconds = (): number => Math.floor(Date.now() / 1000);

// Newest first, ID as tie-breaker: the order every list method pages through.
const byNewest = (a: AppRequest, b: AppRequest): number =>
  b.date_created - a.date_created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const CALL_LOG_CAP = 50_000;

/** Builds the state for an org. */
export function createState(org: OrgData): SimulatorState {
  const state: SimulatorState = {
    org,
    teams: new Map(org.teams.map((t) => [t.id, t])),
    apps: new Map(org.apps.map((a) => [a.app.id, a])),
    pending: new Map(),
    closed: new Map(),
    resolutions: new Map(),
    uninstalls: [],
    calls: [],
    tokens: new Map(),
    pendingFor(target) {
      const out: AppRequest[] = [];
      for (const r of state.pending.values()) if (r.team.id === target) out.push(r);
      return out.sort(byNewest);
    },
    resolve(appId, target, status, scopes, actorId) {
      const at = nowSeconds();
      state.resolutions.set(resolutionKey(appId, target), {
        app_id: appId,
        target,
        status,
        scopes,
        date_updated: at,
        actor_id: actorId,
      });
      const orgWide = target === org.enterprise.id;
      for (const r of [...state.pending.values()]) {
        if (r.app.id !== appId || (!orgWide && r.team.id !== target)) continue;
        state.pending.delete(r.id);
        state.closed.set(r.id, { request: r, outcome: status, actor_id: actorId, at });
      }
    },
    cancel(requestId, actorId) {
      const r = state.pending.get(requestId);
      if (!r) return;
      state.pending.delete(requestId);
      state.closed.set(requestId, { request: r, outcome: 'cancelled', actor_id: actorId, at: nowSeconds() });
    },
    issueToken(options) {
      const token = `${options?.rotating ? 'xoxe.' : ''}xoxp-${Date.now()}-${randomBytes(12).toString('hex')}`;
      state.tokens.set(token, { user: org.admin, revoked: false });
      return token;
    },
    revokeToken(token) {
      const info = state.tokens.get(token);
      if (info) info.revoked = true;
    },
    reset() {
      state.pending = new Map(org.requests.map((r) => [r.id, r]));
      state.closed = new Map();
      state.resolutions = new Map(org.resolutions.map((r) => [resolutionKey(r.app_id, r.target), { ...r }]));
      state.uninstalls = [];
      state.calls = [];
      state.tokens = new Map([[org.adminToken, { user: org.admin, revoked: false }]]);
    },
  };
  state.reset();
  return state;
}

/** Appends to the call log, dropping the oldest entries past a cap so long benchmarks stay bounded. */
export function logCall(state: SimulatorState, record: CallRecord): void {
  state.calls.push(record);
  if (state.calls.length > CALL_LOG_CAP) state.calls.splice(0, state.calls.length - CALL_LOG_CAP);
}
