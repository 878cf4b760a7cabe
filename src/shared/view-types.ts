/** What the renderer sees: view models derived from Slack's data, never a token. */
import type { DeveloperType, Scope } from './models';
import type { RuleSuggestion } from './rules';

/** One pending request as a compact inbox row (kept small: 10,000 of these go to the renderer in pages). */
export type RequestSummary = {
  id: string;
  appId: string;
  appName: string;
  appIconUrl: string;
  developerType: DeveloperType | string;
  directoryApproved: boolean;
  /** The request's own target: a workspace ID (T…), or the org's ID (E…) for a whole-org request. */
  teamId: string;
  /** The workspace's name, or "Whole org". */
  teamName: string;
  level: 'workspace' | 'org';
  requesterName: string;
  createdAt: number; // Unix seconds, as Slack sends it
  scopeCount: number;
  sensitiveCount: number;
  newScopeCount: number; // scopes not covered by the previous resolution
  previousStatus: 'approved' | 'restricted' | null;
  /** Highest risk among the requested scopes, from the built-in scope catalog. */
  risk: Risk;
  /** Requested scope names, for search. */
  scopeNames: string[];
  /** What the first matching approval rule would do, added by main when the row is sent. */
  suggestion?: RuleSuggestion;
};

/** A request with everything the detail view needs. */
export type RequestDetail = RequestSummary & {
  appDescription: string;
  requesterEmail: string;
  message: string;
  links: { label: string; url: string }[];
  scopes: Scope[];
  previousScopes: Scope[];
  scopeDiff: ScopeDiff;
  /** The decision queued for this request, if any. */
  queued: ActionView | null;
  /** Where a decision should apply by default, and why when that is not the request's own level. */
  suggestedLevel: 'workspace' | 'org';
  levelNote: string | null;
  /** The app's resolution at the org, which applies to every workspace. */
  orgResolution: 'approved' | 'restricted' | null;
};

/**
 * Whether an approval with some optional scopes left out can be sent as chosen. Slack's arguments
 * cannot say "none of this token type's scopes": an empty or missing list means all of them.
 */
export type ApprovalCheck = { ok: true } | { ok: false; reason: string };

export type AccountSummary = {
  enterpriseId: string;
  enterpriseName: string;
  userName: string;
  isDemo: boolean;
  /** Where the token lives: encrypted on disk, or only in memory for this session. */
  tokenStorage: 'encrypted' | 'memory';
};

/** What the connect screen and the account menu can offer. */
export type SignInOptionsView = {
  demoAvailable: boolean;
  /** OAuth needs a Slack client id (from policy or ADMIT_SLACK_CLIENT_ID). */
  oauthAvailable: boolean;
  /** Orgs with stored credentials, to switch to. */
  accounts: AccountSummary[];
  /** Where tokens will be kept, and why (e.g. no OS keyring: memory only). */
  tokenStorage: 'encrypted' | 'memory';
  storageNote: string | null;
  /** Things the admin should know: unreadable vault entries, ignored policy keys, a recovered database. */
  problems: string[];
};

export type SessionState =
  | ({ status: 'signed_out' } & SignInOptionsView)
  | ({ status: 'signed_in'; account: AccountSummary } & SignInOptionsView);

export type SignOutResult = { signedOut: boolean; unsent: ActionView[] };

export type InboxPage = { total: number; offset: number; items: RequestSummary[] };

/** How the last sync of one target ended. */
export type TargetSyncState = 'complete' | 'partial' | 'failed';

/** One workspace's (or the org's) sync, for the status details. */
export type TargetSyncView = {
  target: string;
  name: string;
  level: 'workspace' | 'org';
  state: TargetSyncState;
  /** When its requests were last read (ms), null if never. */
  syncedAt: number | null;
  items: number | null;
  skipped: number;
  error: string | null;
  problems: string[];
};

export type SyncStatus = {
  state: 'idle' | 'syncing' | 'error';
  /** When the last complete sync finished (ms since epoch); a partial or failed sync never moves it. */
  lastSyncedAt: number | null;
  /** When the last sync, complete or not, finished. */
  lastAttemptAt: number | null;
  done: number; // pages fetched
  error?: string;
  /** Targets (workspaces and the org) of the last sync, by how they ended. */
  targets: { total: number; complete: number; partial: number; failed: number };
  /** The first few problems, in plain words. */
  problems: string[];
};

export type Risk = 'low' | 'medium' | 'high';
export type Change = 'added' | 'unchanged' | 'removed';

/** One scope in the "Scope changes" view: what is asked now against the previous decision and what is approved now. */
export type ScopeDiffRow = {
  name: string;
  tokenType: 'bot' | 'user';
  description: string;
  sensitive: boolean;
  optional: boolean;
  risk: Risk;
  requested: boolean;
  /** Against the previous resolution of this request; null when there was none. */
  vsPrevious: Change | null;
  /** Against what is approved for this app at this workspace (or the org) now. */
  vsApproved: Change;
};

/** The whole diff, bot and user token scopes apart. */
export type ScopeDiff = {
  bot: ScopeDiffRow[];
  user: ScopeDiffRow[];
  hasPrevious: boolean;
  hasApproved: boolean;
};

export type ActionStateView = 'pending' | 'sending' | 'done' | 'conflict' | 'needs_attention';

