/**
 * What Slack sends, written from Slack's reference (`src/slack-facts`: the method JSON's examples and
 * output schemas, the seed docs and the `app_requested` event): lenient where Slack may send `null`
 * or leave a field out, and silent about fields it adds (zod drops unknown keys). Each value is
 * mapped once into Admit's own models (`src/shared/models.ts`); nothing else reads Slack's JSON.
 */
import { z } from 'zod';
import type { Target } from '../../shared/actions';
import type { App, AppRequest, AuthTest, ResolvedApp, Scope, Team } from '../../shared/models';

/** A display string: Slack may send `null` or leave it out (both become ''). */
const text = z.string().nullish();
const flag = z.boolean().nullish();

export const WireScopeSchema = z.object({
  name: z.string().min(1),
  description: text,
  is_sensitive: flag,
  token_type: z.enum(['bot', 'user']),
  is_optional: flag,
  is_approved: flag,
});
export type WireScope = z.infer<typeof WireScopeSchema>;

export const WireAppSchema = z.object({
  id: z.string().min(1),
  name: text,
  description: text,
  help_url: text,
  privacy_policy_url: text,
  app_homepage_url: text,
  app_directory_url: text,
  is_app_directory_approved: flag,
  is_internal: flag,
  developer_type: text,
  socket_mode_enabled: flag,
  // Slack's examples send a map of image_NN → URL; a null map or a null entry means no picture.
  icons: z.record(z.string(), z.string().nullable()).nullish(),
  additional_info: text,
});

const WirePlaceSchema = z.object({ id: z.string().min(1), name: text, domain: text });

/** One item of admin.apps.requests.list (and the request of the `app_requested` event). */
export const WireRequestSchema = z.object({
  id: z.string().min(1),
  app: WireAppSchema,
  previous_resolution: z
    .object({ status: z.enum(['approved', 'restricted']), scopes: z.array(WireScopeSchema).nullish() })
    .nullish(),
  user: z.object({ id: z.string(), name: text, email: text }).nullish(),
  /** null for a request made for the whole org. */
  team: WirePlaceSchema.nullish(),
  /** null on workspace requests (as in the `app_requested` payload). */
  enterprise: WirePlaceSchema.nullish(),
  scopes: z.array(WireScopeSchema).nullish(),
  message: text,
  is_user_app_collaborator: flag,
  date_created: z.number(),
});
export type WireRequest = z.infer<typeof WireRequestSchema>;

/** One item of admin.apps.approved.list / restricted.list. */
export const WireResolvedAppSchema = z.object({
  app: WireAppSchema,
  scopes: z.array(WireScopeSchema).nullish(),
  date_updated: z.number().nullish(),
  last_resolved_by: z.object({ actor_id: text, actor_type: text }).nullish(),
});
export type WireResolvedApp = z.infer<typeof WireResolvedAppSchema>;

/** One item of admin.teams.list. */
export const WireTeamSchema = z.object({
  id: z.string().min(1),
  name: text,
  discoverability: text,
  primary_owner: z.object({ user_id: text, email: text }).nullish(),
  team_url: text,
});

/** auth.test's body. */
export const WireAuthTestSchema = z.object({
  url: text,
  team: text,
  user: text,
  team_id: text,
  user_id: text,
  enterprise_id: text,
  is_enterprise_install: flag,
});

/** oauth.v2.access's body (a user-token install answers with `authed_user`; rotation adds refresh fields). */
export const WireOAuthV2AccessSchema = z.object({
  ok: z.literal(true),
  app_id: text,
  access_token: text,
  token_type: text,
  scope: text,
  refresh_token: text,
  expires_in: z.number().nullish(),
  user_id: text,
  authed_user: z
    .object({
      id: z.string(),
      access_token: text,
      token_type: text,
      scope: text,
      refresh_token: text,
      expires_in: z.number().nullish(),
    })
    .nullish(),
  team: z.object({ id: z.string(), name: text }).nullish(),
  enterprise: z.object({ id: z.string(), name: text }).nullish(),
  is_enterprise_install: flag,
});

const toScope = (s: WireScope): Scope => ({
  name: s.name,
  description: s.description ?? '',
  is_sensitive: s.is_sensitive ?? false,
  token_type: s.token_type,
  ...(s.is_optional == null ? {} : { is_optional: s.is_optional }),
  ...(s.is_approved == null ? {} : { is_approved: s.is_approved }),
});

const toApp = (a: z.infer<typeof WireAppSchema>): App => {
  const icons: Record<string, string> = {};
  for (const [k, v] of Object.entries(a.icons ?? {})) if (typeof v === 'string' && v) icons[k] = v;
  return {
    id: a.id,
    name: a.name || a.id,
    description: a.description ?? '',
    help_url: a.help_url ?? '',
    privacy_policy_url: a.privacy_policy_url ?? '',
    app_homepage_url: a.app_homepage_url ?? '',
    app_directory_url: a.app_directory_url ?? '',
    is_app_directory_approved: a.is_app_directory_approved ?? false,
    is_internal: a.is_internal ?? false,
    // Slack documents internal, third_party and slack; an absent one is shown as third-party (the cautious reading).
    developer_type: a.developer_type || 'third_party',
    icons,
    additional_info: a.additional_info ?? '',
  };
};

/** Where a list was read: the workspace or org named in the call. */
export type ListedAt = { teamId: string } | { enterpriseId: string };

