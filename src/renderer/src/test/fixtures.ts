/** Test data and a fake AdmitApi for renderer tests. */
import { vi } from 'vitest';
import type { AdmitApi } from '../../../shared/contract';
import type {
  ActionView,
  InventoryItem,
  InventoryStatus,
  RequestDetail,
  RequestSummary,
  ScopeDiffRow,
  Settings,
} from '../../../shared/view-types';

const teams = [
  { id: 'T1', name: 'Acme HQ' },
  { id: 'T2', name: 'Engineering' },
  { id: 'T3', name: 'Sales' },
];
const risks = ['low', 'medium', 'high'] as const;

/** A deterministic summary; `i` drives every field so tests can predict filters. */
export const summary = (i: number, patch: Partial<RequestSummary> = {}): RequestSummary => {
  const team = teams[i % 3] ?? teams[0]!;
  return {
    id: `Ar${String(i).padStart(6, '0')}`,
    appId: `A${i}`,
    appName: `App ${i}`,
    appIconUrl: '',
    developerType: i % 2 === 0 ? 'third_party' : 'internal',
    directoryApproved: i % 5 === 0,
    teamId: team.id,
    teamName: team.name,
    level: 'workspace',
    requesterName: i % 7 === 0 ? 'Priya Raman' : 'Marcus Chen',
    createdAt: 1_700_000_000 + i,
    scopeCount: 3,
    sensitiveCount: i % 4 === 0 ? 1 : 0,
    newScopeCount: i % 6 === 0 ? 2 : 0,
    previousStatus: null,
    risk: risks[i % 3] ?? 'low',
    scopeNames: ['chat:write', i % 10 === 0 ? 'files:read' : 'users:read'],
    ...patch,
  };
};

/** One scope row of a diff. */
export const scopeRow = (name: string, patch: Partial<ScopeDiffRow> = {}): ScopeDiffRow => ({
  name,
  tokenType: 'bot',
  description: `Lets the app ${name}`,
  sensitive: false,
  optional: false,
  risk: 'low',
  requested: true,
  vsPrevious: null,
  vsApproved: 'added',
  ...patch,
});

/** A detail for a summary with a small scope diff including optional scopes. */
export const detailOf = (r: RequestSummary): RequestDetail => ({
  ...r,
  appDescription: 'Does things',
  requesterEmail: 'x@example.com',
  message: 'Please',
  links: [{ label: 'Homepage', url: 'https://example.com/app' }],
  scopes: [],
  previousScopes: [],
  queued: null,
  suggestedLevel: r.level,
  levelNote: null,
  orgResolution: null,
  scopeDiff: {
    bot: [
      scopeRow('chat:write'),
      scopeRow('users:read.email', { optional: true, sensitive: true, risk: 'high' }),
      scopeRow('channels:read', { optional: true }),
    ],
    user: [scopeRow('search:read', { tokenType: 'user', optional: true })],
    hasPrevious: false,
    hasApproved: false,
  },
});

/** An action view as main would send it. */
export const actionView = (id: string, patch: Partial<ActionView> = {}): ActionView => ({
  id,
  kind: 'approve',
  state: 'pending',
  label: `Approve ${id}`,
  appId: 'A1',
  requestId: null,
  note: '',
  reason: null,
  attempts: 0,
  enqueuedAt: 1,
  nextAttemptAt: 0,
  ...patch,
});

/** An app approved (or restricted) at a workspace, or at the org for `level: 'org'`. */
export const inventoryItem = (
  status: InventoryStatus,
  i: number,
  patch: Partial<InventoryItem> = {},
): InventoryItem => {
  const team = teams[i % 3] ?? teams[0]!;
  const org = patch.level === 'org';
  const target = patch.target ?? (org ? 'E1' : team.id);
  const appId = patch.appId ?? `AI${i}`;
  return {
    key: `${status}:${appId}@${target}`,
    status,
    appId,
    appName: `Resolved ${i}`,
    appIconUrl: '',
    target,
    level: 'workspace',
    targetName: org ? 'Whole org' : team.name,
    scopeCount: 2,
    sensitiveCount: 0,
    scopes: [
      { name: 'chat:write', description: 'Send messages', is_sensitive: false, token_type: 'bot' },
      { name: 'search:read', description: 'Search', is_sensitive: true, token_type: 'user' },
    ],
    resolvedBy: 'U0ADMIN',
    dateUpdated: 1_700_000_000 + i,
    certified: false,
    links: [{ label: 'Homepage', url: 'https://example.com/resolved' }],
    ...patch,
  };
};

/** The default inventories: four approved apps (one for the whole org), two restricted. */
export const defaultInventory = (): InventoryItem[] => [
  inventoryItem('approved', 0, { appName: 'Jira Cloud' }),
  inventoryItem('approved', 1, { appName: 'Notion' }),
  inventoryItem('approved', 2, { appName: 'Zoom' }),
  inventoryItem('approved', 3, { appName: 'DocuSign', level: 'org' }),
  inventoryItem('restricted', 4, { appName: 'Crypto Tipper', level: 'org' }),
  inventoryItem('restricted', 5, { appName: 'Mystery Meme Generator' }),
];

const ok = <T>(value: T) => Promise.resolve({ ok: true as const, value });