/** One queued decision as the "Action queue" panel shows it. */
export type ActionView = {
  id: string;
  kind: 'approve' | 'restrict' | 'cancel' | 'clearResolution' | 'uninstall';
  state: ActionStateView;
  /** "Approve Zoom on Acme HQ" */
  label: string;
  appId: string;
  requestId: string | null;
  note: string;
  /** Why it failed or stopped (taxonomy message or conflict description). */
  reason: string | null;
  attempts: number;
  enqueuedAt: number;
  nextAttemptAt: number;
};

export type QueueView = {
  actions: ActionView[];
  status: { state: 'running' | 'paused' | 'stopped'; label: string };
  progress: { total: number; done: number; etaMs: number | null };
  /** Decisions Slack confirmed since `since` (this machine's last local midnight), from the audit log. */
  today: { since: number; done: number };
};

/** A change to the queue: upserted actions, removed ids, and where the queue stands. */
export type QueueDelta = Omit<QueueView, 'actions'> & { changed: ActionView[]; removed: string[] };

/** A change to the inbox: new or changed rows, removed ids, and the new total. */
export type InboxDelta = { changed: RequestSummary[]; removed: string[]; total: number };

export type ConnectionStatus = { state: 'online' | 'offline' | 'unknown'; lastSyncedAt: number | null };

export type Settings = {
  /** Single-key shortcuts (j, k, a, r…) can be turned off (WCAG 2.1.4). */
  singleKeyShortcuts: boolean;
  /** A request waiting longer than this many days is marked overdue (1–365, default 3). */
  overdueAfterDays: number;
  /** A desktop notification when a sync brings new requests (default on). */
  notifications: boolean;
  /** The action queue panel is folded to a narrow strip (the layout's own choice, remembered). */
  queueCollapsed: boolean;
  /** The first-run bar naming the main keys was dismissed. */
  keyHintDismissed: boolean;
  /** Settings fixed by managed policy, which the UI shows as such. */
  managed: ManagedSetting[];
};

/** The settings managed policy can fix. */
export type ManagedSetting = 'singleKeyShortcuts' | 'overdueAfterDays' | 'notifications';

/** One desktop notification for the requests a sync brought: "3 new app requests", "Zoom, Miro and 1 more". */
export type NewRequestsNotice = { title: string; body: string; requestIds: string[] };

export type AuditExport = { fileName: string; mimeType: string; content: string };

/** Why a saved decision can or cannot be put back in the queue. */
export type SavedActionStatus =
  | 'ready'
  /** Put back already (from this file, or found in this org's audit log). */
  | 'requeued'
  /** The same decision is in the queue now. */
  | 'queued'
  /** A newer decision for the same request or app is in the queue. */
  | 'replaced'
  /** Too damaged, or from a build whose records this one cannot read. */
  | 'unreadable';

/** One decision saved from a damaged database, as "Review and re-queue" shows it. */
export type SavedActionView = {
  id: string;
  /** "Approve Zoom on Acme HQ", or what is known of an unreadable entry. */
  label: string;
  kind: ActionView['kind'] | null;
  /** Its state when it was saved (`sending`: it may already have reached Slack). */
  savedState: string;
  note: string;
  /** Who decided, and when it was queued (ms); null when unreadable. */
  actorName: string | null;
  enqueuedAt: number | null;
  status: SavedActionStatus;
  /** Why it is not ready, in words. */
  detail: string | null;
};

/** One file of saved decisions awaiting review. */
export type SavedActionsView = {
  /** The file's name, which identifies it to `recovery:requeue` and `recovery:dismiss`. */
  id: string;
  /** Where it is on disk. */
  path: string;
  /** When it was saved (ms). */
  savedAt: number;
  reason: string;
  actions: SavedActionView[];
};

/** What `recovery:requeue` did: the actions put back (as needs attention) and those it skipped. */
export type RequeueResult = { requeued: ActionView[]; skipped: { id: string; reason: string }[] };

/** Which list an inventory view shows: apps approved, or apps restricted. */
export type InventoryStatus = 'approved' | 'restricted';

/** One app approved or restricted at a workspace or the whole org, as the Approved and Restricted views show it. */
export type InventoryItem = {
  /** `approved:A123@T456`: unique within the org. */
  key: string;
  status: InventoryStatus;
  appId: string;
  appName: string;
  appIconUrl: string;
  /** A workspace ID (T…), or the org's ID (E…) for a resolution for the whole org. */
  target: string;
  level: 'workspace' | 'org';
  /** The workspace's name, or "Whole org". */
  targetName: string;
  scopeCount: number;
  sensitiveCount: number;
  scopes: Scope[];
  /** Slack's `last_resolved_by.actor_id`; null when Slack sent none. */
  resolvedBy: string | null;
  /** Unix seconds (`date_updated`); 0 when Slack sent none. */
  dateUpdated: number;
  certified: boolean;
  /** The app's https links only. */
  links: { label: string; url: string }[];
};

/** One page of an inventory, with every place that has an app of this status (for the workspace filter). */
export type InventoryPage = {
  total: number;
  offset: number;
  items: InventoryItem[];
  places: { id: string; name: string }[];
  /** How old the cached lists are: they are read on their own cadence, not with every inbox refresh. */
  freshness: InventoryFreshness;
};

/** The age of the cached approved and restricted lists, over every place of the org. */
export type InventoryFreshness = {
  /** The oldest complete read among the places read at least once (ms); null when none was. */
  oldestReadAt: number | null;
  /** Places (the org and its workspaces) whose lists were never read completely. */
  unread: number;
  /** Places whose last read was partial or failed (their older copy is shown). */
  incomplete: number;
  places: number;
  /** True while Admit is reading the lists from Slack. */
  reading: boolean;
};
