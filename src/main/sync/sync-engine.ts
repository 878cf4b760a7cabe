/**
 * The inbox sync: every workspace's and the org's pending requests (admin.apps.requests.list only;
 * the approved and restricted lists are read on their own cadence by inventory-sync.ts), each
 * target written to the store atomically, with the changes emitted to the UI in IPC-sized chunks.
 * Honest about what it could not read: each target ends complete, partial (some items unreadable)
 * or failed (its cached rows are kept), and "last synced" only advances when every target was read
 * completely. Targets where requests appeared most recently are read first.
 */
import { targetId, type Target } from '../../shared/actions';
import type { AppRequest, ResolvedApp, Team } from '../../shared/models';
import type { RequestSummary, TargetSyncState } from '../../shared/view-types';
import { WHOLE_ORG_LABEL } from '../inbox/labels';
import type { WorkerRead, WriteTo, WrittenTarget } from '../slack/list-worker-port';
import { toSlackTarget, type SlackTarget as SlackTargetArg } from '../slack/target';
import type { SkippedItem } from '../slack/wire';
import { prepareInSlices } from '../slack/client';
import {
  type PreparedRequest,
  type RequestDelta,
  type TargetSnapshot,
  type TargetSyncRecord,
} from '../store/org-store';
import { chunkDelta, MAX_CHUNK_BYTES, type SyncDeltaChunk } from './delta-chunks';
import { sliceDue, yieldNow } from '../time/slices';
import { countCall, describeError, describeSkipped, isFatal, type SyncTargetError } from './sync-problems';

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

/** How many targets' requests are read at once (their calls still go one slot at a time). */
export const READ_AHEAD = 3;

/** Orders targets by `recency`, highest first; targets without one keep their order, after the rest. */
export const recentFirst = (targets: Target[], recency?: ReadonlyMap<string, number>): Target[] => {
  if (!recency || recency.size === 0) return targets;
  const rank = (t: Target): number => recency.get(targetId(t)) ?? Number.NEGATIVE_INFINITY;
  return targets
    .map((t, i) => ({ t, i, r: rank(t) }))
    .sort((a, b) => (b.r === a.r ? a.i - b.i : b.r > a.r ? 1 : -1))
    .map((x) => x.t);
};