/**
 * Maps a request. Its level comes from the item: `team: null` is a request for the whole org.
 * Slack does not say what a workspace listing holds when an item's `team` is null; such an item
 * is placed where it was listed, so it can only ever be decided where Slack showed it.
 */
export const toAppRequest = (w: WireRequest, listedAt: ListedAt): AppRequest => {
  const orgListing = 'enterpriseId' in listedAt;
  let target: Target;
  let targetName: string;
  if (w.team) {
    target = { teamId: w.team.id };
    targetName = w.team.name || w.team.id;
  } else if (orgListing) {
    target = { enterpriseId: w.enterprise?.id || listedAt.enterpriseId };
    targetName = w.enterprise?.name || ('enterpriseId' in target ? target.enterpriseId : '');
  } else {
    target = { teamId: listedAt.teamId };
    targetName = listedAt.teamId;
  }
  return {
    id: w.id,
    app: toApp(w.app),
    previous_resolution: w.previous_resolution
      ? { status: w.previous_resolution.status, scopes: (w.previous_resolution.scopes ?? []).map(toScope) }
      : null,
    user: { id: w.user?.id ?? '', name: w.user?.name ?? '', email: w.user?.email ?? '' },
    level: 'teamId' in target ? 'workspace' : 'org',
    target,
    targetName,
    scopes: (w.scopes ?? []).map(toScope),
    message: w.message ?? '',
    is_user_app_collaborator: w.is_user_app_collaborator ?? false,
    date_created: w.date_created,
  };
};

/** Maps a resolved app; `certified` says which variant of the list it came from. */
export const toResolvedApp = (w: WireResolvedApp, certified: boolean): ResolvedApp => ({
  app: toApp(w.app),
  scopes: (w.scopes ?? []).map(toScope),
  date_updated: w.date_updated ?? 0,
  last_resolved_by: w.last_resolved_by
    ? { actor_id: w.last_resolved_by.actor_id ?? '', actor_type: w.last_resolved_by.actor_type ?? '' }
    : null,
  certified,
});

/** Maps a workspace. */
export const toTeam = (w: z.infer<typeof WireTeamSchema>): Team => ({ id: w.id, name: w.name || w.id });

/** Maps auth.test's body plus the granted scopes from the `x-oauth-scopes` header (null when absent). */
export const toAuthTest = (
  w: z.infer<typeof WireAuthTestSchema>,
  grantedScopes: string[] | null,
): AuthTest => ({
  url: w.url ?? '',
  team: w.team ?? '',
  user: w.user ?? '',
  team_id: w.team_id ?? '',
  user_id: w.user_id ?? '',
  ...(w.enterprise_id ? { enterprise_id: w.enterprise_id } : {}),
  ...(w.is_enterprise_install == null ? {} : { is_enterprise_install: w.is_enterprise_install }),
  grantedScopes,
});

/** An item of a list page that could not be read, and why: skipped, counted and reported. */
export type SkippedItem = {
  method: string;
  /** Position in the whole list (0-based, across pages). */
  index: number;
  /** The item's `id` (or `app.id`) when it had a readable one. */
  id: string | null;
  /** The field that failed, as a path (`app.name`, `date_created`). */
  field: string;
  message: string;
};

/**
 * Parses a page's items one by one: good ones are mapped, bad ones reported. Only a page whose
 * list is not an array at all is unreadable as a whole (returns null).
 */
export const parseItems = <W, T>(
  method: string,
  raw: unknown,
  schema: z.ZodType<W>,
  map: (w: W) => T,
  firstIndex: number,
): { items: T[]; skipped: SkippedItem[] } | null => {
  if (!Array.isArray(raw)) return null;
  const items: T[] = [];
  const skipped: SkippedItem[] = [];
  raw.forEach((value: unknown, i) => {
    const r = schema.safeParse(value);
    if (r.success) {
      items.push(map(r.data));
      return;
    }
    const issue = r.error.issues[0];
    skipped.push({
      method,
      index: firstIndex + i,
      id: itemId(value),
      field: issue?.path.map(String).join('.') || '(item)',
      message: issue?.message ?? 'unexpected shape',
    });
  });
  return { items, skipped };
};

/** Items parsed between two checks of the time budget (a 1000-item page is ~10 ms of zod). */
const PARSE_BATCH = 50;

/**
 * `parseItems`, in batches that give the event loop a turn whenever a slice has run for its budget
 * (`pause`), so a big page never holds the main thread for its whole parse. Same result.
 */
export const parseItemsInSlices = async <W, T>(
  method: string,
  raw: unknown,
  schema: z.ZodType<W>,
  map: (w: W) => T,
  firstIndex: number,
  pause: () => Promise<void>,
): Promise<{ items: T[]; skipped: SkippedItem[] } | null> => {
  if (!Array.isArray(raw)) return null;
  const items: T[] = [];
  const skipped: SkippedItem[] = [];
  for (let i = 0; i < raw.length; i += PARSE_BATCH) {
    await pause();
    const part = parseItems(method, raw.slice(i, i + PARSE_BATCH), schema, map, firstIndex + i);
    for (const item of part?.items ?? []) items.push(item);
    for (const item of part?.skipped ?? []) skipped.push(item);
  }
  return { items, skipped };
};

const itemId = (value: unknown): string | null => {
  if (typeof value !== 'object' || value === null) return null;
  const v = value as { id?: unknown; app?: { id?: unknown } | null };
  if (typeof v.id === 'string') return v.id.slice(0, 64);
  if (typeof v.app?.id === 'string') return v.app.id.slice(0, 64);
  return null;
};
