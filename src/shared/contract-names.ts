/**
 * The contract's names without its schemas: every channel and event name, and `buildApi`, which turns
 * them into the renderer's API object. It imports nothing at runtime (only types from contract.ts),
 * so the renderer and the preload use it without bundling zod; main, which validates every payload,
 * keeps the schemas in contract.ts. The lists are checked against contract.ts both by the compiler
 * (below) and by contract-names.test.ts, so they cannot drift.
 */
import type { AdmitApi, ChannelName, EventName, Unsubscribe } from './contract';
import type { Result } from './result';

const CHANNELS = [
  'session:get',
  'session:connectDemo',
  'session:connectToken',
  'session:signIn',
  'session:cancelSignIn',
  'session:switch',
  'session:signOut',
  'inbox:list',
  'inbox:get',
  'inbox:refresh',
  'sync:targets',
  'inventory:list',
  'actions:enqueue',
  'actions:enqueueMany',
  'actions:list',
  'actions:undo',
  'actions:undoLast',
  'actions:retry',
  'actions:discard',
  'audit:export',
  'connection:hint',
  'connection:get',
  'settings:get',
  'settings:set',
  'app:openExternal',
  'recovery:list',
  'recovery:requeue',
  'rules:list',
  'rules:dryRun',
  'rules:setPersonal',
  'rules:acceptSuggestions',
  'icons:get',
  'recovery:dismiss',
] as const satisfies readonly ChannelName[];

const EVENTS = [
  'session:changed',
  'session:signInFinished',
  'inbox:changed',
  'sync:progress',
  'actions:changed',
  'connection:changed',
  'inventory:changed',
  'notify:newRequests',
  'notify:clicked',
] as const satisfies readonly EventName[];

// `satisfies` above refuses a name the contract does not declare; these refuse a declared one left out.
type Missing<All, Listed> = [Exclude<All, Listed>] extends [never] ? true : Exclude<All, Listed>;
const everyChannelListed: Missing<ChannelName, (typeof CHANNELS)[number]> = true;
const everyEventListed: Missing<EventName, (typeof EVENTS)[number]> = true;
void everyChannelListed;
void everyEventListed;

/** Every renderer→main channel, in the order contract.ts declares them. */
export const channelNames: readonly ChannelName[] = CHANNELS;
/** Every main→renderer event, in the order contract.ts declares them. */
export const eventNames: readonly EventName[] = EVENTS;

/** The API-object path of a channel or event: `inbox:list` → [`inbox`, `list`], `inbox:changed` → [`inbox`, `onChanged`]. */
export const apiPath = (name: string, kind: 'channel' | 'event'): [string, string] => {
  const [domain = '', verb = ''] = name.split(':');
  return [domain, kind === 'event' ? `on${verb.charAt(0).toUpperCase()}${verb.slice(1)}` : verb];
};

/**
 * Builds the renderer's API object from two host primitives. Both the preload (Electron) and the
 * browser bridge use this, so the object has the same shape everywhere.
 */
export const buildApi = (
  invoke: (channel: ChannelName, input: unknown) => Promise<Result<unknown>>,
  subscribe: (event: EventName, listener: (payload: unknown) => void) => Unsubscribe,
): AdmitApi => {
  const api: Record<string, Record<string, unknown>> = {};
  for (const name of channelNames) {
    const [domain, key] = apiPath(name, 'channel');
    (api[domain] ??= {})[key] = (input?: unknown) => invoke(name, input);
  }
  for (const name of eventNames) {
    const [domain, key] = apiPath(name, 'event');
    (api[domain] ??= {})[key] = (listener: (payload: unknown) => void) => subscribe(name, listener);
  }
  return api as unknown as AdmitApi;
};
