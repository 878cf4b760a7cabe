/**
 * The inbox sync: every workspace's and the org's pending requests (admin.apps.requests.list only;
 * the approved and restricted lists are read on their own cadence by inventory-sync.ts), each
 * target written to the store atomically, with the changes emitted to the UI in IPC-sized chunks.
 * Honest about what it could not read: each target ends complete, partial (some items unreadable)
 * or failed (its cached rows are kept), and "last synced" only advances when every target was read
 * completely. Targets where requests appeared most recently are read first. The reads are in
 * target-reads.ts, the writes and what they tell the renderer in target-writes.ts.
 */
import { targetId, type Target } from '../../shared/actions';
import type { AppRequest, ResolvedApp, Team } from '../../shared/models';
import type { TargetSyncState } from '../../shared/view-types';
import type { WorkerRead, WriteTo } from '../slack/list-worker-port';
import type { SlackTarget as SlackTargetArg } from '../slack/target';
import type { SkippedItem } from '../slack/wire';
import {
  type PreparedRequest,
  type RequestDelta,
  type TargetSnapshot,
  type TargetSyncRecord,
} from '../store/org-store';
import type { SyncDeltaChunk } from './delta-chunks';
import { countCall, describeSkipped, type SyncTargetError } from './sync-problems';
import { readInOrder, type Fetched } from './target-reads';
import { emit, writeRequests, wrote, type WriteContext } from './target-writes';
import { SummaryRows } from './summary-rows';

export type { SyncTargetError } from './sync-problems';

/** A list as the client returns it: what parsed, and what was skipped. */
type Listed<T> = { items: T[]; skipped: SkippedItem[] };
type OnPage<T> = (page: { items: T[] }) => void;

/** The Slack reads the syncs need (a subset of SlackAdminClient). */
export type SyncSlackPort = {
  listTeams(): Promise<Listed<Team>>;
  listRequests(target: SlackTargetArg, onPage?: OnPage<AppRequest>): Promise<Listed<AppRequest>>;
  /**
   * The same list as rows ready for the store (the client prepares them on its list worker); when
   * absent, the sync prepares what listRequests returns, in slices.
   */
  readRequests?(
    target: SlackTargetArg,
    onPage?: (p: { rows: number }) => void,
    writeTo?: WriteTo,
  ): Promise<WorkerRead>;
  listApproved(target: SlackTargetArg, onPage?: OnPage<ResolvedApp>): Promise<Listed<ResolvedApp>>;
  listRestricted(target: SlackTargetArg, onPage?: OnPage<ResolvedApp>): Promise<Listed<ResolvedApp>>;
};

/** The store writes a sync makes (a subset of OrgStore). */
export type SyncStorePort = {
  replaceTeams(teams: Team[]): void;
  listTeams(): Team[];
  replaceTarget(target: string, snapshot: TargetSnapshot): RequestDelta;
  replacePrepared(target: string, rows: readonly PreparedRequest[], keep?: readonly string[]): RequestDelta;
  pruneTargets(keep: string[]): string[];
  setLastSynced(ms: number): void;
  recordTargetSyncs(records: readonly TargetSyncRecord[]): void;
};

/** Progress after each page: pages fetched so far, and targets finished of all known targets. */
export type SyncProgress = {
  done: number;
  total?: number;
  targetsDone: number;
  targetsTotal?: number;
  target?: string;
};

export type SyncResult = {
  targets: number;
  pages: number;
  requests: number;
  added: number;
  changed: number;
  removed: number;
  /** Targets that could not be read; failed targets keep their cached rows. */
  errors: SyncTargetError[];
  /** How each target ended, in the order read. */
  outcomes: TargetSyncRecord[];
  /** True only when every target, and the workspace list, was read completely. */
  complete: boolean;
  /** Problems in plain words, most important first. */
  problems: string[];
  /** Calls made, by method (each page one call): what the refresh cost of Slack's budget. */
  calls: Record<string, number>;
  finishedAt: number;
};

export type FullSyncOptions = {
  slack: SyncSlackPort;
  store: SyncStorePort;
  enterpriseId: string;
  onProgress?: (p: SyncProgress) => void;
  onDelta?: (chunk: SyncDeltaChunk) => void;
  /** Filled with the app icons of the rows added and changed as they are written (a failed sync too). */
  iconUrls?: Set<string>;
  maxChunkBytes?: number;
  /**
   * The org database's file: with a client whose reads run on the sync worker, each target's rows
   * are written there by the worker (one transaction each) instead of on this thread.
   */
  storeFile?: string;
  /** How recently requests appeared at each target (any comparable number): higher is read first. */
  recency?: ReadonlyMap<string, number>;
  now?: () => number;
};

export { READ_AHEAD } from './target-reads';

/** Orders targets by `recency`, highest first; targets without one keep their order, after the rest. */
export const recentFirst = (targets: Target[], recency?: ReadonlyMap<string, number>): Target[] => {
  if (!recency || recency.size === 0) return targets;
  const rank = (t: Target): number => recency.get(targetId(t)) ?? Number.NEGATIVE_INFINITY;
  return targets
    .map((t, i) => ({ t, i, r: rank(t) }))
    .sort((a, b) => (b.r === a.r ? a.i - b.i : b.r > a.r ? 1 : -1))
    .map((x) => x.t);
};