/** A fake API over `rows`; events are fired through `emit`; `detail` overrides the detail of a row. */
export const fakeApi = (
  rows: RequestSummary[],
  options: {
    detail?: (r: RequestSummary) => RequestDetail;
    inventory?: InventoryItem[];
    /** Main's cached icons by URL (data: URLs); any other URL has none. */
    icons?: Record<string, string>;
    /** Whether the first-run key hint was dismissed before (default: yes, so other tests do not see it). */
    keyHintDismissed?: boolean;
  } = {},
) => {
  const inventory = options.inventory ?? defaultInventory();
  const detailFor = options.detail ?? detailOf;
  const listeners = new Map<string, (p: unknown) => void>();
  const on = (name: string) => (fn: (p: unknown) => void) => {
    listeners.set(name, fn);
    return () => listeners.delete(name);
  };
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
  const calls = {
    settingsSet: vi.fn((patch: Partial<Omit<Settings, 'managed'>>) => {
      settings = { ...settings, ...patch };
      return ok({ ...settings });
    }),
    list: vi.fn(({ offset, limit }: { offset: number; limit: number }) =>
      ok({ total: rows.length, offset, items: rows.slice(offset, offset + limit) }),
    ),
    enqueue: vi.fn((input: { kind: ActionView['kind']; requestId?: string }) => ok(view(input))),
    enqueueMany: vi.fn((inputs: { kind: ActionView['kind']; requestId?: string }[]) => ok(inputs.map(view))),
    undoLast: vi.fn(() => ok(actionView('q1'))),
    openExternal: vi.fn(() => ok({ opened: false })),
    signOut: vi.fn(() => ok({ signedOut: true, unsent: [] })),
    hint: vi.fn(() => ok(true)),
    iconGet: vi.fn(({ url }: { url: string }) => ok(options.icons?.[url] ?? null)),
    // Searches and filters as main does: by app, place or scope, and by place.
    inventoryList: vi.fn(
      (input: {
        status: InventoryStatus;
        offset: number;
        limit: number;
        query?: string;
        target?: string;
      }) => {
        const all = inventory.filter((i) => i.status === input.status);
        const q = (input.query ?? '').toLowerCase();
        const items = all.filter(
          (i) =>
            (!input.target || i.target === input.target) &&
            (!q ||
              [i.appName, i.targetName, ...i.scopes.map((s) => s.name)].some((t) =>
                t.toLowerCase().includes(q),
              )),
        );
        const places = [...new Map(all.map((i) => [i.target, i.targetName])).entries()].map(([id, name]) => ({
          id,
          name,
        }));
        return ok({
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
        });
      },
    ),
  };
  const api = {
    session: {
      get: () =>
        ok({
          status: 'signed_in',
          account: {
            enterpriseId: 'E1',
            enterpriseName: 'Acme Corp',
            userName: 'dana',
            isDemo: true,
            tokenStorage: 'memory',
          },
        }),
      connectDemo: () =>
        Promise.resolve({ ok: false, error: { code: 'offline', message: 'Slack is unreachable' } }),
      signOut: calls.signOut,
      onChanged: on('session:changed'),
      onSignInFinished: on('session:signInFinished'),
    },
    inbox: {
      list: calls.list,
      get: ({ id }: { id: string }) => {
        const r = rows.find((x) => x.id === id);
        return r
          ? ok(detailFor(r))
          : Promise.resolve({ ok: false, error: { code: 'not_found', message: 'gone' } });
      },
      refresh: () => ok({ state: 'idle', lastSyncedAt: 1, done: 1 }),
      onChanged: on('inbox:changed'),
    },
    sync: {
      onProgress: on('sync:progress'),
      // How the last sync ended at the org and at each workspace (every workspace of the org).
      targets: () =>
        ok([
          { target: 'E1', name: 'Acme Corp', level: 'org' },
          ...[...teams, { id: 'T4', name: 'Support' }].map((t) => ({
            target: t.id,
            name: t.name,
            level: 'workspace',
          })),
        ]),
    },
    actions: {
      list: () =>
        ok({
          actions: [],
          status: { state: 'running', label: '' },
          progress: { total: 0, done: 0, etaMs: null },
          today: { since: 0, done: 0 },
        }),
      enqueue: calls.enqueue,
      enqueueMany: calls.enqueueMany,
      undoLast: calls.undoLast,
      undo: () => ok(true),
      retry: () => ok(true),
      discard: () => ok(true),
      onChanged: on('actions:changed'),
    },
    audit: { export: () => ok({ fileName: 'audit.csv', mimeType: 'text/csv', content: 'a,b' }) },
    connection: {
      get: () => ok({ state: 'online', lastSyncedAt: 1 }),
      hint: calls.hint,
      onChanged: on('connection:changed'),
    },
    settings: {
      get: () => ok({ ...settings }),
      // Remembers what it is told, as main's settings file does.
      set: calls.settingsSet,
    },
    app: { openExternal: calls.openExternal },
    icons: { get: calls.iconGet },
    inventory: { list: calls.inventoryList, onChanged: on('inventory:changed') },
    notify: { onNewRequests: on('notify:newRequests'), onClicked: on('notify:clicked') },
  } as unknown as AdmitApi;
  return { api, calls, emit: (event: string, payload: unknown) => listeners.get(event)?.(payload) };
};
