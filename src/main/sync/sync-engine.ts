/**
 * Full sync: every workspace's and the org's pending requests, plus approved and restricted apps
 * for scope-diff context, each target written to the store atomically, with the changes emitted
 * to the UI in IPC-sized chunks.
 */
import type { AppRequest, ResolvedApp, Team } from '../../shared/slack-types';
import type { RequestSummary } from '../../shared/view-types';
import { toSummary } from '../inbox/summary';
import { toSlackTarget, type SlackTargetArg } from '../queue/verifier';
import type { Target } from '../../shared/actions';
import type { RequestDelta, TargetSnapshot } from '../store/org-store';
import { chunkDelta, MAX_CHUNK_BYTES, type SyncDeltaChunk } from './delta-chunks';

/** The Slack reads a sync needs (a subset of SlackAdminClient). */
export type SyncSlackPort = {
  listTeams(): Promise<Team[]>;
  listRequests(
    target: SlackTargetArg,
    onPage?: (page: { items: AppRequest[] }) => void,
  ): Promise<AppRequest[]>;
  listApproved(
    target: SlackTargetArg,
    onPage?: (page: { items: ResolvedApp[] }) => void,
  ): Promise<ResolvedApp[]>;
  listRestricted(
    target: SlackTargetArg,
    onPage?: (page: { items: ResolvedApp[] }) => void,
  ): Promise<ResolvedApp[]>;
};

/** The store writes a sync makes (a subset of OrgStore). */
export type SyncStorePort = {
  replaceTeams(teams: Team[]): void;
  replaceTarget(target: string, snapshot: TargetSnapshot): RequestDelta;
  pruneTargets(keep: string[]): string[];
  setLastSynced(ms: number): void;
};

/** Progress after each page: pages fetched so far, and targets finished of all known targets. */
export type SyncProgress = {
  done: number;
  total?: number;
  targetsDone: number;
  targetsTotal?: number;
  target?: string;
};

export type SyncTargetError = { target: string; code: string; category: string; message: string };

export type SyncResult = {
  targets: number;
  pages: number;
  requests: number;
  added: number;
  changed: number;
  removed: number;
  /** Targets that could not be read (left as they were); the sync itself still completed. */
  errors: SyncTargetError[];
  finishedAt: number;
};

export type FullSyncOptions = {
  slack: SyncSlackPort;
  store: SyncStorePort;
  enterpriseId: string;
  onProgress?: (p: SyncProgress) => void;
  onDelta?: (chunk: SyncDeltaChunk) => void;
  maxChunkBytes?: number;
  now?: () => number;
};

type ErrorFields = { code?: unknown; category?: unknown; message?: unknown };

const describeError = (target: string, error: unknown): SyncTargetError => {
  const e = (typeof error === 'object' && error !== null ? error : {}) as ErrorFields;
  return {
    target,
    code: typeof e.code === 'string' ? e.code : 'unknown_error',
    category: typeof e.category === 'string' ? e.category : 'unknown',
    message: typeof e.message === 'string' ? e.message : String(error),
  };
};

/** Errors that make every other target fail too: stop the sync rather than hammer Slack. */
const isFatal = (error: unknown): boolean => {
  const category = (error as ErrorFields | null)?.category;
  return category === 'reauth' || category === 'network';
};

