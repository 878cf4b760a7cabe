/** The queue's counts: its batch progress and ETA, and how many actions are in each state. */
import { methodOf, type ActionState, type QueuedAction } from '../../shared/actions';
import { callsPerMinute } from '../slack/method-tiers';
import type { QueueProgress } from './queue-types';

type Kind = QueuedAction['action']['kind'];
const paces = new Map<Kind, number>();
/** How long one action of this kind holds its method's rate-limit budget (Slack's tier for it). */
const paceMs = (kind: Kind): number => {
  let ms = paces.get(kind);
  if (ms === undefined) paces.set(kind, (ms = 60_000 / callsPerMinute(methodOf(kind))));
  return ms;
};

/** Actions still to send: pending or sending. */
export const outstanding = (records: Iterable<QueuedAction>): number => {
  let n = 0;
  for (const r of records) if (r.state === 'pending' || r.state === 'sending') n += 1;
  return n;
};

/**
 * Progress of the current batch (`done` since the queue was last empty). The ETA adds up each waiting
 * action's share of its method's Slack tier (uninstall, Tier 1: 60 s; the others, Tier 2: 3 s),
 * and is never sooner than the latest backoff; while paused nobody knows, so it is null.
 */
export const countProgress = (
  records: Iterable<QueuedAction>,
  done: number,
  now: number,
  paused: boolean,
): QueueProgress => {
  let remaining = 0;
  let paced = 0;
  let waits = 0;
  for (const r of records) {
    if (r.state !== 'pending' && r.state !== 'sending') continue;
    remaining += 1;
    paced += paceMs(r.action.kind);
    waits = Math.max(waits, r.nextAttemptAt - now);
  }
  const etaMs = remaining === 0 ? 0 : paused ? null : Math.round(Math.max(paced, waits));
  return { total: done + remaining, done, etaMs };
};

/** How many actions are in each state; `done` is the batch's, since done actions leave the queue. */
export const countStates = (actions: readonly QueuedAction[], done: number): Record<ActionState, number> => {
  const counts: Record<ActionState, number> = {
    pending: 0,
    sending: 0,
    done: 0,
    conflict: 0,
    needs_attention: 0,
  };
  for (const a of actions) counts[a.state] += 1;
  counts.done = done;
  return counts;
};
