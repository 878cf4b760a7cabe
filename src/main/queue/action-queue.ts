/**
 * The durable action queue: every decision is on disk before `enqueue` returns, is sent at most
 * once per attempt with one action in flight per key, and is never replayed blindly after a crash.
 * The state machine; every failure arrow is `nextAfterFailure` (failure-policy.ts), whose table test
 * (failure-policy.test.ts) runs this diagram:
 *
 *   pending ──send──▶ sending ──ok──▶ done (removed; audit kept)
 *      ▲  │undo          │ retryable/network ──▶ pending (backoff) │ attempts/age exhausted ──▶ needs_attention
 *      │  ▼              │ conflict/uncertain/maybe reached Slack ──verify──▶ done | conflict | pending
 *   (removed)            │ permission/not_possible/invalid_input/configuration ──▶ needs_attention
 *                        │ reauth/app_not_installed ──▶ pending, whole queue paused (app installed: resume())
 *   verify fails ──▶ sending, read again after backoff │ failures exhausted ──▶ needs_attention
 *   crash while sending ──▶ on start: verify ──▶ done | pending | conflict
 *   needs_attention | conflict ──retry──▶ pending, ──discard──▶ (removed)
 *
 * This class holds the records and decides when each one goes (drain-plan.ts); SendPath
 * (send-path.ts) sends it, reads what the answer means and verifies where Slack may have acted.
 */
import type { ActionInput, ActionState, QueuedAction } from '../../shared/actions';
import type {
  ActionQueueOptions,
  QueueChange,
  QueueProgress,
  QueueSnapshot,
  QueueStatus,
} from './queue-types';
export type {
  ActionQueueOptions,
  QueueChange,
  QueueProgress,
  QueueSnapshot,
  QueueStatus,
} from './queue-types';
import { auditEntryFor, type AuditEntry, type AuditEvent } from './audit';
import { planBatch, planRestore, readStoredRecords, type PlanContext } from './batch-plan';
import { planDrain } from './drain-plan';
import { countProgress, countStates, outstanding } from './queue-progress';
import { defaultBackoff, type BackoffOptions } from '../time/backoff';
import { systemTimers, type Timers } from '../time/timers';
import { PAUSE_LABELS, type PauseReason } from './failure-policy';
import type { QueueCommit } from './queue-ports';
import { DAY_MS, SendPath } from './send-path';

/** The durable, coalescing, rate-paced queue of admin decisions. */
export class ActionQueue {
  private readonly records = new Map<string, QueuedAction>();
  private readonly needsVerify = new Set<string>();
  private readonly busyKeys = new Set<string>();
  private readonly inFlight = new Set<Promise<void>>();
  private readonly listeners = new Set<(change: QueueChange) => void>();
  private readonly now: () => number;
  private readonly random: () => number;
  private readonly timers: Timers;
  private readonly newId: () => string;
  private readonly maxAttempts: number;
  private readonly maxAgeMs: number;
  private readonly backoff: BackoffOptions;
  private readonly concurrency: number;
  private seq = 0;
  private loaded = false;
  private started = false;
  private stopped = false;
  private pausedFor: PauseReason | null = null;
  private timer: unknown = undefined;
  private batchDone = 0;
  private readonly sending: SendPath;

  constructor(private readonly options: ActionQueueOptions) {
    this.now = options.now ?? Date.now;
    this.random = options.random ?? Math.random;
    this.timers = options.timers ?? systemTimers;
    this.newId = options.newId ?? (() => crypto.randomUUID());
    this.maxAttempts = options.maxAttempts ?? 8;
    this.maxAgeMs = options.maxAgeMs ?? 7 * DAY_MS;
    this.backoff = options.backoff ?? defaultBackoff;
    this.concurrency = options.concurrency ?? 4;
    const { send, verify, acquire, onConnectivity, onError } = options;
    const { now, random, maxAttempts, maxAgeMs, backoff } = this;
    this.sending = new SendPath(
      { send, verify, acquire, onConnectivity, onError, now, random, maxAttempts, maxAgeMs, backoff },
      {
        records: this.records,
        needsVerify: this.needsVerify,
        halted: () => this.pausedFor !== null || this.stopped,
        pause: (reason) => this.pause(reason),
        write: (change, completed) => this.write(change, completed),
        writeSettled: (change, completed) => this.writeSettled(change, completed),
      },
    );
  }

