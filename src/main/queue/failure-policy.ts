/**
 * The action queue's failure policy as one pure function: what a failed send leads to, decided by the
 * error's category (and its code where the category is not enough). `action-queue.test.ts` pins it
 * with a table test; `docs/action-queue.md` has the same table in words.
 */

/** Why the whole queue is paused: the admin asked, or every send would fail until something outside Admit changes. */
export type PauseReason = 'reauth' | 'app_not_installed' | 'user';

/** The queue status label for each pause reason. */
export const PAUSE_LABELS: Readonly<Record<PauseReason, string>> = {
  reauth: 'paused: sign in',
  app_not_installed: "paused: an Org Owner or Admin must install Admit's Slack app on the whole org",
  user: 'paused',
};

/** Network failures after which the request may still have reached Slack (see the Slack client's codes). */
const MAY_HAVE_REACHED_SLACK = new Set(['network_timeout', 'network_reset', 'unreadable_response']);

/** What the queue does after a failed send. */
export type FailurePlan =
  /** Put the action back (the attempt does not count) and pause the whole queue. */
  | { do: 'pause'; reason: Exclude<PauseReason, 'user'> }
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
