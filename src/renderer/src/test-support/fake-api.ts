/**
 * Fake AdmitApis for renderer tests, built from the contract as the preload and the browser bridge
 * build the real one (`buildApi`): a test supplies the channels it needs as `Partial<Handlers>`, each
 * typed by the contract, and any other channel answers a typed `internal` error rather than being
 * undefined. Events are fired through `emit`.
 */
import { vi } from 'vitest';
import type { ChannelName, EventName, EventPayload, Handlers } from '../../../shared/contract';
import { buildApi } from '../../../shared/contract-names';
import { fail, ok, type Result } from '../../../shared/result';
import type {
  ActionView,
  InventoryItem,
  InventoryPage,
  RequestDetail,
  RequestSummary,
  Settings,
} from '../../../shared/view-types';
import { actionView, defaultInventory, detailOf, signedIn, teams } from './fixtures';

/** The answer a channel gives that the test did not supply. */
export const unsupplied = (channel: ChannelName): Result<never> =>
  fail('internal', `The test's fake API has no handler for ${channel}`);

/** An AdmitApi over `handlers`; `emit` calls every listener of an event, as main's events would. */
export const contractApi = (handlers: Partial<Handlers>) => {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  const api = buildApi(
    (channel, input) => {
      const handler = handlers[channel] as ((input: unknown) => Promise<Result<unknown>>) | undefined;
      return handler ? handler(input) : Promise.resolve(unsupplied(channel));
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set.add(listener));
      return () => set.delete(listener);
    },
  );
  const emit = <E extends EventName>(event: E, payload: EventPayload<E>): void => {
    for (const listener of listeners.get(event) ?? []) listener(payload);
  };
  return { api, emit };
};

const answer = <T>(value: T): Promise<Result<T>> => Promise.resolve(ok(value));

/** Main's inventories: searched and filtered as main does, by app, place or scope, and by place. */
const inventoryList =
  (inventory: InventoryItem[]): Handlers['inventory:list'] =>
  (input) => {
    const all = inventory.filter((i) => i.status === input.status);
    const q = (input.query ?? '').toLowerCase();
    const items = all.filter(
      (i) =>
        (!input.target || i.target === input.target) &&
        (!q ||
          [i.appName, i.targetName, ...i.scopes.map((s) => s.name)].some((t) => t.toLowerCase().includes(q))),
    );
    const places = [...new Map(all.map((i) => [i.target, i.targetName])).entries()].map(([id, name]) => ({
      id,
      name,
    }));
    const page: InventoryPage = {
      total: items.length,
      offset: input.offset,
      items: items.slice(input.offset, input.offset + input.limit),
      places,
      // Main's lists were read 12 minutes ago at every place.
      freshness: {
        oldestReadAt: Date.now() - 12 * 60_000,
        unread: 0,
        incomplete: 0,
        places: 3,
        reading: false,
      },
    };
    return answer(page);
  };

export type FakeApiOptions = {
  detail?: (r: RequestSummary) => RequestDetail;
  inventory?: InventoryItem[];
  /** Main's cached icons by URL (data: URLs); any other URL has none. */
  icons?: Record<string, string>;
  /** Whether the first-run key hint was dismissed before (default: yes, so other tests do not see it). */
  keyHintDismissed?: boolean;
  /** Channels this test answers itself (rules, recovery, …), or answers differently. */
  handlers?: Partial<Handlers>;
};

