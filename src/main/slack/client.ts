/**
 * Admit's Slack admin client: the @slack/web-api WebClient with the SDK's retries off (the action
 * queue owns retries), every call validated, paced by the rate limiter, and answered with parsed data
 * or a SlackApiError.
 */
import { LogLevel, WebClient, type WebClientOptions } from '@slack/web-api';
import type { z } from 'zod';
import type { AppRequest, AuthTest, ResolvedApp, Team } from '../../shared/models';
import { classifySlackError, SlackApiError, toSlackApiError } from './errors';
import { createRateLimiter, type RateLimiter } from './rate-limiter';
import {
  checkIdShapes,
  checkLimit,
  MAX_LIMIT,
  requireArg,
  requireExactlyOne,
  scopeList,
  uninstallTeams,
} from './validate';
import { prepareRequest, type PreparedRequest } from '../store/prepared-rows';
import { sliceDue, yieldIfDue, yieldNow } from '../time/slices';
import { ListWorkerGone, type ListWorker, type WorkerRead, type WriteTo } from './list-worker-port';
import {
  parseItemsInSlices,
  toAppRequest,
  toAuthTest,
  toResolvedApp,
  toTeam,
  WireAuthTestSchema,
  WireRequestSchema,
  WireResolvedAppSchema,
  WireTeamSchema,
  type ListedAt,
  type SkippedItem,
} from './wire';
import { fromSlackTarget, type SlackTarget } from './target';

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

/** Progress of a paginated list, reported after each page. */
export type PageProgress<T> = { method: string; page: number; items: T[]; total: number };
/** Called after each page of a list. */
export type OnPage<T> = (p: PageProgress<T>) => void;

/** A whole list: the items that parsed, and the ones skipped because they did not (never silently). */
export type Listed<T> = { items: T[]; skipped: SkippedItem[] };

/**
 * A target's pending requests as rows ready for the store, or (when the read was asked to write
 * them and the worker did) what the write changed; and the items skipped.
 */
export type PreparedList = WorkerRead;

/** How many times a list re-reads the same page after a 429 before giving up on it. */
export const MAX_PAGE_RATE_LIMIT_RETRIES = 3;

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

type Body = Record<string, string | number | boolean | undefined>;
type Page = Record<string, unknown> & { response_metadata?: { next_cursor?: string } };

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

