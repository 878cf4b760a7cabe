/**
 * Reading Slack's paginated lists for the admin client (client.ts): every page of a list, its items
 * validated one by one in slices (an item that does not parse is skipped and reported, never
 * silently), a 429 answered by reading the same cursor again, and a cursor that repeats refused.
 * Also the lists' shared shapes: a target's arguments, and both variants of a resolved-apps list.
 */
import type { z } from 'zod';
import type { AppRequest, ResolvedApp } from '../../shared/models';
import { classifySlackError, SlackApiError } from './errors';
import { checkIdShapes, checkLimit, requireExactlyOne } from './validate';
import { yieldIfDue, yieldNow } from '../time/slices';
import {
  parseItemsInSlices,
  toAppRequest,
  toResolvedApp,
  WireRequestSchema,
  WireResolvedAppSchema,
  type ListedAt,
  type SkippedItem,
} from './wire';
import { fromSlackTarget, type SlackTarget } from './target';

/** Progress of a paginated list, reported after each page. */
export type PageProgress<T> = { method: string; page: number; items: T[]; total: number };
/** Called after each page of a list. */
export type OnPage<T> = (p: PageProgress<T>) => void;

/** A whole list: the items that parsed, and the ones skipped because they did not (never silently). */
export type Listed<T> = { items: T[]; skipped: SkippedItem[] };

/** How many times a list re-reads the same page after a 429 before giving up on it. */
export const MAX_PAGE_RATE_LIMIT_RETRIES = 3;

export type Body = Record<string, string | number | boolean | undefined>;
export type Page = Record<string, unknown> & { response_metadata?: { next_cursor?: string } };

/** One call for the org: its rate slot first, and a 429 pauses the method (see client.ts). */
export type Call = (method: string, body: Body) => Promise<Page>;

/** What reading a list needs: the org's calls, and how many items to ask for per page. */
export type Lister = { call: Call; pageSize: number };

/** Slack answered in a shape Admit does not understand: `detail` says where. */
export function malformed(method: string, detail: string): SlackApiError {
  const base = classifySlackError('malformed_response').message;
  return new SlackApiError('malformed_response', method, {}, `${base} (${method} ${detail})`);
}

/**
 * One page. A 429 pauses the method (in `call`) and the same cursor is read again once the pause
 * ends, so pages already read are kept; after MAX_PAGE_RATE_LIMIT_RETRIES the 429 is the answer.
 */
const pageWithRetries = async (call: Call, method: string, body: Body): Promise<Page> => {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call(method, body);
    } catch (error) {
      const limited = error instanceof SlackApiError && error.code === 'ratelimited';
      if (!limited || attempt >= MAX_PAGE_RATE_LIMIT_RETRIES) throw error;
    }
  }
};

/** Reads every page of a list, item by item; a 429 re-reads the same cursor after Retry-After. */
export async function list<W, T>(
  l: Lister,
  method: string,
  key: string,
  schema: z.ZodType<W>,
  map: (w: W) => T,
  base: Body,
  onPage?: OnPage<T>,
): Promise<Listed<T>> {
  const { call, pageSize } = l;
  checkLimit(method, pageSize);
  const all: T[] = [];
  const skipped: SkippedItem[] = [];
  const seen = new Set<string>();
  let cursor: string | undefined;
  let seenItems = 0;
  for (let page = 1; ; page++) {
    const res = await pageWithRetries(call, method, { ...base, limit: pageSize, cursor });
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

/** A list's target as Slack's arguments: exactly one of team_id and enterprise_id, each well formed. */
export const targetBody = (method: string, t: SlackTarget): Body => {
  const a = t as { team_id?: string; enterprise_id?: string };
  requireExactlyOne(method, a, 'team_id', 'enterprise_id');
  checkIdShapes(method, a);
  return { team_id: a.team_id, enterprise_id: a.enterprise_id };
};

/** admin.apps.requests.list at one target, every page, certified apps' requests included. */
export const listRequests = async (
  l: Lister,
  t: SlackTarget,
  onPage?: OnPage<AppRequest>,
): Promise<Listed<AppRequest>> => {
  const m = 'admin.apps.requests.list';
  const listedAt: ListedAt = fromSlackTarget(t);
  // Slack: certified "Include requests for certified apps", default false. Read as "in addition
  // to the others" (undocumented); without it those requests never show at all.
  const body = { ...targetBody(m, t), certified: true };
  return list(l, m, 'app_requests', WireRequestSchema, (w) => toAppRequest(w, listedAt), body, onPage);
};

/** Both variants of a resolved-apps list: Slack's `certified=false` hides certified apps, `true` shows only them. */
export const resolvedBoth = async (
  l: Lister,
  method: string,
  key: string,
  t: SlackTarget,
  onPage?: OnPage<ResolvedApp>,
): Promise<Listed<ResolvedApp>> => {
  const base = targetBody(method, t);
  const plain = await list(
    l,
    method,
    key,
    WireResolvedAppSchema,
    (w) => toResolvedApp(w, false),
    base,
    onPage,
  );
  const certified = await list(
    l,
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