/** The calls tests look at (and re-program), as spies. */
const spies = (rows: RequestSummary[], options: FakeApiOptions) => {
  let seq = 0;
  const view = (input: { kind: ActionView['kind']; requestId?: string }): ActionView =>
    actionView(`q${++seq}`, { kind: input.kind, requestId: input.requestId ?? null });
  let settings: Settings = {
    singleKeyShortcuts: true,
    overdueAfterDays: 3,
    notifications: true,
    queueCollapsed: false,
    keyHintDismissed: options.keyHintDismissed ?? true,
    managed: [],
  };
  return {
    settingsGet: vi.fn<Handlers['settings:get']>(() => answer({ ...settings })),
    // Remembers what it is told, as main's settings file does.
    settingsSet: vi.fn<Handlers['settings:set']>((patch) => {
      settings = { ...settings, ...patch };
      return answer({ ...settings });
    }),
    list: vi.fn<Handlers['inbox:list']>(({ offset, limit }) =>
      answer({ total: rows.length, offset, items: rows.slice(offset, offset + limit) }),
    ),
    enqueue: vi.fn<Handlers['actions:enqueue']>((input) => answer(view(input))),
    enqueueMany: vi.fn<Handlers['actions:enqueueMany']>((inputs) => answer(inputs.map(view))),
    undoLast: vi.fn<Handlers['actions:undoLast']>(() => answer(actionView('q1'))),
    openExternal: vi.fn<Handlers['app:openExternal']>(() => answer({ opened: false })),
    signOut: vi.fn<Handlers['session:signOut']>(() => answer({ signedOut: true, unsent: [] })),
    hint: vi.fn<Handlers['connection:hint']>(() => answer(true)),
    iconGet: vi.fn<Handlers['icons:get']>(({ url }) => answer(options.icons?.[url] ?? null)),
    inventoryList: vi.fn(inventoryList(options.inventory ?? defaultInventory())),
  };
};

/** A fake API over `rows`, signed in to the demo org; `detail` overrides the detail of a row. */
export const fakeApi = (rows: RequestSummary[], options: FakeApiOptions = {}) => {
  const detailFor = options.detail ?? detailOf;
  const calls = spies(rows, options);
  const handlers: Partial<Handlers> = {
    'session:get': () => answer(signedIn()),
    'session:connectDemo': () => Promise.resolve(fail('offline', 'Slack is unreachable')),
    'session:signOut': calls.signOut,
    'inbox:list': calls.list,
    'inbox:get': ({ id }) => {
      const r = rows.find((x) => x.id === id);
      return Promise.resolve(r ? ok(detailFor(r)) : fail('not_found', 'gone'));
    },
    'inbox:refresh': () =>
      answer({
        state: 'idle',
        lastSyncedAt: 1,
        lastAttemptAt: 1,
        done: 1,
        targets: { total: 0, complete: 0, partial: 0, failed: 0 },
        problems: [],
      }),
    // How the last sync ended at the org and at each workspace (every workspace of the org).
    'sync:targets': () =>
      answer(
        [
          { target: 'E1', name: 'Acme Corp', level: 'org' as const },
          ...[...teams, { id: 'T4', name: 'Support' }].map((t) => ({
            target: t.id,
            name: t.name,
            level: 'workspace' as const,
          })),
        ].map((t) => ({
          ...t,
          state: 'complete' as const,
          syncedAt: 1,
          items: 0,
          skipped: 0,
          error: null,
          problems: [],
        })),
      ),
    'actions:list': () =>
      answer({
        actions: [],
        status: { state: 'running', label: '' },
        progress: { total: 0, done: 0, etaMs: null },
        today: { since: 0, done: 0 },
      }),
    'actions:enqueue': calls.enqueue,
    'actions:enqueueMany': calls.enqueueMany,
    'actions:undoLast': calls.undoLast,
    'actions:undo': () => answer(true),
    'actions:retry': () => answer(true),
    'actions:discard': () => answer(true),
    'audit:export': () => answer({ fileName: 'audit.csv', mimeType: 'text/csv', content: 'a,b' }),
    'connection:get': () => answer({ state: 'online', lastSyncedAt: 1 }),
    'connection:hint': calls.hint,
    'settings:get': calls.settingsGet,
    'settings:set': calls.settingsSet,
    'app:openExternal': calls.openExternal,
    'icons:get': calls.iconGet,
    'inventory:list': calls.inventoryList,
    // Nothing was saved from a damaged database.
    'recovery:list': () => answer([]),
    ...options.handlers,
  };
  return { ...contractApi(handlers), calls };
};
