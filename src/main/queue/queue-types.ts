/** The action queue's public types and its reading of sender errors. */
import type { PauseReason } from './failure-policy';
import type { ActionState, Actor, QueuedAction } from '../../shared/actions';
import type { BackoffOptions } from '../time/backoff';
import type { Timers } from '../time/timers';
import type { ActionSender, ActionVerifier, QueueStorage, SendErrorLike } from './queue-ports';

export type ActionQueueOptions = {
  storage: QueueStorage;
  send: ActionSender;
  verify: ActionVerifier;
  /** Who is deciding right now (recorded on enqueue, undo, discard and retry). */
  actor: () => Actor;
  /** Waits for the rate limiter before each send. */
  acquire?: (method: string) => Promise<void>;
  now?: () => number;
  random?: () => number;
  timers?: Timers;
  newId?: () => string;
  maxAttempts?: number;
  maxAgeMs?: number;
  backoff?: BackoffOptions;
  /** How many keys may have an action in flight at once. */
  concurrency?: number;
  /** Told whether Slack was reachable on each call (false only for network errors). */
  onConnectivity?: (reachable: boolean) => void;
  /** A stored record failed re-validation; it stays on disk untouched and is never sent. */
  onInvalidRecord?: (id: string, problem: string) => void;
  /** Something went wrong inside the queue itself (e.g. a failed disk write after a send). */
  onError?: (error: unknown) => void;
};

export type QueueStatus =
  { state: 'running' } | { state: 'paused'; reason: PauseReason; label: string } | { state: 'stopped' };

export type QueueProgress = { total: number; done: number; etaMs: number | null };

export type QueueSnapshot = {
  status: QueueStatus;
  progress: QueueProgress;
  actions: QueuedAction[];
  counts: Record<ActionState, number>;
};

/** A per-change event: records written, records removed, and the queue's status and progress after it. */
export type QueueChange = {
  changed: QueuedAction[];
  removed: string[];
  /** Removed records that left because Slack applied them (state done), so the UI can say "Done". */
  completed: QueuedAction[];
  status: QueueStatus;
  progress: QueueProgress;
};

/** A sender error reduced to the fields the queue acts on. */
export type SendError = { code: string; category: string; message: string; retryAfterMs: number };

/** Reads whatever the sender threw into the fields the queue acts on. */
export const toSendError = (err: unknown): SendError => {
  const e = (typeof err === 'object' && err !== null ? err : {}) as SendErrorLike;
  return {
    code: typeof e.code === 'string' ? e.code : 'unknown_error',
    // An error without a category (a bug, a dropped socket) may have happened after Slack acted.
    category: typeof e.category === 'string' ? e.category : 'uncertain',
    message: typeof e.message === 'string' && e.message !== '' ? e.message : String(err),
    retryAfterMs: typeof e.retryAfterMs === 'number' && e.retryAfterMs > 0 ? e.retryAfterMs : 0,
  };
};
