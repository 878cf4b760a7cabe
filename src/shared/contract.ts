/**
 * The one contract between renderer and main. Every channel is declared here once: its name
 * (`domain:verb`), the runtime schema of its input and the type of its result; every event main
 * pushes is declared with its payload type. Both hosts (Electron IPC and the browser bridge) and
 * the renderer's API object are derived from this file, so they cannot drift. The schemas stay in
 * main (and here); the renderer and the preload import only types from this file, and the names
 * from contract-names.ts, so zod never ships to the page.
 */
import { z } from 'zod';
import type { Result } from './result';
import { ActionRequestSchema } from './actions';
import { AppIdSchema, EnterpriseIdSchema, RequestIdSchema, TeamIdSchema } from './ids';
import type { RulesView } from './rules';
import type {
  ActionView,
  AuditExport,
  ConnectionStatus,
  InboxDelta,
  InboxPage,
  InventoryPage,
  NewRequestsNotice,
  QueueDelta,
  QueueView,
  RequestDetail,
  RequeueResult,
  SavedActionsView,
  SessionState,
  Settings,
  SignOutResult,
  SyncStatus,
  TargetSyncView,
} from './view-types';

/** Phantom marker carrying a TypeScript type without runtime cost. */
type Phantom<T> = { readonly __type?: T };
const type = <T>(): Phantom<T> => ({});

type ChannelSpec<I extends z.ZodType, R> = { input: I; result: Phantom<R>; doc: string };
const channel = <I extends z.ZodType, R>(input: I, result: Phantom<R>, doc: string): ChannelSpec<I, R> => ({
  input,
  result,
  doc,
});

const NoInput = z.undefined();
const Id = z.string().min(1).max(64);
/** A file of saved decisions, by name only (never a path): `admit.sqlite.corrupt-….unsent-actions.json`. */
const SavedFileName = z
  .string()
  .max(200)
  .regex(/^[\w.-]+\.unsent-actions\.json$/, 'the name of a saved-decisions file');