/** Runs one full sync; throws on reauth or network errors, records other per-target failures. */
export const runFullSync = async (o: FullSyncOptions): Promise<SyncResult> => {
  const now = o.now ?? Date.now;
  const result: SyncResult = {
    targets: 0,
    pages: 0,
    requests: 0,
    added: 0,
    changed: 0,
    removed: 0,
    errors: [],
    finishedAt: 0,
  };
  let targetsDone = 0;
  const known: { targetsTotal?: number } = {};
  let current: string | undefined;
  const report = (): void =>
    o.onProgress?.({ done: result.pages, targetsDone, targetsTotal: known.targetsTotal, target: current });
  const onPage = (): void => {
    result.pages += 1;
    report();
  };

  const teams = await o.slack.listTeams();
  result.pages += 1;
  o.store.replaceTeams(teams);
  const targets: Target[] = [{ enterpriseId: o.enterpriseId }, ...teams.map((t) => ({ teamId: t.id }))];
  known.targetsTotal = targets.length;
  result.targets = targets.length;
  report();

  const emit = (target: string, summaries: Map<string, RequestSummary>, delta: RequestDelta): void => {
    const pick = (ids: string[]): RequestSummary[] => ids.flatMap((id) => summaries.get(id) ?? []);
    const chunks = chunkDelta(
      target,
      { added: pick(delta.added), changed: pick(delta.changed), removed: delta.removed },
      o.maxChunkBytes ?? MAX_CHUNK_BYTES,
    );
    for (const chunk of chunks) o.onDelta?.(chunk);
  };

  type Fetched = { id: string; snapshot: TargetSnapshot } | { id: string; failed: true };

  /** Reads one target from Slack; throws only errors that make every other target fail too. */
  const fetchTarget = async (target: Target): Promise<Fetched> => {
    const id = 'teamId' in target ? target.teamId : target.enterpriseId;
    const wire = toSlackTarget(target);
    // The three lists are separate methods with separate rate budgets: read them side by side.
    // Resolved apps only add context (scope diffs); a failure there must not hold back the inbox.
    const context = async (list: typeof o.slack.listApproved): Promise<ResolvedApp[] | undefined> => {
      try {
        return await list.call(o.slack, wire, onPage);
      } catch (error) {
        if (isFatal(error)) throw error;
        result.errors.push(describeError(id, error));
        return undefined;
      }
    };
    const [requests, approved, restricted] = await Promise.allSettled([
      o.slack.listRequests(wire, onPage),
      context(o.slack.listApproved),
      context(o.slack.listRestricted),
    ]);
    for (const settled of [requests, approved, restricted]) {
      if (settled.status === 'rejected' && isFatal(settled.reason)) throw settled.reason;
    }
    if (requests.status === 'rejected') {
      result.errors.push(describeError(id, requests.reason));
      return { id, failed: true };
    }
    const snapshot: TargetSnapshot = { requests: requests.value };
    if (approved.status === 'fulfilled' && approved.value) snapshot.approved = approved.value;
    if (restricted.status === 'fulfilled' && restricted.value) snapshot.restricted = restricted.value;
    return { id, snapshot };
  };

  /** Starts reading a target now; the rejection is observed when it is awaited. */
  const prefetch = (i: number): Promise<Fetched> | null => {
    const target = targets[i];
    if (!target) return null;
    const fetching = fetchTarget(target);
    fetching.catch(() => undefined); // a fatal error surfaces at its await, never as unhandled
    return fetching;
  };

  // One target ahead: the next one is read from Slack while this one is written to disk.
  let next = prefetch(0);
  for (let i = 0; next; i++) {
    const fetched = await next;
    next = prefetch(i + 1);
    current = fetched.id;
    if ('failed' in fetched) {
      targetsDone += 1;
      report();
      continue;
    }
    const { id, snapshot } = fetched;
    const delta = o.store.replaceTarget(id, snapshot);
    result.requests += snapshot.requests.length;
    result.added += delta.added.length;
    result.changed += delta.changed.length;
    result.removed += delta.removed.length;
    if (delta.added.length + delta.changed.length + delta.removed.length > 0) {
      const summaries = new Map<string, RequestSummary>();
      const wanted = new Set([...delta.added, ...delta.changed]);
      for (const r of snapshot.requests) if (wanted.has(r.id)) summaries.set(r.id, toSummary(r));
      emit(id, summaries, delta);
    }
    targetsDone += 1;
    report();
  }

  // Workspaces that left the org take their requests with them; a target that failed keeps its rows.
  const pruned = o.store.pruneTargets(targets.map((t) => ('teamId' in t ? t.teamId : t.enterpriseId)));
  if (pruned.length > 0) {
    result.removed += pruned.length;
    emit('', new Map(), { added: [], changed: [], removed: pruned });
  }

  result.finishedAt = now();
  o.store.setLastSynced(result.finishedAt);
  return result;
};
