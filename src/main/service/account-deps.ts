/** What the account manager is built from: the host's adapters, policy and the data folder. */
import type { Logger } from '../log';
import type { EventSink } from '../../shared/contract';
import type { RequestSummary } from '../../shared/view-types';
import type { Vault } from '../auth';
import type { RateLimiter } from '../slack';
import type { ListWorker } from '../slack/list-worker-port';

/** Starts a Slack simulator with the demo org; the service signs into it. */
export type DemoLauncher = () => Promise<{ apiUrl: string; token: string; close(): Promise<void> }>;

export type AccountDeps = {
  dataDir: string;
  apiUrl: string;
  fetch?: typeof fetch;
  /** Where inbox syncs read and store their pages (see sync/worker/). */
  listWorker?: ListWorker;
  emit: EventSink;
  vault: Vault;
  limiter: RateLimiter;
  launchDemo?: DemoLauncher;
  /** Opens the system browser; absent in the browser host, where the page opens the URL itself. */
  openUrl?: (url: string) => Promise<void>;
  oauth: { clientId: string | null; redirectPorts: number[]; allowedEnterpriseIds: string[] };
  /** Remembers which org to reopen at the next launch. */
  lastOrg: { get(): string | null; set(enterpriseId: string | null): void };
  problems: () => string[];
  syncIntervalMs?: number;
  /** Told of the requests a sync brought to an org's cache (not its first sync). */
  onNewRequests?: (added: RequestSummary[]) => void;
  /** How long one Slack call may take before it counts as a network failure (default 30 s). */
  slackTimeoutMs?: number;
  /** Where background failures go (redacted). */
  logger?: Logger;
};
