/** Test data for renderer tests; the fake API over it is in fake-api.ts. */
import type {
  ActionView,
  InventoryItem,
  InventoryStatus,
  RequestDetail,
  RequestSummary,
  ScopeDiffRow,
  SessionState,
  SignInOptionsView,
} from '../../../shared/view-types';

/** The org's workspaces the fixture rows are spread over. */
export const teams = [
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

/** Signed in to the demo org, with nothing to offer or report unless `patch` says so. */
export const signedIn = (
  patch: Partial<SignInOptionsView> = {},
): Extract<SessionState, { status: 'signed_in' }> => ({
  status: 'signed_in',
  account: {
    enterpriseId: 'E1',
    enterpriseName: 'Acme Corp',
    userName: 'dana',
    isDemo: true,
    tokenStorage: 'memory',
  },
  demoAvailable: true,
  oauthAvailable: false,
  accounts: [],
  tokenStorage: 'memory',
  storageNote: null,
  problems: [],
  ...patch,
});
