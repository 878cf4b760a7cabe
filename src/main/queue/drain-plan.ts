/**
 * Which actions the queue starts now and when it looks again: oldest first, one action in flight per
 * key, never past the concurrency limit, a pending action never overtaking a `sending` one of its key.
 * Pure: the queue launches what this returns, in order.
 */
import type { QueuedAction } from '../../shared/actions';

/** What the drain reads: the records, which are to be verified, the keys in flight, the free slots. */
export type DrainState = {
  records: Iterable<QueuedAction>;
  needsVerify: ReadonlySet<string>;
  busyKeys: ReadonlySet<string>;
  /** How many more calls may be in flight. */
  free: number;
  now: number;
};

/** The actions to start (a `sending` one is read, not resent) and when the next waiting one is due. */
export type DrainPlan = {
  launch: { rec: QueuedAction; verifying: boolean }[];
  /** When to schedule again; null when nothing waits, or when every slot is taken (a finishing call reschedules). */
  wakeAt: number | null;
};

/** Plans one pass of the drain loop. */
export const planDrain = (s: DrainState): DrainPlan => {
  const records = [...s.records].sort((a, b) => a.seq - b.seq);
  const sendingKeys = new Set<string>();
  for (const r of records) if (r.state === 'sending') sendingKeys.add(r.key);
  const busy = new Set(s.busyKeys);
  const launch: DrainPlan['launch'] = [];
  let next = Infinity;
  for (const rec of records) {
    if (launch.length >= s.free) return { launch, wakeAt: null }; // a finishing call reschedules
    if (busy.has(rec.key)) continue;
    const verifying = rec.state === 'sending' && s.needsVerify.has(rec.id);
    if (!verifying && (rec.state !== 'pending' || sendingKeys.has(rec.key))) continue;
    if (rec.nextAttemptAt > s.now) {
      next = Math.min(next, rec.nextAttemptAt);
      continue;
    }
    busy.add(rec.key);
    launch.push({ rec, verifying });
  }
  return { launch, wakeAt: next < Infinity ? next : null };
};
