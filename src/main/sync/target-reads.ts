/**
 * The reading half of the inbox sync (sync-engine.ts): each target's pending requests as rows for
 * the store, read and prepared on the client's sync worker (which may also write them) or prepared
 * here in slices, with READ_AHEAD targets in flight and handed on in the order they were asked for.
 * A target that cannot be read is recorded and handed on too; only errors that make every other
 * target fail as well (reauth, network, app not installed) stop the reads.
 */
import type { Target } from '../../shared/actions';
import { WHOLE_ORG_LABEL } from '../inbox/labels';
import type { WorkerRead, WrittenTarget } from '../slack/list-worker-port';
import { toSlackTarget, type SlackTarget } from '../slack/target';
import type { SkippedItem } from '../slack/wire';
import { prepareInSlices } from '../slack/client';
import type { PreparedRequest } from '../store/org-store';
import type { FullSyncOptions } from './sync-engine';
import { describeError, describeSkipped, isFatal, type SyncTargetError } from './sync-problems';

/** How many targets' requests are read at once (their calls still go one slot at a time). */
export const READ_AHEAD = 3;

/** What one target's reads found: its requests (null when they failed), its problems, and why. */
export type Fetched = {
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

/** What the reads need of the sync under way. */
export type ReadContext = {
  o: Pick<FullSyncOptions, 'slack' | 'storeFile'>;
  /** Workspace names by ID, for the problems' words. */
  names: ReadonlyMap<string, string>;
  /** Told after each page of requests. */
  onPage: () => void;
  /** Where a target that could not be read is recorded, as it fails. */
  errors: SyncTargetError[];
};

/** A target's requests as rows for the store: from the client's worker, or prepared here in slices. */
const readPrepared = async (c: ReadContext, target: SlackTarget, id: string): Promise<WorkerRead> => {
  const { o, onPage } = c;
  const writeTo = o.storeFile ? { file: o.storeFile, target: id } : undefined;
  if (o.slack.readRequests) return o.slack.readRequests(target, onPage, writeTo);
  const listed = await o.slack.listRequests(target, onPage);
  return { rows: await prepareInSlices(listed.items), written: null, skipped: listed.skipped };
};

const placeOf = (c: ReadContext, target: Target): Pick<Fetched, 'id' | 'name' | 'level'> => {
  const org = 'enterpriseId' in target;
  const id = org ? target.enterpriseId : target.teamId;
  return { id, name: org ? WHOLE_ORG_LABEL : (c.names.get(id) ?? id), level: org ? 'org' : 'workspace' };
};

/** Reads one target's pending requests; throws only errors that make every other target fail too. */
const fetchRequests = async (c: ReadContext, target: Target): Promise<Fetched> => {
  const place = placeOf(c, target);
  const fetched: Fetched = { ...place, rows: null, written: null, skipped: [], problems: [], error: null };
  try {
    const listed = await readPrepared(c, toSlackTarget(target), place.id);
    fetched.rows = listed.rows;
    fetched.written = listed.written;
    if (listed.skipped.length > 0) {
      fetched.problems.push(describeSkipped(place.name, listed.skipped, 'request'));
      fetched.skipped.push(...listed.skipped);
    }
  } catch (error) {
    if (isFatal(error)) throw error;
    const e = describeError(place.id, error);
    c.errors.push(e);
    fetched.error = e.message;
    fetched.problems.push(`${place.name}: requests could not be read (${e.message})`);
  }
  return fetched;
};

/** Starts reading a target's requests now; the rejection is observed when it is awaited. */
const prefetch = (c: ReadContext, targets: readonly Target[], i: number): Promise<Fetched> | null => {
  const target = targets[i];
  if (!target) return null;
  const fetching = fetchRequests(c, target);
  fetching.catch(() => undefined); // a fatal error surfaces at its await, never as unhandled
  return fetching;
};

/**
 * Reads every target's requests and hands each to `each` in the order of `targets`, once read.
 * READ_AHEAD targets are in flight: the limiter spaces their calls, and a call slower than its slot
 * (a loaded machine, a slow page) no longer pushes every later slot back. Writes stay in order.
 */
export const readInOrder = async (
  c: ReadContext,
  targets: readonly Target[],
  each: (fetched: Fetched) => Promise<void>,
): Promise<void> => {
  const inFlight: Promise<Fetched>[] = [];
  let nextIndex = 0;
  const fill = (): void => {
    while (inFlight.length < READ_AHEAD) {
      const reading = prefetch(c, targets, nextIndex);
      if (!reading) return;
      nextIndex += 1;
      inFlight.push(reading);
    }
  };
  fill();
  for (let reading = inFlight.shift(); reading; reading = inFlight.shift()) {
    const fetched = await reading;
    fill();
    await each(fetched);
  }
};
