/**
 * The queue's state diagram as a table: a record and what happened to it → the next step
 * (nextAfterFailure). Backoff is drawn with random = 1, so each delay is the full ceiling
 * (1 s · 2^(failures − 1), at least Retry-After).
 */
import { describe, expect, it } from 'vitest';
import {
  nextAfterFailure,
  type FailedRecord,
  type FailureError,
  type FailureLimits,
  type FailureOutcome,
  type NextStep,
} from './failure-policy';

const NOW = 1_700_000_000_000;
const DAY = 24 * 60 * 60_000;
const limits: FailureLimits = {
  now: NOW,
  maxAttempts: 8,
  maxAgeMs: 7 * DAY,
  backoff: { baseMs: 1_000, capMs: 5 * 60_000 },
  random: () => 1,
};
/** Sent once, never failed before, queued a second ago, due 5 ms ago. */
const rec: FailedRecord = { attempts: 1, failures: 0, ageStart: NOW - 1_000, nextAttemptAt: NOW - 5 };
const err = (category: string, code: string, retryAfterMs = 0): FailureError => ({
  category,
  code,
  message: `Slack said ${code}`,
  retryAfterMs,
});
const sendFailed = (e: FailureError): FailureOutcome => ({ kind: 'send_failed', error: e });
const verifyFailed = (e: FailureError): FailureOutcome => ({ kind: 'verify_failed', error: e });

const table: [string, Partial<FailedRecord>, FailureOutcome, NextStep][] = [
  // A failed send.
  [
    'reauth: back to pending, the attempt given back, the queue paused',
    {},
    sendFailed(err('reauth', 'token_revoked')),
    { do: 'pending', attempts: 0, failures: 0, nextAttemptAt: NOW - 5, pause: 'reauth' },
  ],
  [
    'app not installed: the same, paused for the install',
    {},
    sendFailed(err('app_not_installed', 'app_management_app_not_installed_on_org')),
    { do: 'pending', attempts: 0, failures: 0, nextAttemptAt: NOW - 5, pause: 'app_not_installed' },
  ],
  [
    'conflict: read Slack first',
    {},
    sendFailed(err('conflict', 'request_already_resolved')),
    { do: 'verify' },
  ],
  ['uncertain: read Slack first', {}, sendFailed(err('uncertain', 'fatal_error')), { do: 'verify' }],
  [
    'a timeout may have reached Slack: read it first',
    {},
    sendFailed(err('network', 'network_timeout')),
    { do: 'verify' },
  ],
  [
    'a refused connection: wait, the attempt not spent',
    {},
    sendFailed(err('network', 'network_error')),
    { do: 'pending', attempts: 0, failures: 1, nextAttemptAt: NOW + 1_000 },
  ],
  [
    '429: wait out Retry-After, the attempt not spent',
    {},
    sendFailed(err('retryable', 'ratelimited', 30_000)),
    { do: 'pending', attempts: 0, failures: 1, nextAttemptAt: NOW + 30_000 },
  ],
  [
    '5xx: back off, the attempt spent; the delay doubles with each failure',
    { attempts: 4, failures: 3 },
    sendFailed(err('retryable', 'http_server_error')),
    { do: 'pending', attempts: 4, failures: 4, nextAttemptAt: NOW + 8_000 },
  ],
  [
    'the last attempt spent: needs attention',
    { attempts: 8, failures: 7 },
    sendFailed(err('retryable', 'http_server_error')),
    {
      do: 'settle',
      state: 'needs_attention',
      outcome: 'Gave up after 8 attempts: Slack said http_server_error',
      attempts: 8,
    },
  ],
  [
    'queued for the maximum age: needs attention',
    { ageStart: NOW - 7 * DAY },
    sendFailed(err('network', 'network_error')),
    {
      do: 'settle',
      state: 'needs_attention',
      outcome: 'Still failing after 7 days: Slack said network_error',
      attempts: 0,
    },
  ],
  [
    'permission: needs attention at once',
    {},
    sendFailed(err('permission', 'not_allowed')),
    { do: 'settle', state: 'needs_attention', outcome: 'Slack said not_allowed', attempts: 1 },
  ],
  // Slack was read.
  [
    'after a crash, Slack shows it applied: done',
    {},
    { kind: 'verified', result: { status: 'applied' }, cause: null },
    { do: 'settle', state: 'done', outcome: 'applied (confirmed after restart)', attempts: 1 },
  ],
  [
    'after a timeout, Slack shows it applied: done, naming the error',
    {},
    {
      kind: 'verified',
      result: { status: 'applied', description: 'approved' },
      cause: err('network', 'network_timeout'),
    },
    {
      do: 'settle',
      state: 'done',
      outcome: 'already applied (Slack said network_timeout): approved',
      attempts: 1,
    },
  ],
  [
    'Slack shows another decision: conflict',
    {},
    {
      kind: 'verified',
      result: { status: 'conflict', description: 'restricted by someone else' },
      cause: null,
    },
    { do: 'settle', state: 'conflict', outcome: 'restricted by someone else', attempts: 1 },
  ],
  [
    'Slack said conflict and shows nothing: conflict',
    {},
    {
      kind: 'verified',
      result: { status: 'not_applied' },
      cause: err('conflict', 'request_already_resolved'),
    },
    {
      do: 'settle',
      state: 'conflict',
      outcome: 'Slack said request_already_resolved; Slack does not show this decision',
      attempts: 1,
    },
  ],
  [
    'a timeout that did not apply: sent again, the attempt spent',
    {},
    { kind: 'verified', result: { status: 'not_applied' }, cause: err('network', 'network_timeout') },
    { do: 'pending', attempts: 1, failures: 1, nextAttemptAt: NOW + 1_000 },
  ],
  [
    'after a crash, not applied: pending now, the interrupted attempt counted',
    {},
    { kind: 'verified', result: { status: 'not_applied' }, cause: null },
    { do: 'pending', attempts: 1, failures: 0, nextAttemptAt: NOW },
  ],
  // Reading Slack failed.
  [
    'the read needs sign-in: the queue pauses, the record waits',
    {},
    verifyFailed(err('reauth', 'token_revoked')),
    { do: 'pause', reason: 'reauth' },
  ],
  [
    'the read failed: read again after a backoff, still sending',
    {},
    verifyFailed(err('network', 'network_error')),
    { do: 'verify_later', failures: 1, nextAttemptAt: NOW + 1_000 },
  ],
  [
    'the reads keep failing: needs attention, the admin checks Slack',
    { failures: 7 },
    verifyFailed(err('network', 'network_error')),
    {
      do: 'settle',
      state: 'needs_attention',
      outcome: 'Could not confirm whether this was applied: Slack said network_error. Check Slack.',
      attempts: 1,
    },
  ],
];

describe('nextAfterFailure', () => {
  it.each(table)('%s', (_name, patch, outcome, next) => {
    expect(nextAfterFailure({ ...rec, ...patch }, outcome, limits)).toEqual(next);
  });
});
