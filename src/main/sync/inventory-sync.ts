/**
 * The approved and restricted lists of each place (the org and each workspace), read on their own
 * cadence rather than with every inbox refresh: they feed the scope diff, the verifier and the
 * Approved / Restricted views, and change far less often than the inbox. Each place's read is
 * recorded (complete, partial or failed, and when its lists were last read in full) so the views can
 * say how old they are; a list Slack could not give keeps its cached copy.
 */
import type { Target } from '../../shared/actions';
import type { ResolvedApp } from '../../shared/models';
import type { TargetSyncState } from '../../shared/view-types';
import type { SyncSlackPort } from './sync-engine';
import { toSlackTarget } from '../slack/target';
import type { InventorySyncRecord, OrgStore } from '../store/org-store';
import { countCall, describeError, describeSkipped, isFatal, type SyncTargetError } from './sync-problems';

/** One place whose lists are read: its id (T… or E…), its name in problems, and where to ask. */
export type InventoryPlace = { id: string; name: string; target: Target };

export type InventorySyncOptions = {
  slack: Pick<SyncSlackPort, 'listApproved' | 'listRestricted'>;
  store: Pick<OrgStore, 'replaceResolved' | 'recordInventorySync'>;
  places: readonly InventoryPlace[];
  now?: () => number;
};

export type InventorySyncResult = {
  /** Places at least one list of which was read and written. */
  read: string[];
  errors: SyncTargetError[];
  /** True only when both lists of every place were read completely. */
  complete: boolean;
  problems: string[];
  /** Calls made, by method (every page of both certified variants). */
  calls: Record<string, number>;
  finishedAt: number;
};

/** Reads both lists of each place in turn; throws only errors that would fail every place. */
export const runInventorySync = async (o: InventorySyncOptions): Promise<InventorySyncResult> => {
  const now = o.now ?? Date.now;
  const result: InventorySyncResult = {
    read: [],
    errors: [],
    complete: true,
    problems: [],
    calls: {},
    finishedAt: 0,
  };
  const count = (method: string): void => countCall(result.calls, method);
  for (const place of o.places) {
    const problems: string[] = [];
    let failed = 0;
    const read = async (
      list: typeof o.slack.listApproved,
      what: 'approved' | 'restricted',
    ): Promise<ResolvedApp[] | undefined> => {
      const method = `admin.apps.${what}.list`;
      try {
        const listed = await list.call(o.slack, toSlackTarget(place.target), () => count(method));
        if (listed.skipped.length > 0)
          problems.push(describeSkipped(place.name, listed.skipped, `${what} app`));
        return listed.items;
      } catch (error) {
        if (isFatal(error)) throw error;
        const e = describeError(place.id, error);
        result.errors.push(e);
        failed += 1;
        problems.push(`${place.name}: ${what} apps could not be read (${e.message})`);
        return undefined;
      }
    };
    const [approved, restricted] = await Promise.all([
      read(o.slack.listApproved, 'approved'),
      read(o.slack.listRestricted, 'restricted'),
    ]);
    if (approved || restricted) {
      o.store.replaceResolved(place.id, {
        ...(approved ? { approved } : {}),
        ...(restricted ? { restricted } : {}),
      });
      result.read.push(place.id);
    }
    const at = now();
    const state: TargetSyncState = failed === 2 ? 'failed' : problems.length > 0 ? 'partial' : 'complete';
    if (state !== 'complete') result.complete = false;
    result.problems.push(...problems);
    const record: InventorySyncRecord = {
      target: place.id,
      state,
      attemptedAt: at,
      syncedAt: state === 'complete' ? at : null,
      problems,
    };
    o.store.recordInventorySync(record);
  }
  result.finishedAt = now();
  return result;
};
