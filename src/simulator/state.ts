/** The simulator's live, inspectable state: pending requests, resolutions, tokens and a call log. */
import { randomBytes } from 'node:crypto';
import {
  requestTarget,
  type CatalogApp,
  type OrgData,
  type SimRequest,
  type SimResolution,
  type SimTeam,
  type SimUser,
} from './types';
import type { WireResolutionStatus, WireScope } from './wire-types';

/** How a request left the pending list. */
export type RequestOutcome = WireResolutionStatus | 'cancelled';

/** A request that is no longer pending, kept so repeat actions answer request_already_resolved. */
export type ClosedRequest = { request: SimRequest; outcome: RequestOutcome; actor_id: string; at: number };

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

/** A token the simulator accepts until it is revoked or (rotating ones) expires. */
export type TokenInfo = {
  user: SimUser;
  revoked: boolean;
  /** The Slack app (client id) the token was issued to: rate budgets belong to it. */
  clientId: string;
  /** Granted scopes, sent back in the `x-oauth-scopes` header. */
  scopes: string[];
  rotating: boolean;
  /** ms since epoch; null for tokens that never expire. */
  expiresAt: number | null;
};

/** How to mint a token. Rotating tokens look like xoxe.xoxp-… and expire after ttlSeconds. */
export type IssueTokenOptions = {
  rotating?: boolean;
  /** Lifetime of a rotating token (Slack's `expires_in`); default 12 hours. Ignored when not rotating. */
  ttlSeconds?: number;
  /** Granted scopes; default the demo admin's (admin.apps:read, admin.apps:write, admin.teams:read). */
  scopes?: readonly string[];
  /** The Slack app the token belongs to; default the simulator's Admit app. */
  clientId?: string;
};

/** The client id of the Slack app the simulator's tokens are issued to, unless told otherwise. */
export const SIMULATOR_CLIENT_ID = '1000000001.2000000002';

/** The scopes the demo admin's tokens carry. */
export const ADMIN_TOKEN_SCOPES: readonly string[] = [
  'admin.apps:read',
  'admin.apps:write',
  'admin.teams:read',
];

/** Slack's access-token lifetime with rotation on (its examples show expires_in 43200). */
export const DEFAULT_ROTATING_TTL_SECONDS = 43_200;

/** Live simulator state; tests read it directly, handlers change it through its methods. */
export type SimulatorState = {
  readonly org: OrgData;
  readonly teams: Map<string, SimTeam>;
  /** The catalog, with per-app facts (certified, org-deployed) tests may change; reset restores it. */
  apps: Map<string, CatalogApp>;
  pending: Map<string, SimRequest>;
  closed: Map<string, ClosedRequest>;
  /** Keyed by resolutionKey(app_id, target). */
  resolutions: Map<string, SimResolution>;
  uninstalls: UninstallRecord[];
  calls: CallRecord[];
  tokens: Map<string, TokenInfo>;
  /** The simulator's clock in ms (Date.now unless the simulator was given another). */
  now(): number;
  /** Pending requests at one workspace (team ID) or made at org level (enterprise ID), newest first. */
  pendingFor(target: string): SimRequest[];
  /** Is this app certified in the catalog? */
  isCertified(appId: string): boolean;
  /**
   * Records a resolution and closes every pending request it covers (all of the app's requests when
   * org-level). An org-wide restriction also voids the app's workspace approvals.
   */
  resolve(
    appId: string,
    target: string,
    status: WireResolutionStatus,
    scopes: WireScope[],
    actorId: string,
  ): void;
  /** Closes one pending request without a resolution (admin.apps.requests.cancel). */
  cancel(requestId: string, actorId: string): void;
  /** Mints another valid token (by default an admin token of the simulator's app). */
  issueToken(options?: IssueTokenOptions): string;
  /** Revokes a token (auth.revoke, OAuth token rotation tests). */
  revokeToken(token: string): void;
  /** Restores the org as it was at startup (tokens and catalog included). */
  reset(): void;
};

/** The key a resolution is stored under. */
export const resolutionKey = (appId: string, target: string): string => `${appId}@${target}`;