export const channels = {
  'session:get': channel(NoInput, type<SessionState>(), 'The current sign-in state; never includes a token.'),
  'session:connectDemo': channel(
    NoInput,
    type<SessionState>(),
    'Starts the built-in Slack simulator with the demo org and signs into it.',
  ),
  'session:connectToken': channel(
    z.object({ token: z.string().trim().min(10).max(512) }).strict(),
    type<SessionState>(),
    'Validates an org-level admin user token with auth.test and signs in with it.',
  ),
  'session:signIn': channel(
    NoInput,
    type<{ authorizeUrl: string; opened: boolean }>(),
    'Starts OAuth with PKCE: opens Slack in the system browser (or hands the page the URL) and waits on loopback.',
  ),
  'session:cancelSignIn': channel(
    NoInput,
    type<boolean>(),
    'Cancels a sign-in in progress and closes its port.',
  ),
  'session:switch': channel(
    z.object({ enterpriseId: z.string().regex(/^E[A-Z0-9]+$/) }).strict(),
    type<SessionState>(),
    'Switches to another signed-in org.',
  ),
  'session:signOut': channel(
    z.object({ force: z.boolean() }).strict(),
    type<SignOutResult>(),
    'Signs out: revokes the token and deletes local data, after unsent actions have been shown (force).',
  ),
  'inbox:list': channel(
    z.object({ offset: z.int().min(0), limit: z.int().min(1).max(1000) }).strict(),
    type<InboxPage>(),
    'One page of pending requests, oldest first.',
  ),
  'inbox:get': channel(
    z.object({ id: RequestIdSchema }).strict(),
    type<RequestDetail>(),
    'Everything the detail view needs about one request.',
  ),
  'inbox:refresh': channel(NoInput, type<SyncStatus>(), 'Fetches every pending request from Slack now.'),
  'sync:targets': channel(
    NoInput,
    type<TargetSyncView[]>(),
    'How the last sync of each workspace and of the org ended: when, how many requests, what failed.',
  ),
  'inventory:list': channel(
    z
      .object({
        status: z.enum(['approved', 'restricted']),
        offset: z.int().min(0),
        limit: z.int().min(1).max(1000),
        query: z.string().max(200).optional(),
        target: z.union([TeamIdSchema, EnterpriseIdSchema]).optional(),
        // The admin opened the view (not a reload or a search): lists older than a few minutes are re-read.
        opened: z.boolean().optional(),
      })
      .strict(),
    type<InventoryPage>(),
    'One page of the apps approved (or restricted) at a workspace or the whole org, from the cache; filtered by search and place.',
  ),
  'actions:enqueue': channel(
    ActionRequestSchema,
    type<ActionView>(),
    'Queues one decision; resolves once it is on disk, before anything is sent.',
  ),
  'actions:enqueueMany': channel(
    z.array(ActionRequestSchema).min(1).max(1000),
    type<ActionView[]>(),
    'Queues a bulk decision as individual actions, all committed together.',
  ),
  'actions:list': channel(NoInput, type<QueueView>(), 'The action queue as the panel shows it.'),
  'actions:undo': channel(z.object({ id: Id }).strict(), type<boolean>(), 'Removes a pending action.'),
  'actions:undoLast': channel(
    NoInput,
    type<ActionView | null>(),
    'Removes the most recent pending action, if any is still unsent.',
  ),
  'actions:retry': channel(
    z.object({ id: Id }).strict(),
    type<boolean>(),
    'Sends a conflicted or stuck action again.',
  ),
  'actions:discard': channel(
    z.object({ id: Id }).strict(),
    type<boolean>(),
    'Drops an action that will not be sent.',
  ),
  'audit:export': channel(
    z.object({ format: z.enum(['csv', 'json']) }).strict(),
    type<AuditExport>(),
    'The audit log of this org as CSV or JSON.',
  ),
  'connection:hint': channel(
    z.object({ online: z.boolean() }).strict(),
    type<boolean>(),
    "The OS's online/offline signal: only a hint, it makes main probe Slack.",
  ),
  'connection:get': channel(
    NoInput,
    type<ConnectionStatus>(),
    'Whether Slack is reachable, and when data was synced.',
  ),
  'settings:get': channel(NoInput, type<Settings>(), 'User settings, with those fixed by policy marked.'),
  'settings:set': channel(
    z
      .object({
        singleKeyShortcuts: z.boolean(),
        overdueAfterDays: z.int().min(1).max(365),
        notifications: z.boolean(),
        queueCollapsed: z.boolean(),
        keyHintDismissed: z.boolean(),
      })
      .partial()
      .strict(),
    type<Settings>(),
    'Changes user settings that policy does not fix.',
  ),
  'app:openExternal': channel(
    z
      .object({
        url: z.url({ protocol: /^https$/ }).max(2048),
        requestId: RequestIdSchema.optional(),
        appId: AppIdSchema.optional(),
      })
      .strict(),
    type<{ opened: boolean }>(),
    'Opens an https link in the system browser: Slack, or a link of the given request or resolved app (the browser host leaves it to the page).',
  ),
  'recovery:list': channel(
    NoInput,
    type<SavedActionsView[]>(),
    'Decisions saved from a damaged database of this org that the admin has not reviewed yet.',
  ),
  'recovery:requeue': channel(
    z.object({ file: SavedFileName, ids: z.array(Id).min(1).max(1000) }).strict(),
    type<RequeueResult>(),
    'Puts saved decisions back in the queue as needs attention: none is sent until the admin retries it.',
  ),
  'rules:list': channel(
    NoInput,
    type<RulesView>(),
    'Managed approval rules, then personal ones, each with the pending requests it would decide now.',
  ),
  'rules:dryRun': channel(
    z.object({ rules: z.array(z.unknown()).max(200) }).strict(),
    type<RulesView>(),
    'What a draft of the personal rules would decide among the cached requests, with problems per rule; saves nothing.',
  ),
  'rules:setPersonal': channel(
    z.object({ rules: z.array(z.unknown()).max(200) }).strict(),
    type<RulesView>(),
    'Saves the personal rules: every rule valid, auto only where policy AllowPersonalAutoRules allows.',
  ),
  'rules:acceptSuggestions': channel(
    z.object({ requestIds: z.array(RequestIdSchema).min(1).max(1000) }).strict(),
    type<ActionView[]>(),
    'Queues what the first matching rule suggests for each request; each action names its rule in its note.',
  ),
  'icons:get': channel(
    z.object({ url: z.string().min(1).max(2048) }).strict(),
    type<string | null>(),
    "An app's icon as a data: URL from the org's cache, fetched once in the background; null when it cannot be had.",
  ),
  'recovery:dismiss': channel(
    z.object({ file: SavedFileName }).strict(),
    type<boolean>(),
    'Hides a file of saved decisions from review; the file itself stays on disk.',
  ),
} as const;

