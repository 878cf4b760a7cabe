/**
 * The queue's send and verify path: one action sent to Slack, the outcome read into the next step
 * (`nextAfterFailure`, failure-policy.ts), and where Slack may have acted, Slack read before anything
 * else. ActionQueue decides when an action goes (drain-plan.ts); this decides what its answer means
 * and writes it through the queue, so disk, memory and listeners stay in step.
 */
import { methodOf, type QueuedAction } from '../../shared/actions';
import { auditEntryFor, type AuditEvent } from './audit';
import { nextAfterFailure, type FailureLimits, type NextStep, type PauseReason } from './failure-policy';
import type { QueueCommit, VerifyResult } from './queue-ports';
import { toSendError, type ActionQueueOptions, type SendError } from './queue-types';
import { backoffDelay, type BackoffOptions } from '../time/backoff';

export const DAY_MS = 24 * 60 * 60_000;

/** What the send path is given: the queue's sender and verifier, and its limits. */
export type SendPathConfig = Pick<
  ActionQueueOptions,
  'send' | 'verify' | 'acquire' | 'onConnectivity' | 'onError'
> & {
  now: () => number;
  random: () => number;
  maxAttempts: number;
  maxAgeMs: number;
  backoff: BackoffOptions;
};

/** What the send path reads and changes of the queue it works for. */
export type SendPathHost = {
  readonly records: ReadonlyMap<string, QueuedAction>;
  /** Records left `sending` whose outcome must be read from Slack before anything else. */
  readonly needsVerify: Set<string>;
  /** Paused or stopped: no new send starts. */
  halted(): boolean;
  pause(reason: PauseReason): void;
  /** Commits a change, then updates memory and tells listeners; `completed` are removals done. */
  write(change: QueueCommit, completed?: QueuedAction[]): void;
  /** As `write`, for an action's final state: it counts in the batch's progress. */
  writeSettled(change: QueueCommit, completed?: QueuedAction[]): void;
};

/** Sends and verifies the actions the queue launches, one call per launch. */
export class SendPath {
  constructor(
    private readonly config: SendPathConfig,
    private readonly host: SendPathHost,
  ) {}

  /** Sends a pending action once its rate slot is free; a crash after the write leads to verify. */
  async send(id: string): Promise<void> {
    const { config, host } = this;
    const first = host.records.get(id);
    if (!first) return;
    await (config.acquire?.(methodOf(first.action.kind)) ?? Promise.resolve());
    // While we waited for the rate limiter the action may have been undone, replaced or paused.
    const cur = host.records.get(id);
    if (!cur || cur.state !== 'pending' || host.halted()) return;
    const now = config.now();
    if (now - cur.ageStart >= config.maxAgeMs) {
      const days = Math.round(config.maxAgeMs / DAY_MS);
      this.settle(
        cur,
        'needs_attention',
        `Not sent: queued more than ${days} days ago. Retry to send it anyway.`,
      );
      return;
    }
    const sending: QueuedAction = { ...cur, state: 'sending', attempts: cur.attempts + 1, updatedAt: now };
    host.write({ put: [sending] }); // durable before the call, so a crash leads to verify, not a resend
    try {
      await config.send(sending.action);
    } catch (err) {
      await this.afterSendFailure(sending, toSendError(err));
      return;
    }
    config.onConnectivity?.(true);
    this.settle(sending, 'done', 'applied');
  }

  /** Reads Slack for an action left `sending` (after a crash, or an uncertain answer). */
  async verify(id: string): Promise<void> {
    const cur = this.host.records.get(id);
    if (!cur || cur.state !== 'sending') return;
    let result: VerifyResult;
    try {
      result = await this.config.verify(cur.action);
    } catch (err) {
      this.afterVerifyFailure(cur, toSendError(err));
      return;
    }
    this.config.onConnectivity?.(true);
    this.host.needsVerify.delete(id);
    this.apply(cur, nextAfterFailure(cur, { kind: 'verified', result, cause: null }, this.limits()));
  }

