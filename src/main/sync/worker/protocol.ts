/**
 * The messages between the main thread and the sync worker (see sync-worker.ts and worker.ts).
 * The worker runs Admit's own Slack client over a rate limiter that lives on the main thread: it
 * asks for each call's slot. With a host fetch it also asks main for each HTTP exchange (main adds
 * the token, which then never crosses); with Node's own fetch (`ownFetch`) it makes the exchange
 * itself with the token that came with the slot. It answers with prepared rows or, when asked to,
 * writes them into the org's database on its own connection and answers with the delta.
 */
import type { PreparedRequest } from '../../store/prepared-rows';
import type { ReadJob, WrittenTarget } from '../../slack/list-worker-port';
import type { SkippedItem } from '../../slack/wire';

/** An error as it crosses the boundary: a classified Slack error, a storage error, or anything else. */
export type WireError =
  | { kind: 'slack'; code: string; method: string; message: string; retryAfterMs?: number; status?: number }
  | { kind: 'storage'; message: string; code?: string; errcode?: number; errstr?: string }
  | { kind: 'other'; name: string; message: string };

/** Main → worker. */
export type ToWorker =
  /** `ownFetch`: make the HTTP exchanges here, with Node's fetch, instead of asking main for them. */
  | { type: 'read'; id: number; job: ReadJob; ownFetch: boolean }
  /** Do not write this read's rows (its file is being closed); it ends as failed. */
  | { type: 'cancel'; id: number }
  | {
      type: 'fetched';
      id: number;
      call: number;
      status: number;
      statusText: string;
      headers: [string, string][];
      body: ArrayBuffer;
    }
  /** The exchange (or the slot) failed on the main thread; main keeps the real error and reports it. */
  | { type: 'fetchFailed'; id: number; call: number }
  /** The call's slot; with `ownFetch`, the token to send it with (in memory only, for this call). */
  | { type: 'acquired'; id: number; call: number; token?: string };

/** Worker → main. */
export type FromWorker =
  | { type: 'fetch'; id: number; call: number; url: string; headers: Record<string, string>; body: string }
  | { type: 'abort'; id: number; call: number }
  | { type: 'acquire'; id: number; call: number; method: string }
  | { type: 'pause'; id: number; method: string; ms: number }
  | { type: 'page'; id: number; rows: number }
  | {
      type: 'done';
      id: number;
      rows: PreparedRequest[] | null;
      written: WrittenTarget | null;
      skipped: SkippedItem[];
    }
  | { type: 'failed'; id: number; error: WireError };
