/**
 * What a batch of decisions, or a restore of saved ones, writes: planned against the records as they
 * are, as one commit the queue then makes. Pure: the queue's records are read, never changed.
 */
import {
  ActionSchema,
  keyOf,
  QueuedActionSchema,
  type ActionInput,
  type Actor,
  type QueuedAction,
} from '../../shared/actions';
import { auditEntryFor, type AuditEntry } from './audit';

/** The planning's inputs: the queue's records, the clock reading, who decides, the last seq. */
export type PlanContext = {
  records: ReadonlyMap<string, QueuedAction>;
  now: number;
  actor: Actor;
  seq: number;
};

/** A batch's plan: the commit (`put`, `remove`, `audit`), the record each input became, the new seq. */
export type BatchPlan = {
  put: QueuedAction[];
  remove: string[];
  audit: AuditEntry[];
  out: QueuedAction[];
  seq: number;
};

/**
 * Plans an enqueue of `inputs`. Within the batch, as across batches, a later decision supersedes a
 * pending one with the same key; the same id delivered twice stays one decision.
 */
export const planBatch = (
  ctx: PlanContext,
  inputs: readonly ActionInput[],
  newId: () => string,
): BatchPlan => {
  const { now, actor } = ctx;
  // The records as they will be once this batch is on disk: the queue's, less those this batch
  // supersedes (`gone`), plus the new ones (`put`). An overlay, not a copy: a decision among a
  // thousand queued ones reads them once.
  const put = new Map<string, QueuedAction>();
  const gone = new Set<string>();
  const remove = new Set<string>();
  const audit: AuditEntry[] = [];
  const out: QueuedAction[] = [];
  const lookup = (id: string): QueuedAction | undefined =>
    gone.has(id) ? undefined : (put.get(id) ?? ctx.records.get(id));
  /** The records (in the queue's order, then this batch's) that a new decision with `key` replaces. */
  const supersededBy = (key: string): QueuedAction[] => {
    const replaced = (r: QueuedAction): boolean =>
      r.key === key && (r.state === 'pending' || r.state === 'conflict' || r.state === 'needs_attention');
    const found: QueuedAction[] = [];
    for (const r of ctx.records.values()) if (replaced(r) && !gone.has(r.id)) found.push(r);
    for (const r of put.values()) if (replaced(r)) found.push(r);
    return found;
  };
  let seq = ctx.seq;
  for (const input of inputs) {
    const action = ActionSchema.parse({
      ...input,
      id: input.id ?? newId(),
      createdAt: input.createdAt ?? now,
    });
    const existing = lookup(action.id);
    if (existing) {
      out.push(existing); // the same enqueue delivered twice must not become two decisions
      continue;
    }
    const key = keyOf(action);
    seq += 1;
    const rec: QueuedAction = {
      id: action.id,
      seq,
      key,
      action,
      state: 'pending',
      actor,
      attempts: 0,
      failures: 0,
      enqueuedAt: now,
      ageStart: now,
      updatedAt: now,
      nextAttemptAt: now,
    };
    // A `sending` action with this key stays: the new one waits behind it. Anything not yet sent,
    // or stopped awaiting the admin, is superseded by the newer decision.
    for (const r of supersededBy(key)) {
      gone.add(r.id);
      if (put.has(r.id)) put.delete(r.id);
      else remove.add(r.id);
      audit.push(auditEntryFor(r, 'superseded', now, `replaced by ${action.kind} ${action.id}`, actor));
    }
    audit.push(auditEntryFor(rec, 'enqueued', now, 'queued'));
    put.set(rec.id, rec);
    out.push(rec);
  }
  return { put: [...put.values()], remove: [...remove], audit, out, seq };
};

/**
 * Plans putting saved decisions back, each as needs_attention with `reason`; one whose id is already
 * queued (or earlier in `saved`) is skipped.
 */
export const planRestore = (
  ctx: PlanContext,
  saved: readonly QueuedAction[],
  reason: string,
): { put: QueuedAction[]; audit: AuditEntry[]; seq: number } => {
  const { now, actor } = ctx;
  const put: QueuedAction[] = [];
  let seq = ctx.seq;
  for (const record of saved) {
    if (ctx.records.has(record.id) || put.some((r) => r.id === record.id)) continue;
    seq += 1;
    put.push({
      ...record,
      seq,
      key: keyOf(record.action),
      state: 'needs_attention',
      outcome: reason,
      updatedAt: now,
      nextAttemptAt: now,
    });
  }
  return { put, audit: put.map((r) => auditEntryFor(r, 'needs_attention', now, reason, actor)), seq };
};

/** Stored records read back: the valid ones, the ids left `sending` (to verify), the highest seq. */
export type LoadedRecords = { records: QueuedAction[]; toVerify: string[]; seq: number };

/**
 * Re-validates what storage holds: a record that does not parse or whose ids disagree is reported and
 * skipped, done ones are dropped, and keys are derived again by this build's rule.
 */
export const readStoredRecords = (
  stored: readonly { id: string; record: unknown }[],
  now: number,
  onInvalid: (id: string, problem: string) => void,
): LoadedRecords => {
  const records: QueuedAction[] = [];
  const toVerify: string[] = [];
  let seq = 0;
  for (const { id, record } of stored) {
    const parsed = QueuedActionSchema.safeParse(record);
    if (!parsed.success || parsed.data.id !== id || parsed.data.action.id !== id) {
      onInvalid(id, parsed.success ? 'id mismatch' : parsed.error.message);
      continue;
    }
    // Keys are derived, so a record from another build is re-keyed by this build's rule.
    const rec = { ...parsed.data, key: keyOf(parsed.data.action) };
    if (rec.state === 'done') continue;
    if (rec.state === 'sending') {
      // The process died mid-call: Slack may or may not have acted. Ask Slack, never resend.
      toVerify.push(rec.id);
      rec.nextAttemptAt = now;
    }
    records.push(rec);
    seq = Math.max(seq, rec.seq);
  }
  return { records, toVerify, seq };
};
