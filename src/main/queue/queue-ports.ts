/** The small interfaces the action queue depends on, so it stays pure and testable with fakes. */
import type { Action, QueuedAction } from '../../shared/actions';
import type { AuditEntry } from './audit';

/** Error fields the queue reads from whatever the sender throws (the Slack client's SlackApiError fits). */
export type SendErrorLike = { code?: string; category?: string; message?: string; retryAfterMs?: number };

/** Sends one action to Slack; resolves when Slack accepted it, throws a SendErrorLike otherwise. */
export type ActionSender = (action: Action) => Promise<void>;

/** What Slack's current state says about an action whose outcome we do not know. */
export type VerifyResult =
  | { status: 'applied'; description?: string }
  | { status: 'not_applied'; description?: string }
  | { status: 'conflict'; description: string };

/** Reads Slack to decide whether an action took effect; may throw like the sender. */
export type ActionVerifier = (action: Action) => Promise<VerifyResult>;

/** One atomic write: all of it reaches disk, or none of it does. */
export type QueueCommit = { put?: QueuedAction[]; remove?: string[]; audit?: AuditEntry[] };

/**
 * Durable storage for the queue. Synchronous on purpose: `commit` returns only after the write
 * is on disk, and no other queue code can interleave with it.
 */
export type QueueStorage = {
  /** Every stored record, unvalidated: the queue re-validates what it reads back. */
  load(): { id: string; record: unknown }[];
  commit(change: QueueCommit): void;
  listAudit(): AuditEntry[];
};