  /** Loads and re-validates stored actions, queues verification for any left `sending`, and starts draining. */
  start(): void {
    if (this.started) return;
    this.load();
    this.started = true;
    this.schedule();
  }

  /** Reads the stored queue once; every public operation does this first so none acts on a partial view. */
  private load(): void {
    if (this.loaded) return;
    this.loaded = true;
    const loaded = readStoredRecords(this.options.storage.load(), this.now(), (id, problem) =>
      this.options.onInvalidRecord?.(id, problem),
    );
    for (const rec of loaded.records) this.records.set(rec.id, rec);
    for (const id of loaded.toVerify) this.needsVerify.add(id);
    this.seq = Math.max(this.seq, loaded.seq);
    this.emit([...this.records.values()], []);
  }

  /** Queues a decision durably; a pending decision with the same key is replaced by it. */
  enqueue(input: ActionInput): QueuedAction {
    return this.enqueueMany([input])[0] as QueuedAction;
  }

  /**
   * Queues several decisions in one commit (one transaction, one fsync): all of them reach disk, or
   * none does. Within the batch, as across batches, a later decision supersedes a pending one with
   * the same key; the same id delivered twice stays one decision.
   */
  enqueueMany(inputs: readonly ActionInput[]): QueuedAction[] {
    this.load();
    const context = this.planContext();
    if (this.outstanding() === 0) this.batchDone = 0;
    const { put, remove, audit, out, seq } = planBatch(context, inputs, this.newId);
    if (put.length === 0 && remove.length === 0) return out;
    this.write({ put, remove, audit });
    this.seq = seq;
    this.schedule();
    return out;
  }

  /** Removes a pending action before it is sent; false if it is already sending or gone. */
  undo(id: string): boolean {
    return this.removeIf(id, ['pending'], 'undone', 'removed before sending');
  }

  /** Drops an action that stopped in needs_attention or conflict. */
  discard(id: string): boolean {
    return this.removeIf(id, ['needs_attention', 'conflict'], 'discarded', 'discarded by admin');
  }

  /** Sends a needs_attention or conflict action again, with fresh attempts and age. */
  retry(id: string): boolean {
    this.load();
    const rec = this.records.get(id);
    if (!rec || (rec.state !== 'needs_attention' && rec.state !== 'conflict')) return false;
    const now = this.now();
    if (this.outstanding() === 0) this.batchDone = 0;
    const next: QueuedAction = {
      ...rec,
      state: 'pending',
      attempts: 0,
      failures: 0,
      ageStart: now,
      updatedAt: now,
      nextAttemptAt: now,
      outcome: undefined,
    };
    this.write({
      put: [next],
      audit: [auditEntryFor(next, 'retried', now, 'retry requested', this.options.actor())],
    });
    this.schedule();
    return true;
  }

  /**
   * Puts decisions saved from a damaged database back in the queue, each as needs_attention with
   * `reason`, so none is sent until the admin retries it. The records were re-validated by the
   * caller; one whose id is already queued is skipped. Returns the records put back.
   */
  restore(saved: readonly QueuedAction[], reason: string): QueuedAction[] {
    this.load();
    const { put, audit, seq } = planRestore(this.planContext(), saved, reason);
    if (put.length === 0) return [];
    this.write({ put, audit });
    this.seq = seq;
    return put;
  }

  /** Stops starting new sends (in-flight ones finish); the status label names the reason. */
  pause(reason: PauseReason): void {
    this.pausedFor = reason;
    this.clearTimer();
    this.emit([], []);
  }

  /** Resumes draining after a pause (after signing in again, or once Admit's app is installed on the org). */
  resume(): void {
    if (this.pausedFor === null) return;
    this.pausedFor = null;
    this.emit([], []);
    this.schedule();
  }

  /** Makes actions waiting on backoff eligible now, e.g. when connectivity returns. */
  kick(): void {
    const now = this.now();
    for (const rec of this.records.values()) {
      const waitingOnNetwork = rec.state === 'pending' && rec.lastError?.category === 'network';
      // Actions whose outcome could not be read from Slack while it was unreachable: read it now.
      const waitingToVerify = rec.state === 'sending' && this.needsVerify.has(rec.id);
      if ((waitingOnNetwork || waitingToVerify) && rec.nextAttemptAt > now) {
        rec.nextAttemptAt = now; // memory only: a missed retry time is harmless to lose
      }
    }
    this.schedule();
  }