/** Runs one inbox sync; throws on reauth or network errors, records other per-target failures. */
export const runInboxSync = async (o: FullSyncOptions): Promise<SyncResult> => {
  const now = o.now ?? Date.now;
  const result: SyncResult = {
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
  };
  const count = (method: string): void => countCall(result.calls, method);
  let targetsDone = 0;
  const known: { targetsTotal?: number } = {};
  let current: string | undefined;
  const report = (): void =>
    o.onProgress?.({ done: result.pages, targetsDone, targetsTotal: known.targetsTotal, target: current });
  const onPage = (): void => {
    result.pages += 1;
    count('admin.apps.requests.list');
    report();
  };

  const listedTeams = await o.slack.listTeams();
  result.pages += 1;
  count('admin.teams.list');
  // An unreadable workspace entry must not make that workspace look gone: keep the cached list's names
  // and skip pruning this time.
  const teamsComplete = listedTeams.skipped.length === 0;
  if (!teamsComplete) {
    result.complete = false;
    result.problems.push(describeSkipped('Workspace list', listedTeams.skipped, 'workspace'));
  }
  const cachedTeams = teamsComplete ? [] : o.store.listTeams();
  const teams = [
    ...listedTeams.items,
    ...cachedTeams.filter((c) => !listedTeams.items.some((t) => t.id === c.id)),
  ];
  o.store.replaceTeams(teams);
  const names = new Map(teams.map((t) => [t.id, t.name]));
  const canonical: Target[] = [{ enterpriseId: o.enterpriseId }, ...teams.map((t) => ({ teamId: t.id }))];
  const targets = recentFirst(canonical, o.recency);
  known.targetsTotal = targets.length;
  result.targets = targets.length;
  report();

  /** Tells the renderer a target's delta, chunk by chunk, giving the event loop a turn between chunks. */
  const emit = async (
    target: string,
    rows: ReadonlyMap<string, { summary: RequestSummary; bytes: number }>,
    delta: RequestDelta,
  ): Promise<void> => {
    const pick = (ids: string[]): RequestSummary[] => ids.flatMap((id) => rows.get(id)?.summary ?? []);
    // Each row's summary JSON was made already: its length sizes the chunks without serialising again.
    const sizeOf = (s: RequestSummary): number | undefined => {
      const row = rows.get(s.id);
      return row?.summary === s ? row.bytes : undefined;
    };
    const chunks = chunkDelta(
      target,
      { added: pick(delta.added), changed: pick(delta.changed), removed: delta.removed },
      o.maxChunkBytes ?? MAX_CHUNK_BYTES,
      sizeOf,
    );
    for (const chunk of chunks) {
      if (sliceDue()) await yieldNow();
      o.onDelta?.(chunk);
    }
  };

  /** A target's requests as rows for the store: from the client's worker, or prepared here in slices. */
  const readPrepared = async (target: SlackTargetArg, id: string): Promise<WorkerRead> => {
    const writeTo = o.storeFile ? { file: o.storeFile, target: id } : undefined;
    if (o.slack.readRequests) return o.slack.readRequests(target, onPage, writeTo);
    const listed = await o.slack.listRequests(target, onPage);
    return { rows: await prepareInSlices(listed.items), written: null, skipped: listed.skipped };
  };

  /** What one target's reads found: its requests (null when they failed), its problems, and why. */
  type Fetched = {
    id: string;
    name: string;
    level: 'workspace' | 'org';
    rows: PreparedRequest[] | null;
    /** What the worker wrote for it, when it did. */
    written: WrittenTarget | null;
    skipped: SkippedItem[];
    problems: string[];
    error: string | null;
  };

  const placeOf = (target: Target): Pick<Fetched, 'id' | 'name' | 'level'> => {
    const org = 'enterpriseId' in target;
    const id = org ? target.enterpriseId : target.teamId;
    return { id, name: org ? WHOLE_ORG_LABEL : (names.get(id) ?? id), level: org ? 'org' : 'workspace' };
  };

  /** Reads one target's pending requests; throws only errors that make every other target fail too. */
  const fetchRequests = async (target: Target): Promise<Fetched> => {
    const place = placeOf(target);
    const fetched: Fetched = { ...place, rows: null, written: null, skipped: [], problems: [], error: null };
    try {
      const listed = await readPrepared(toSlackTarget(target), place.id);
      fetched.rows = listed.rows;
      fetched.written = listed.written;
      if (listed.skipped.length > 0) {
        fetched.problems.push(describeSkipped(place.name, listed.skipped, 'request'));
        fetched.skipped.push(...listed.skipped);
      }
    } catch (error) {
      if (isFatal(error)) throw error;
      const e = describeError(place.id, error);
      result.errors.push(e);
      fetched.error = e.message;
      fetched.problems.push(`${place.name}: requests could not be read (${e.message})`);
    }
    return fetched;
  };

  /** Starts reading a target's requests now; the rejection is observed when it is awaited. */
  const prefetch = (i: number): Promise<Fetched> | null => {
    const target = targets[i];
    if (!target) return null;
    const fetching = fetchRequests(target);
    fetching.catch(() => undefined); // a fatal error surfaces at its await, never as unhandled
    return fetching;
  };

  /**
   * Writes a target's requests and tells the renderer what changed. The rows' JSON and summaries
   * are computed in slices that yield; the write itself is one short transaction (all or nothing).
   */
  const writeRequests = async (fetched: Fetched, rows: PreparedRequest[]): Promise<void> => {
    await yieldNow();
    // A request Slack sent but Admit could not read keeps its cached copy rather than vanishing.
    const keep = fetched.skipped.flatMap((s) => (s.id ? [s.id] : []));
    const delta = o.store.replacePrepared(fetched.id, rows, keep);
    result.requests += rows.length;
    result.added += delta.added.length;
    result.changed += delta.changed.length;
    result.removed += delta.removed.length;
    if (delta.added.length + delta.changed.length + delta.removed.length > 0) {
      const byId = new Map<string, { summary: RequestSummary; bytes: number }>();
      for (const row of rows) {
        if (!byId.has(row.id))
          byId.set(row.id, { summary: row.summary, bytes: Buffer.byteLength(row.summaryJson) });
      }
      await emit(fetched.id, byId, delta);
    }
  };

  /** Counts and tells what the worker wrote for a target (its transaction is already committed). */
  const wrote = async (fetched: Fetched, written: WrittenTarget): Promise<void> => {
    const { delta, summaryJson } = written;
    result.requests += written.count;
    result.added += delta.added.length;
    result.changed += delta.changed.length;
    result.removed += delta.removed.length;
    if (delta.added.length + delta.changed.length + delta.removed.length === 0) return;
    const byId = new Map<string, { summary: RequestSummary; bytes: number }>();
    for (const json of summaryJson) {
      if (sliceDue()) await yieldNow();
      const summary = JSON.parse(json) as RequestSummary;
      byId.set(summary.id, { summary, bytes: Buffer.byteLength(json) });
    }
    await emit(fetched.id, byId, delta);
  };

  // READ_AHEAD targets in flight: the limiter spaces their calls, and a call slower than its slot
  // (a loaded machine, a slow page) no longer pushes every later slot back. Writes stay in order.
  const done: { fetched: Fetched; at: number }[] = [];
  const inFlight: Promise<Fetched>[] = [];
  let nextIndex = 0;
  const fill = (): void => {
    while (inFlight.length < READ_AHEAD) {
      const reading = prefetch(nextIndex);
      if (!reading) return;
      nextIndex += 1;
      inFlight.push(reading);
    }
  };
  fill();
  for (let reading = inFlight.shift(); reading; reading = inFlight.shift()) {
    const fetched = await reading;
    fill();
    current = fetched.id;
    if (fetched.written) await wrote(fetched, fetched.written);
    else if (fetched.rows) await writeRequests(fetched, fetched.rows);
    done.push({ fetched, at: now() });
    targetsDone += 1;
    report();
  }

  // Outcomes and problems in the org's order (the org, then the workspace list), whatever the read order.
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

  // Workspaces that left the org take their requests with them; a target that failed keeps its rows.
  if (teamsComplete) {
    const pruned = o.store.pruneTargets(targets.map((t) => ('teamId' in t ? t.teamId : t.enterpriseId)));
    if (pruned.length > 0) {
      result.removed += pruned.length;
      await emit('', new Map(), { added: [], changed: [], removed: pruned });
    }
  }

  result.finishedAt = now();
  if (result.complete) o.store.setLastSynced(result.finishedAt);
  return result;
};
