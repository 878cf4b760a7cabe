/** What the renderer sees: view models derived from Slack's data, never a token. */
import type { DeveloperType, Scope } from './slack-types';

/** One pending request as a compact inbox row (kept small: 10,000 of these go to the renderer in pages). */
export type RequestSummary = {
  id: string;
  appId: string;
  appName: string;
  appIconUrl: string;
  developerType: DeveloperType | string;
  directoryApproved: boolean;
  teamId: string;
  teamName: string;
  requesterName: string;
  createdAt: number; // Unix seconds, as Slack sends it
  scopeCount: number;
  sensitiveCount: number;
  newScopeCount: number; // scopes not covered by the previous resolution
  previousStatus: 'approved' | 'restricted' | null;
};

/** A request with everything the detail view needs. */
export type RequestDetail = RequestSummary & {
  appDescription: string;
  requesterEmail: string;
  message: string;
  links: { label: string; url: string }[];
  scopes: Scope[];
  previousScopes: Scope[];
};

export type AccountSummary = {
  enterpriseId: string;
  enterpriseName: string;
  userName: string;
  isDemo: boolean;
  /** Where the token lives: encrypted on disk, or only in memory for this session. */
  tokenStorage: 'encrypted' | 'memory';
};

export type SessionState =
  { status: 'signed_out'; demoAvailable: boolean } | { status: 'signed_in'; account: AccountSummary };

export type InboxPage = { total: number; offset: number; items: RequestSummary[] };

export type SyncStatus = {
  state: 'idle' | 'syncing' | 'error';
  lastSyncedAt: number | null; // ms since epoch
  done: number; // pages fetched
  error?: string;
};