  /** Something inside the queue threw during a launch (a failed disk write, a bug). */
  recover(id: string, error: unknown): void {
    this.config.onError?.(error);
    const rec = this.host.records.get(id);
    if (!rec) return;
    // Back off either way, so a failing disk does not turn the drain loop into a busy loop.
    rec.nextAttemptAt =
      this.config.now() + backoffDelay(rec.failures + 1, this.config.random, this.config.backoff);
    // Memory and disk agree it is `sending`; we cannot tell if Slack acted, so verify later.
    if (rec.state === 'sending') this.host.needsVerify.add(id);
  }

  /** A send threw: decide, and where Slack may have acted, read it before anything else. */
  private async afterSendFailure(rec: QueuedAction, err: SendError): Promise<void> {
    this.config.onConnectivity?.(err.category !== 'network');
    const failed = { ...rec, lastError: { code: err.code, category: err.category, message: err.message } };
    const next = nextAfterFailure(failed, { kind: 'send_failed', error: err }, this.limits());
    if (next.do !== 'verify') return this.apply(failed, next);
    let result: VerifyResult;
    try {
      result = await this.config.verify(rec.action);
    } catch (verifyErr) {
      this.afterVerifyFailure(failed, toSendError(verifyErr));
      return;
    }
    this.apply(failed, nextAfterFailure(failed, { kind: 'verified', result, cause: err }, this.limits()));
  }

  /** Slack could not be read to confirm an outcome: the record stays `sending` to be read again. */
  private afterVerifyFailure(rec: QueuedAction, err: SendError): void {
    this.host.needsVerify.add(rec.id);
    const next = nextAfterFailure(rec, { kind: 'verify_failed', error: err }, this.limits());
    if (next.do !== 'pause' && err.category === 'network') this.config.onConnectivity?.(false);
    this.apply(rec, next);
  }

  private limits(): FailureLimits {
    const { now, maxAttempts, maxAgeMs, backoff, random } = this.config;
    return { now: now(), maxAttempts, maxAgeMs, backoff, random };
  }

  /** Carries out what nextAfterFailure decided. */
  private apply(rec: QueuedAction, next: NextStep): void {
    const { host } = this;
    const now = this.config.now();
    switch (next.do) {
      case 'verify':
        // Read Slack through the drain loop (the send path reads at once, before calling apply).
        host.needsVerify.add(rec.id);
        host.write({ put: [{ ...rec, state: 'sending', updatedAt: now, nextAttemptAt: now }] });
        return;
      case 'pause':
        host.pause(next.reason);
        return;
      case 'pending': {
        const { attempts, failures, nextAttemptAt } = next;
        this.backToPending(rec, { attempts, failures, nextAttemptAt });
        if (next.pause) host.pause(next.pause);
        return;
      }
      case 'verify_later': {
        const { failures, nextAttemptAt } = next;
        host.write({ put: [{ ...rec, state: 'sending', failures, updatedAt: now, nextAttemptAt }] });
        return;
      }
      case 'settle':
        host.needsVerify.delete(rec.id);
        this.settle({ ...rec, attempts: next.attempts }, next.state, next.outcome);
    }
  }

  private settle(rec: QueuedAction, state: 'done' | 'conflict' | 'needs_attention', result: string): void {
    const now = this.config.now();
    const event: AuditEvent = state;
    const final: QueuedAction = { ...rec, state, outcome: result, updatedAt: now };
    const audit = [auditEntryFor(final, event, now, result)];
    // Done actions leave the queue table in the same transaction that writes their audit entry.
    if (state === 'done') this.host.writeSettled({ remove: [rec.id], audit }, [final]);
    else this.host.writeSettled({ put: [final], audit });
  }

  /**
   * Puts an action that did not take effect back to pending, unless a newer decision with the same
   * key is waiting behind it: then the newer one wins and this one is superseded, never sent.
   */
  private backToPending(rec: QueuedAction, patch: Partial<QueuedAction>): void {
    const now = this.config.now();
    const newer = [...this.host.records.values()].find(
      (r) => r.key === rec.key && r.seq > rec.seq && r.state === 'pending',
    );
    if (newer) {
      const entry = auditEntryFor(rec, 'superseded', now, `replaced by ${newer.action.kind} ${newer.id}`);
      this.host.write({ remove: [rec.id], audit: [entry] });
      return;
    }
    this.host.write({ put: [{ ...rec, ...patch, state: 'pending', updatedAt: now }] });
  }
}
