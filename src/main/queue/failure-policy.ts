/**
 * The action queue's failure policy as one pure function: what a failed send leads to, decided by the
 * error's category (and its code where the category is not enough). `action-queue.test.ts` pins it
 * with a table test; `docs/action-queue.md` has the same table in words. `nextAfterFailure` turns a
 * record and what happened to it into the queue's next step (failure-policy.test.ts).
 */
import { backoffDelay, type BackoffOptions } from '../time/backoff';
import type { VerifyResult } from './queue-ports';

/** Why the whole queue is paused: every send would fail until something outside Admit changes. */
export type PauseReason = 'reauth' | 'app_not_installed';

/** The queue status label for each pause reason. */
export const PAUSE_LABELS: Readonly<Record<PauseReason, string>> = {
  reauth: 'paused: sign in',
  app_not_installed: "paused: an Org Owner or Admin must install Admit's Slack app on the whole org",
};

/** Network failures after which the request may still have reached Slack (see the Slack client's codes). */
const MAY_HAVE_REACHED_SLACK = new Set(['network_timeout', 'network_reset', 'unreadable_response']);

/** What the queue does after a failed send. */
export type FailurePlan =
  /** Put the action back (the attempt does not count) and pause the whole queue. */
  | { do: 'pause'; reason: PauseReason }
  /** Read Slack to learn whether it took effect before any resend. */
  | { do: 'verify' }
  /** Back off and send again; `counts` says whether the attempt uses up one of maxAttempts. */
  | { do: 'retry'; counts: boolean }
  /** Stop and show it to the admin. */
  | { do: 'attention' };

/** Decides what a failure leads to, from its category (and code, where the category is not enough). */
export const planForFailure = (err: { code: string; category: string }): FailurePlan => {
  switch (err.category) {
    case 'reauth':
      return { do: 'pause', reason: 'reauth' };
    case 'app_not_installed':
      return { do: 'pause', reason: 'app_not_installed' };
    case 'conflict':
    case 'uncertain':
      return { do: 'verify' };
    case 'network':
      // A write that timed out, broke mid-way or got an unreadable answer may have reached Slack.
      // A refused connection never left the machine: it waits for the network, using no attempt.
      return MAY_HAVE_REACHED_SLACK.has(err.code) ? { do: 'verify' } : { do: 'retry', counts: false };
    case 'retryable':
      // A 429 is Slack pacing us, not the action failing: it waits out Retry-After for free.
      return { do: 'retry', counts: err.code !== 'ratelimited' };
    default:
      return { do: 'attention' };
  }
};

/** What the failure decision reads of a queued record. */
export type FailedRecord = { attempts: number; failures: number; ageStart: number; nextAttemptAt: number };

/** An error as the queue reads it (see `toSendError`). */
export type FailureError = { code: string; category: string; message: string; retryAfterMs: number };

/** What happened to an action that did not simply succeed. */
export type FailureOutcome =
  /** The send threw. */
  | { kind: 'send_failed'; error: FailureError }
  /** Slack was read; `cause` is the send error that prompted the read, null after a crash. */
  | { kind: 'verified'; result: VerifyResult; cause: FailureError | null }
  /** Reading Slack to confirm the outcome threw. */
  | { kind: 'verify_failed'; error: FailureError };

/** The queue's limits and randomness, so the decision stays pure. */
export type FailureLimits = {
  now: number;
  maxAttempts: number;
  maxAgeMs: number;
  backoff: BackoffOptions;
  random: () => number;
};

/** What the queue does next with the record. */
export type NextStep =
  /** Read Slack before anything else. */
  | { do: 'verify' }
  /** Leave the record as it is (still `sending`, to be read again) and pause the whole queue. */
  | { do: 'pause'; reason: PauseReason }
  /** Back to pending, not sent before `nextAttemptAt`; with `pause`, the whole queue pauses too. */
  | {
      do: 'pending';
      attempts: number;
      failures: number;
      nextAttemptAt: number;
      pause?: PauseReason;
    }
  /** Stays `sending`; Slack is read again at `nextAttemptAt`. */
  | { do: 'verify_later'; failures: number; nextAttemptAt: number }
  /** Stops here, with the outcome the admin sees. */
  | { do: 'settle'; state: 'done' | 'conflict' | 'needs_attention'; outcome: string; attempts: number };