/** Creates the admin client for one org. */
export function createSlackAdminClient(o: SlackClientOptions): SlackAdminClient {
  // One WebClient per token value: a rotated token gets a fresh client, so the old one is never reused.
  let web: { token: string; client: WebClient } | null = null;
  const clientFor = async (): Promise<WebClient> => {
    const token = typeof o.token === 'string' ? o.token : await o.token();
    if (web?.token !== token) web = { token, client: new WebClient(token, webClientOptions(o)) };
    return web.client;
  };
  const limiter = o.limiter ?? createRateLimiter();
  const pageSize = o.pageSize ?? MAX_LIMIT;

  const call = async (method: string, body: Body): Promise<Page> => {
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

  /** Reads every page of a list, item by item; a 429 re-reads the same cursor after Retry-After. */
  async function list<W, T>(
    method: string,
    key: string,
    schema: z.ZodType<W>,
    map: (w: W) => T,
    base: Body,
    onPage?: OnPage<T>,
  ): Promise<Listed<T>> {
    checkLimit(method, pageSize);
    const all: T[] = [];
    const skipped: SkippedItem[] = [];
    const seen = new Set<string>();
    let cursor: string | undefined;
    let seenItems = 0;
    for (let page = 1; ; page++) {
      const res = await pageWithRetries(method, { ...base, limit: pageSize, cursor });
      // WebClient has just parsed the page and walked all of it for its debug log in one go: let the
      // event loop answer what waited meanwhile, then validate the items in slices.
      await yieldNow();
      const parsed = await parseItemsInSlices(method, res[key], schema, map, seenItems, yieldIfDue);
      if (!parsed) throw malformed(method, `${key}: expected a list`);
      seenItems += Array.isArray(res[key]) ? res[key].length : 0;
      for (const item of parsed.items) all.push(item);
      for (const item of parsed.skipped) skipped.push(item);
      onPage?.({ method, page, items: parsed.items, total: all.length });
      const next = res.response_metadata?.next_cursor;
      if (!next) return { items: all, skipped };
      if (seen.has(next)) throw malformed(method, `next_cursor "${next}" repeats`);
      seen.add(next);
      cursor = next;
    }
  }

  /**
   * One page. A 429 pauses the method (in `call`) and the same cursor is read again once the pause
   * ends, so pages already read are kept; after MAX_PAGE_RATE_LIMIT_RETRIES the 429 is the answer.
   */
  const pageWithRetries = async (method: string, body: Body): Promise<Page> => {
    for (let attempt = 0; ; attempt++) {
      try {
        return await call(method, body);
      } catch (error) {
        const limited = error instanceof SlackApiError && error.code === 'ratelimited';
        if (!limited || attempt >= MAX_PAGE_RATE_LIMIT_RETRIES) throw error;
      }
    }
  };

  /** Both variants of a resolved-apps list: Slack's `certified=false` hides certified apps, `true` shows only them. */
  const resolvedBoth = async (
    method: string,
    key: string,
    t: SlackTarget,
    onPage?: OnPage<ResolvedApp>,
  ): Promise<Listed<ResolvedApp>> => {
    const base = targetBody(method, t);
    const plain = await list(
      method,
      key,
      WireResolvedAppSchema,
      (w) => toResolvedApp(w, false),
      base,
      onPage,
    );
    const certified = await list(
      method,
      key,
      WireResolvedAppSchema,
      (w) => toResolvedApp(w, true),
      { ...base, certified: true },
      onPage,
    );
    const ids = new Set(plain.items.map((a) => a.app.id));
    return {
      items: [...plain.items, ...certified.items.filter((a) => !ids.has(a.app.id))],
      skipped: [...plain.skipped, ...certified.skipped],
    };
  };

  const targetBody = (method: string, t: SlackTarget): Body => {
    const a = t as { team_id?: string; enterprise_id?: string };
    requireExactlyOne(method, a, 'team_id', 'enterprise_id');
    checkIdShapes(method, a);
    return { team_id: a.team_id, enterprise_id: a.enterprise_id };
  };

  const resolve = (method: string, a: RestrictArgs): Body => {
    requireExactlyOne(method, a, 'app_id', 'request_id');
    requireExactlyOne(method, a, 'team_id', 'enterprise_id');
    checkIdShapes(method, a);
    return { app_id: a.app_id, request_id: a.request_id, team_id: a.team_id, enterprise_id: a.enterprise_id };
  };

  const listRequests: SlackAdminClient['listRequests'] = async (t, onPage) => {
    const m = 'admin.apps.requests.list';
    const listedAt: ListedAt = fromSlackTarget(t);
    // Slack: certified "Include requests for certified apps", default false. Read as "in addition
    // to the others" (undocumented); without it those requests never show at all.
    const body = { ...targetBody(m, t), certified: true };
    return list(m, 'app_requests', WireRequestSchema, (w) => toAppRequest(w, listedAt), body, onPage);
  };

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
    listTeams: async (onPage) => list('admin.teams.list', 'teams', WireTeamSchema, toTeam, {}, onPage),
    listRequests,
    async readRequests(t, onPage, writeTo) {
      const worker = o.listWorker;
      if (worker?.available) {
        try {
          const job = {
            apiUrl: o.apiUrl,
            orgId: o.orgId,
            target: t,
            pageSize,
            timeoutMs: o.timeoutMs,
            writeTo,
          };
          return await worker.readRequests(job, {
            // Without a host fetch the worker's own Node fetch is the same transport as this thread's.
            fetch: o.fetch,
            token: async () => (typeof o.token === 'string' ? o.token : o.token()),
            pacer: limiter,
            onPage: (rows) => onPage?.({ rows }),
          });
        } catch (error) {
          if (!(error instanceof ListWorkerGone)) throw error;
          // The worker is gone: read this target again here (its pages so far are dropped).
        }
      }
      const listed = await listRequests(t, (p) => onPage?.({ rows: p.items.length }));
      return { rows: await prepareInSlices(listed.items), written: null, skipped: listed.skipped };
    },
    listApproved: async (t, onPage) => resolvedBoth('admin.apps.approved.list', 'approved_apps', t, onPage),
    listRestricted: async (t, onPage) =>
      resolvedBoth('admin.apps.restricted.list', 'restricted_apps', t, onPage),
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

function malformed(method: string, detail: string): SlackApiError {
  const base = classifySlackError('malformed_response').message;
  return new SlackApiError('malformed_response', method, {}, `${base} (${method} ${detail})`);
}