const emptyResult = (): SyncResult => ({
  targets: 0,
  pages: 0,
  requests: 0,
  added: 0,
  changed: 0,
  removed: 0,
  errors: [],
  outcomes: [],
  complete: true,
  problems: [],
  calls: {},
  finishedAt: 0,
});

/**
 * The org's workspaces, written to the store: Slack's list, and (when an entry could not be read)
 * the cached ones it lacks. `complete` says whether the list was read whole.
 */
const readTeams = async (
  o: FullSyncOptions,
  result: SyncResult,
): Promise<{ teams: Team[]; complete: boolean }> => {
  const listedTeams = await o.slack.listTeams();
  result.pages += 1;
  countCall(result.calls, 'admin.teams.list');
  // An unreadable workspace entry must not make that workspace look gone: keep the cached list's names
  // and skip pruning this time.
  const complete = listedTeams.skipped.length === 0;
  if (!complete) {
    result.complete = false;
    result.problems.push(describeSkipped('Workspace list', listedTeams.skipped, 'workspace'));
  }
  const cachedTeams = complete ? [] : o.store.listTeams();
  const teams = [
    ...listedTeams.items,
    ...cachedTeams.filter((c) => !listedTeams.items.some((t) => t.id === c.id)),
  ];
  o.store.replaceTeams(teams);
  return { teams, complete };
};

/** A target read and written, and when. */
type Done = { fetched: Fetched; at: number };

/**
 * How each target ended, recorded in one write: outcomes and problems in the org's order (the org,
 * then the workspace list), whatever the read order. A target that did not end complete makes the
 * sync incomplete.
 */
const recordOutcomes = (
  o: FullSyncOptions,
  result: SyncResult,
  canonical: readonly Target[],
  done: Done[],
): void => {
  const position = new Map(canonical.map((t, i) => [targetId(t), i]));
  done.sort((a, b) => (position.get(a.fetched.id) ?? 0) - (position.get(b.fetched.id) ?? 0));
  for (const { fetched, at } of done) {
    const state: TargetSyncState = fetched.error
      ? 'failed'
      : fetched.problems.length > 0
        ? 'partial'
        : 'complete';
    if (state !== 'complete') result.complete = false;
    result.problems.push(...fetched.problems);
    const record: TargetSyncRecord = {
      target: fetched.id,
      name: fetched.name,
      level: fetched.level,
      state,
      attemptedAt: at,
      syncedAt: fetched.rows || fetched.written ? at : null,
      items: fetched.written?.count ?? fetched.rows?.length ?? null,
      skipped: fetched.skipped.length,
      error: fetched.error,
      problems: fetched.problems,
    };
    result.outcomes.push(record);
  }
  o.store.recordTargetSyncs(result.outcomes);
};

/** Runs one inbox sync; throws on reauth or network errors, records other per-target failures. */
export const runInboxSync = async (o: FullSyncOptions): Promise<SyncResult> => {
  const now = o.now ?? Date.now;
  const result = emptyResult();
  let targetsDone = 0;
  const known: { targetsTotal?: number } = {};
  let current: string | undefined;
  const report = (): void =>
    o.onProgress?.({ done: result.pages, targetsDone, targetsTotal: known.targetsTotal, target: current });
  const onPage = (): void => {
    result.pages += 1;
    countCall(result.calls, 'admin.apps.requests.list');
    report();
  };

  const { teams, complete: teamsComplete } = await readTeams(o, result);
  const names = new Map(teams.map((t) => [t.id, t.name]));
  const canonical: Target[] = [{ enterpriseId: o.enterpriseId }, ...teams.map((t) => ({ teamId: t.id }))];
  const targets = recentFirst(canonical, o.recency);
  known.targetsTotal = targets.length;
  result.targets = targets.length;
  report();

  const writes: WriteContext = { o, result };
  const done: Done[] = [];
  await readInOrder({ o, names, onPage, errors: result.errors }, targets, async (fetched) => {
    current = fetched.id;
    if (fetched.written) await wrote(writes, fetched, fetched.written);
    else if (fetched.rows) await writeRequests(writes, fetched, fetched.rows);
    done.push({ fetched, at: now() });
    targetsDone += 1;
    report();
  });
  recordOutcomes(o, result, canonical, done);

  // Workspaces that left the org take their requests with them; a target that failed keeps its rows.
  if (teamsComplete) {
    const pruned = o.store.pruneTargets(targets.map((t) => ('teamId' in t ? t.teamId : t.enterpriseId)));
    if (pruned.length > 0) {
      result.removed += pruned.length;
      await emit(writes, '', { added: SummaryRows.of([]), changed: SummaryRows.of([]), removed: pruned });
    }
  }

  result.finishedAt = now();
  if (result.complete) o.store.setLastSynced(result.finishedAt);
  return result;
};