const DAY_MS = 24 * 60 * 60_000;

/** Back off and send again, unless attempts or age are used up. `counts`: whether this attempt is spent. */
const retry = (rec: FailedRecord, err: FailureError, counts: boolean, l: FailureLimits): NextStep => {
  const attempts = counts ? rec.attempts : rec.attempts - 1;
  if (attempts >= l.maxAttempts)
    return {
      do: 'settle',
      state: 'needs_attention',
      outcome: `Gave up after ${attempts} attempts: ${err.message}`,
      attempts,
    };
  if (l.now - rec.ageStart >= l.maxAgeMs) {
    const days = Math.round(l.maxAgeMs / DAY_MS);
    const outcome = `Still failing after ${days} days: ${err.message}`;
    return { do: 'settle', state: 'needs_attention', outcome, attempts };
  }
  const failures = rec.failures + 1;
  const delay = backoffDelay(failures, l.random, l.backoff, err.retryAfterMs);
  return { do: 'pending', attempts, failures, nextAttemptAt: l.now + delay };
};

/** What Slack's current state means for the record. */
const afterVerify = (
  rec: FailedRecord,
  result: VerifyResult,
  cause: FailureError | null,
  l: FailureLimits,
): NextStep => {
  const settle = (state: 'done' | 'conflict', outcome: string): NextStep => ({
    do: 'settle',
    state,
    outcome,
    attempts: rec.attempts,
  });
  if (result.status === 'applied') {
    const how = cause ? `already applied (Slack said ${cause.code})` : 'applied (confirmed after restart)';
    return settle('done', result.description ? `${how}: ${result.description}` : how);
  }
  if (result.status === 'conflict') return settle('conflict', result.description);
  if (cause?.category === 'conflict')
    return settle(
      'conflict',
      `${cause.message}; ${result.description ?? 'Slack does not show this decision'}`,
    );
  if (cause) return retry(rec, cause, true, l);
  // Interrupted before Slack acted: back to pending; the interrupted attempt still counts.
  return { do: 'pending', attempts: rec.attempts, failures: rec.failures, nextAttemptAt: l.now };
};

/**
 * The queue's failure handling as one pure function: a record and what happened to it → what the
 * queue does next (state, attempts, failures, when, whether Slack is read first, whether it pauses).
 * The state diagram in action-queue.ts is this function; failure-policy.test.ts is its table.
 */
export const nextAfterFailure = (
  rec: FailedRecord,
  outcome: FailureOutcome,
  limits: FailureLimits,
): NextStep => {
  if (outcome.kind === 'verified') return afterVerify(rec, outcome.result, outcome.cause, limits);
  const err = outcome.error;
  const plan = planForFailure(err);
  if (outcome.kind === 'verify_failed') {
    if (plan.do === 'pause') return { do: 'pause', reason: plan.reason };
    const failures = rec.failures + 1;
    if (failures >= limits.maxAttempts) {
      const text = `Could not confirm whether this was applied: ${err.message}. Check Slack.`;
      return { do: 'settle', state: 'needs_attention', outcome: text, attempts: rec.attempts };
    }
    const delay = backoffDelay(failures, limits.random, limits.backoff, err.retryAfterMs);
    return { do: 'verify_later', failures, nextAttemptAt: limits.now + delay };
  }
  switch (plan.do) {
    case 'pause':
      // Slack refused before acting: nothing happened, and nothing else will succeed until fixed.
      return {
        do: 'pending',
        attempts: rec.attempts - 1,
        failures: rec.failures,
        nextAttemptAt: rec.nextAttemptAt,
        pause: plan.reason,
      };
    case 'verify':
      return { do: 'verify' };
    case 'retry':
      return retry(rec, err, plan.counts, limits);
    case 'attention':
      return { do: 'settle', state: 'needs_attention', outcome: err.message, attempts: rec.attempts };
  }
};