  /** Stops scheduling and waits for calls already in flight to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    this.clearTimer();
    await this.whenIdle();
  }

  /** Resolves once no call is in flight (actions waiting on backoff do not count). */
  async whenIdle(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  /** Subscribes to changes; returns the unsubscribe function. */
  onChange(listener: (change: QueueChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Every action not yet done, oldest first, with status, progress and counts by state. */
  snapshot(): QueueSnapshot {
    this.load();
    const actions = [...this.records.values()].sort((a, b) => a.seq - b.seq);
    const counts = countStates(actions, this.batchDone);
    return { status: this.status(), progress: this.progress(), actions, counts };
  }

  /** The queue's run state. */
  status(): QueueStatus {
    if (this.stopped) return { state: 'stopped' };
    if (this.pausedFor === null) return { state: 'running' };
    return { state: 'paused', reason: this.pausedFor, label: PAUSE_LABELS[this.pausedFor] };
  }

  /** Progress of the current batch (since the queue was last empty), with its ETA (queue-progress.ts). */
  progress(): QueueProgress {
    return countProgress(this.records.values(), this.batchDone, this.now(), this.pausedFor !== null);
  }

  /** The audit log, oldest first. */
  listAudit(): AuditEntry[] {
    return this.options.storage.listAudit();
  }

  // ---- draining

  private schedule(): void {
    if (!this.started || this.stopped) return;
    this.clearTimer();
    if (this.pausedFor !== null) return;
    const now = this.now();
    const { launch, wakeAt } = planDrain({
      records: this.records.values(),
      needsVerify: this.needsVerify,
      busyKeys: this.busyKeys,
      free: this.concurrency - this.inFlight.size,
      now,
    });
    for (const { rec, verifying } of launch) this.launch(rec, verifying);
    if (wakeAt !== null) {
      this.timer = this.timers.setTimeout(
        () => {
          this.timer = undefined;
          this.schedule();
        },
        Math.max(0, wakeAt - now),
      );
    }
  }

  private launch(rec: QueuedAction, verifying: boolean): void {
    this.busyKeys.add(rec.key);
    const run = (verifying ? this.sending.verify(rec.id) : this.sending.send(rec.id))
      .catch((error: unknown) => this.sending.recover(rec.id, error))
      .finally(() => {
        this.inFlight.delete(run);
        this.busyKeys.delete(rec.key);
        this.schedule();
      });
    this.inFlight.add(run);
  }

  // ---- storage and events

  private removeIf(id: string, states: ActionState[], event: AuditEvent, result: string): boolean {
    this.load();
    const rec = this.records.get(id);
    if (!rec || !states.includes(rec.state)) return false;
    const entry = auditEntryFor(rec, event, this.now(), result, this.options.actor());
    this.write({ remove: [id], audit: [entry] });
    this.schedule();
    return true;
  }

  /**
   * Commits a change, then updates memory and tells listeners; `completed` are removals that finished
   * as done. Disk first, then memory: if the write throws, the queue's view is unchanged.
   */
  private write(change: QueueCommit, completed: QueuedAction[] = []): void {
    this.options.storage.commit(change);
    for (const id of change.remove ?? []) {
      this.records.delete(id);
      this.needsVerify.delete(id);
    }
    for (const r of change.put ?? []) this.records.set(r.id, r);
    this.emit(change.put ?? [], change.remove ?? [], completed);
  }

  /** Writes an action's final state (SendPath's settle); it counts in the batch's progress. */
  private writeSettled(change: QueueCommit, completed: QueuedAction[] = []): void {
    this.batchDone += 1; // before the write, so the change event carries the new progress
    try {
      this.write(change, completed);
    } catch (error) {
      this.batchDone -= 1;
      throw error;
    }
  }

  private emit(changed: QueuedAction[], removed: string[], completed: QueuedAction[] = []): void {
    if (this.listeners.size === 0) return;
    const change: QueueChange = {
      changed,
      removed,
      completed,
      status: this.status(),
      progress: this.progress(),
    };
    for (const listener of this.listeners) {
      try {
        listener(change);
      } catch (error) {
        this.options.onError?.(error);
      }
    }
  }

  private outstanding(): number {
    return outstanding(this.records.values());
  }

  /** What batch and restore planning read: the records, the time, who decides, the last seq. */
  private planContext(): PlanContext {
    return { records: this.records, now: this.now(), actor: this.options.actor(), seq: this.seq };
  }

  private clearTimer(): void {
    if (this.timer !== undefined) this.timers.clearTimeout(this.timer);
    this.timer = undefined;
  }
}