// Newest first, ID as tie-breaker: the order every list method pages through.
const byNewest = (a: SimRequest, b: SimRequest): number =>
  b.date_created - a.date_created || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

const CALL_LOG_CAP = 50_000;

/** How the state is built: a clock (ms) for tests that move time. */
export type StateOptions = { now?: () => number };

/**
 * An admin resolved an app at a target: the resolution is recorded and the requests it answers are
 * closed (at the whole org, every workspace's); an org-wide restriction voids workspace approvals.
 */
function applyResolution(
  state: SimulatorState,
  at: number,
  r: { appId: string; target: string; status: WireResolutionStatus; scopes: WireScope[]; actorId: string },
): void {
  const { appId, target, status, scopes, actorId } = r;
  const orgWide = target === state.org.enterprise.id;
  if (orgWide && status === 'restricted') {
    // Slack's restrict docs: restricting an app for the whole org voids its workspace approvals.
    for (const [key, res] of state.resolutions)
      if (res.app_id === appId && res.target !== target && res.status === 'approved')
        state.resolutions.delete(key);
  }
  state.resolutions.set(resolutionKey(appId, target), {
    app_id: appId,
    target,
    status,
    scopes,
    date_updated: at,
    actor_id: actorId,
  });
  for (const req of [...state.pending.values()]) {
    if (req.app.id !== appId || (!orgWide && requestTarget(req) !== target)) continue;
    state.pending.delete(req.id);
    state.closed.set(req.id, { request: req, outcome: status, actor_id: actorId, at });
  }
}

/** Builds the state for an org. */
export function createState(org: OrgData, options: StateOptions = {}): SimulatorState {
  const now = options.now ?? Date.now;
  const seconds = (): number => Math.floor(now() / 1000);
  const adminToken = (): TokenInfo => ({
    user: org.admin,
    revoked: false,
    clientId: SIMULATOR_CLIENT_ID,
    scopes: [...ADMIN_TOKEN_SCOPES],
    rotating: false,
    expiresAt: null,
  });
  const state: SimulatorState = {
    org,
    teams: new Map(org.teams.map((t) => [t.id, t])),
    apps: new Map(),
    pending: new Map(),
    closed: new Map(),
    resolutions: new Map(),
    uninstalls: [],
    calls: [],
    tokens: new Map(),
    now,
    pendingFor(target) {
      const out: SimRequest[] = [];
      for (const r of state.pending.values()) if (requestTarget(r) === target) out.push(r);
      return out.sort(byNewest);
    },
    isCertified(appId) {
      return state.apps.get(appId)?.certified === true;
    },
    resolve(appId, target, status, scopes, actorId) {
      applyResolution(state, seconds(), { appId, target, status, scopes, actorId });
    },
    cancel(requestId, actorId) {
      const r = state.pending.get(requestId);
      if (!r) return;
      state.pending.delete(requestId);
      state.closed.set(requestId, { request: r, outcome: 'cancelled', actor_id: actorId, at: seconds() });
    },
    issueToken(opts = {}) {
      const rotating = opts.rotating === true;
      const token = `${rotating ? 'xoxe.' : ''}xoxp-${now()}-${randomBytes(12).toString('hex')}`;
      state.tokens.set(token, {
        user: org.admin,
        revoked: false,
        clientId: opts.clientId ?? SIMULATOR_CLIENT_ID,
        scopes: [...(opts.scopes ?? ADMIN_TOKEN_SCOPES)],
        rotating,
        expiresAt: rotating ? now() + (opts.ttlSeconds ?? DEFAULT_ROTATING_TTL_SECONDS) * 1000 : null,
      });
      return token;
    },
    revokeToken(token) {
      const info = state.tokens.get(token);
      if (info) info.revoked = true;
    },
    reset() {
      state.apps = new Map(org.apps.map((a) => [a.app.id, { ...a }]));
      state.pending = new Map(org.requests.map((r) => [r.id, r]));
      state.closed = new Map();
      state.resolutions = new Map(org.resolutions.map((r) => [resolutionKey(r.app_id, r.target), { ...r }]));
      state.uninstalls = [];
      state.calls = [];
      state.tokens = new Map([[org.adminToken, adminToken()]]);
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