export const events = {
  'session:changed': type<SessionState>(),
  'session:signInFinished': type<{ ok: boolean; message: string }>(),
  'inbox:changed': type<InboxDelta>(),
  'sync:progress': type<SyncStatus>(),
  'actions:changed': type<QueueDelta>(),
  'connection:changed': type<ConnectionStatus>(),
  /** The cached approved/restricted lists changed (after a sync, or a re-read once an action is done). */
  'inventory:changed': type<{ targets: string[] }>(),
  /** New requests to announce; only the browser host sends it (the page shows a Web Notification). */
  'notify:newRequests': type<NewRequestsNotice>(),
  /** The admin clicked a desktop notification Electron showed: select this request. */
  'notify:clicked': type<{ requestId: string }>(),
} as const;

export type Channels = typeof channels;
export type ChannelName = keyof Channels;
export type EventName = keyof typeof events;
export type ChannelInput<C extends ChannelName> = z.infer<Channels[C]['input']>;
export type ChannelResult<C extends ChannelName> = Channels[C]['result'] extends Phantom<infer R> ? R : never;
export type EventPayload<E extends EventName> = (typeof events)[E] extends Phantom<infer P> ? P : never;

// The names (and `buildApi`) live in the zod-free contract-names.ts, which the renderer and the preload
// import; it checks its lists against `channels` and `events` above.
export { apiPath, buildApi, channelNames, eventNames } from './contract-names';

/** Is this string one of the contract's channels? */
export const isChannelName = (name: string): name is ChannelName => Object.hasOwn(channels, name);

/** The handler map a host needs: one async function per channel, input already parsed. */
export type Handlers = { [C in ChannelName]: (input: ChannelInput<C>) => Promise<Result<ChannelResult<C>>> };

/** Where main pushes events; both hosts implement it. */
export type EventSink = <E extends EventName>(event: E, payload: EventPayload<E>) => void;

// ---- The renderer's API object, derived from the names above: `api.inbox.list({...})`, `api.inbox.onChanged(cb)`.

type DomainOf<N extends string> = N extends `${infer D}:${string}` ? D : never;
type VerbOf<N extends string> = N extends `${string}:${infer V}` ? V : never;
type Domains = DomainOf<ChannelName> | DomainOf<EventName>;

type Invoker<C extends ChannelName> = [ChannelInput<C>] extends [undefined]
  ? () => Promise<Result<ChannelResult<C>>>
  : (input: ChannelInput<C>) => Promise<Result<ChannelResult<C>>>;

export type Unsubscribe = () => void;

export type AdmitApi = {
  [D in Domains]: {
    [C in ChannelName as DomainOf<C> extends D ? VerbOf<C> : never]: Invoker<C>;
  } & {
    [E in EventName as DomainOf<E> extends D ? `on${Capitalize<VerbOf<E>>}` : never]: (
      listener: (payload: EventPayload<E>) => void,
    ) => Unsubscribe;
  };
};

/**
 * Parses a raw payload against a channel's schema. Never throws: a malformed payload becomes
 * an `invalid_input` result naming the first problem.
 */
export const parseInput = <C extends ChannelName>(
  name: C,
  raw: unknown,
):
  { ok: true; value: ChannelInput<C> } | { ok: false; error: { code: 'invalid_input'; message: string } } => {
  const parsed = channels[name].input.safeParse(raw);
  if (parsed.success) return { ok: true, value: parsed.data as ChannelInput<C> };
  const issue = parsed.error.issues[0];
  const where = issue && issue.path.length > 0 ? ` at ${clip(issue.path.join('.'))}` : '';
  return {
    ok: false,
    error: {
      code: 'invalid_input',
      message: `Invalid input for ${name}${where}: ${clipQuoted(issue?.message ?? 'rejected')}`,
    },
  };
};

/** Longest piece of a caller's input that an error message repeats back. */
export const MAX_ECHO = 64;
const clip = (text: string): string => (text.length > MAX_ECHO ? `${text.slice(0, MAX_ECHO)}…` : text);
/** Cuts every quoted piece of a message (zod quotes unknown keys and values) to MAX_ECHO characters. */
const clipQuoted = (message: string): string =>
  message
    .replace(/(["'])([^"']{65,})\1/g, (_m, q: string, body: string) => `${q}${clip(body)}${q}`)
    .slice(0, 400);
