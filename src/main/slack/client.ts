/**
 * Admit's Slack admin client: the @slack/web-api WebClient with the SDK's retries off (the action
 * queue owns retries), every call validated, paced by the rate limiter, and answered with parsed data
 * or a SlackApiError. Its lists are read page by page in list-pages.ts.
 */
import { LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import type { z } from 'zod';
import type { AppRequest, AuthTest, ResolvedApp, Team } from '../../shared/models';
import { toSlackApiError } from './errors';
import { createRateLimiter, type RateLimiter } from './rate-limiter';
import {
  checkIdShapes,
  MAX_LIMIT,
  requireArg,
  requireExactlyOne,
  scopeList,
  uninstallTeams,
} from './validate';
import { prepareRequest, type PreparedRequest } from '../store/prepared-rows';
import { sliceDue, yieldNow } from '../time/slices';
import { ListWorkerGone, type ListWorker, type WorkerRead, type WriteTo } from './list-worker-port';
import { toAuthTest, toTeam, WireAuthTestSchema, WireTeamSchema } from './wire';
import {
  list,
  listRequests,
  malformed,
  resolvedBoth,
  type Body,
  type Call,
  type Listed,
  type Lister,
  type OnPage,
  type Page,
} from './list-pages';
import type { SlackTarget } from './target';

export type { SlackTarget } from './target';

/** How to build a client for one signed-in org. */
export type SlackClientOptions = {
  /** The token, or a provider that returns a fresh one before each call (token rotation). */
  token: string | (() => Promise<string>);
  /** Base URL of Slack's Web API, e.g. https://slack.com/api/ or the simulator's. */
  apiUrl: string;
  /** The org this token belongs to; the limiter's budgets are per org. */
  orgId: string;
  /** HTTP transport: Electron passes `net.fetch`; defaults to Node's global fetch. */
  fetch?: typeof fetch;
  limiter?: Pick<RateLimiter, 'acquire' | 'pause'>;
  /**
   * Where `readRequests` parses and prepares pages off the main thread; without one (or once it
   * failed) it does the same work here, in slices.
   */
  listWorker?: ListWorker;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** Page size for list methods (1–1000); default 1000. */
  pageSize?: number;
};

export { MAX_PAGE_RATE_LIMIT_RETRIES, type Listed, type OnPage, type PageProgress } from './list-pages';

/**
 * A target's pending requests as rows ready for the store, or (when the read was asked to write
 * them and the worker did) what the write changed; and the items skipped.
 */
export type PreparedList = WorkerRead;

/** Arguments of admin.apps.approve; scopes are lists here and comma lists on the wire. */
export type ApproveArgs = {
  request_id?: string;
  app_id?: string;
  team_id?: string;
  enterprise_id?: string;
  bot_scopes?: string[];
  user_scopes?: string[];
  allow_child_auto_install?: boolean;
};
/** Arguments of admin.apps.restrict. */
export type RestrictArgs = { request_id?: string; app_id?: string; team_id?: string; enterprise_id?: string };
/** Arguments of admin.apps.requests.cancel. */
export type CancelRequestArgs = { request_id: string; team_id?: string; enterprise_id?: string };
/** Arguments of admin.apps.clearResolution. */
export type ClearResolutionArgs = { app_id: string; team_id?: string; enterprise_id?: string };
/** Arguments of admin.apps.uninstall: the org, or up to 100 workspaces. */
export type UninstallArgs = { app_id: string; enterprise_id?: string; team_ids?: string[] };

/** The Slack admin operations Admit uses, for one org. */
export type SlackAdminClient = {
  /** api.test: can we reach Slack at all? */
  apiTest(): Promise<void>;
  /** auth.test: who is this token? */
  authTest(): Promise<AuthTest>;
  /** auth.revoke: sign out at Slack. */
  authRevoke(): Promise<void>;
  /** admin.teams.list, every page. */
  listTeams(onPage?: OnPage<Team>): Promise<Listed<Team>>;
  /** admin.apps.requests.list, every page, certified apps' requests included. */
  listRequests(target: SlackTarget, onPage?: OnPage<AppRequest>): Promise<Listed<AppRequest>>;
  /**
   * The same list as rows ready for the store, read on the list worker when there is one; with
   * `writeTo`, the worker also writes them (the result says which happened).
   */
  readRequests(
    target: SlackTarget,
    onPage?: (p: { rows: number }) => void,
    writeTo?: WriteTo,
  ): Promise<PreparedList>;
  /** admin.apps.approved.list, every page of both the uncertified and the certified variant. */
  listApproved(target: SlackTarget, onPage?: OnPage<ResolvedApp>): Promise<Listed<ResolvedApp>>;
  /** admin.apps.restricted.list, every page of both variants. */
  listRestricted(target: SlackTarget, onPage?: OnPage<ResolvedApp>): Promise<Listed<ResolvedApp>>;
  /** admin.apps.approve. */
  approve(a: ApproveArgs): Promise<void>;
  /** admin.apps.restrict. */
  restrict(a: RestrictArgs): Promise<void>;
  /** admin.apps.requests.cancel. */
  cancelRequest(a: CancelRequestArgs): Promise<void>;
  /** admin.apps.clearResolution. */
  clearResolution(a: ClearResolutionArgs): Promise<void>;
  /** admin.apps.uninstall. */
  uninstall(a: UninstallArgs): Promise<void>;
};

const DEFAULT_TIMEOUT_MS = 30_000;

/** Builds the WebClient options Admit always uses (exported so tests can assert them). */
export function webClientOptions(o: SlackClientOptions): WebClientOptions {
  return {
    slackApiUrl: o.apiUrl.endsWith('/') ? o.apiUrl : `${o.apiUrl}/`,
    // Every HTTP request of WebClient v8 goes through this function (WebClient.makeRequest → fetchFn).
    fetch: o.fetch ?? globalThis.fetch,
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: o.timeoutMs ?? DEFAULT_TIMEOUT_MS,
    logLevel: LogLevel.ERROR,
    // Never `teamId`: each call names its own team_id / enterprise_id.
  };
}

/**
 * The org's calls: each waits for its rate slot, then goes through the WebClient of the current token
 * (one WebClient per token value: a rotated token gets a fresh client, so the old one is never
 * reused); a 429 pauses the method in the limiter, and every failure is a SlackApiError.
 */
const createCall = (o: SlackClientOptions, limiter: Pick<RateLimiter, 'acquire' | 'pause'>): Call => {
  let web: { token: string; client: WebClient } | null = null;
  const clientFor = async (): Promise<WebClient> => {
    const token = typeof o.token === 'string' ? o.token : await o.token();
    if (web?.token !== token) web = { token, client: new WebClient(token, webClientOptions(o)) };
    return web.client;
  };
  return async (method, body) => {
    await limiter.acquire(o.orgId, method);
    const client = await clientFor(); // a failing token provider speaks for itself (e.g. "sign in again")
    try {
      return (await client.apiCall(method, body)) as unknown as Page;
    } catch (err) {
      const e = toSlackApiError(err, method);
      if (e.retryAfterMs !== undefined) limiter.pause(o.orgId, method, e.retryAfterMs);
      throw e;
    }
  };
};

/**
 * A target's requests as rows for the store: read (and, with `writeTo`, written) on the list worker
 * when there is one; without it, or once it is gone, listed and prepared on this thread, in slices.
 */
const readRequests = async (
  o: SlackClientOptions,
  l: Lister & { limiter: Pick<RateLimiter, 'acquire' | 'pause'> },
  t: SlackTarget,
  onPage?: (p: { rows: number }) => void,
  writeTo?: WriteTo,
): Promise<PreparedList> => {
  const worker = o.listWorker;
  if (worker?.available) {
    try {
      const job = {
        apiUrl: o.apiUrl,
        orgId: o.orgId,
        target: t,
        pageSize: l.pageSize,
        timeoutMs: o.timeoutMs,
        writeTo,
      };
      return await worker.readRequests(job, {
        // Without a host fetch the worker's own Node fetch is the same transport as this thread's.
        fetch: o.fetch,
        token: async () => (typeof o.token === 'string' ? o.token : o.token()),
        pacer: l.limiter,
        onPage: (rows) => onPage?.({ rows }),
      });
    } catch (error) {
      if (!(error instanceof ListWorkerGone)) throw error;
      // The worker is gone: read this target again here (its pages so far are dropped).
    }
  }
  const listed = await listRequests(l, t, (p) => onPage?.({ rows: p.items.length }));
  return { rows: await prepareInSlices(listed.items), written: null, skipped: listed.skipped };
};

/** The arguments of a decision on an app or a request: exactly one of each pair, each well formed. */
const resolve = (method: string, a: RestrictArgs): Body => {
  requireExactlyOne(method, a, 'app_id', 'request_id');
  requireExactlyOne(method, a, 'team_id', 'enterprise_id');
  checkIdShapes(method, a);
  return { app_id: a.app_id, request_id: a.request_id, team_id: a.team_id, enterprise_id: a.enterprise_id };
};

type Decisions = Pick<
  SlackAdminClient,
  'approve' | 'restrict' | 'cancelRequest' | 'clearResolution' | 'uninstall'
>;

/** The calls that change an app's state, each checking its arguments before anything is sent. */
const decisions = (call: Call): Decisions => ({
  async approve(a) {
    const m = 'admin.apps.approve';
    const body = resolve(m, a);
    body.bot_scopes = scopeList(m, 'bot_scopes', a.bot_scopes);
    body.user_scopes = scopeList(m, 'user_scopes', a.user_scopes);
    body.allow_child_auto_install = a.allow_child_auto_install;
    await call(m, body);
  },
  async restrict(a) {
    const m = 'admin.apps.restrict';
    await call(m, resolve(m, a));
  },
  async cancelRequest(a) {
    const m = 'admin.apps.requests.cancel';
    requireArg(m, a, 'request_id');
    requireExactlyOne(m, a, 'team_id', 'enterprise_id');
    checkIdShapes(m, a);
    await call(m, { request_id: a.request_id, team_id: a.team_id, enterprise_id: a.enterprise_id });
  },
  async clearResolution(a) {
    const m = 'admin.apps.clearResolution';
    requireArg(m, a, 'app_id');
    requireExactlyOne(m, a, 'team_id', 'enterprise_id');
    checkIdShapes(m, a);
    await call(m, { app_id: a.app_id, team_id: a.team_id, enterprise_id: a.enterprise_id });
  },
  async uninstall(a) {
    const m = 'admin.apps.uninstall';
    requireArg(m, a, 'app_id');
    checkIdShapes(m, { app_id: a.app_id, enterprise_id: a.enterprise_id });
    const team_ids = uninstallTeams(m, a);
    await call(m, { app_id: a.app_id, enterprise_id: a.enterprise_id, team_ids });
  },
});

/** Creates the admin client for one org. */
export function createSlackAdminClient(o: SlackClientOptions): SlackAdminClient {
  const limiter = o.limiter ?? createRateLimiter();
  const call = createCall(o, limiter);
  const lister = { call, pageSize: o.pageSize ?? MAX_LIMIT, limiter };

  return {
    async apiTest() {
      await call('api.test', {});
    },
    async authTest() {
      const res = await call('auth.test', {});
      // WebClient copies Slack's x-oauth-scopes header into response_metadata.scopes.
      const meta = res['response_metadata'] as { scopes?: unknown } | undefined;
      const scopes = Array.isArray(meta?.scopes) ? meta.scopes.filter((x) => typeof x === 'string') : null;
      return toAuthTest(parse('auth.test', WireAuthTestSchema, res, 'body'), scopes);
    },
    async authRevoke() {
      await call('auth.revoke', {});
    },
    listTeams: async (onPage) =>
      list(lister, 'admin.teams.list', 'teams', WireTeamSchema, toTeam, {}, onPage),
    listRequests: async (t, onPage) => listRequests(lister, t, onPage),
    readRequests: async (t, onPage, writeTo) => readRequests(o, lister, t, onPage, writeTo),
    listApproved: async (t, onPage) =>
      resolvedBoth(lister, 'admin.apps.approved.list', 'approved_apps', t, onPage),
    listRestricted: async (t, onPage) =>
      resolvedBoth(lister, 'admin.apps.restricted.list', 'restricted_apps', t, onPage),
    ...decisions(call),
  };
}

/** Prepares rows on the main thread, yielding between slices. */
export async function prepareInSlices(requests: readonly AppRequest[]): Promise<PreparedRequest[]> {
  const rows: PreparedRequest[] = [];
  for (const request of requests) {
    if (sliceDue()) await yieldNow();
    rows.push(prepareRequest(request));
  }
  return rows;
}

function parse<T>(method: string, schema: z.ZodType<T>, value: unknown, where: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  const path = [where, ...(issue?.path ?? [])].join('.');
  throw malformed(method, `${path}: ${issue?.message ?? 'unexpected shape'}`);
}
