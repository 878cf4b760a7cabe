/**
 * The messages between the main thread and the list worker (see list-worker.ts and worker.ts).
 * The worker runs Admit's own Slack client over a fetch and a rate limiter that live on the main
 * thread: it asks for each call's slot and each HTTP exchange, and answers with prepared rows.
 * The token never crosses: main adds it to each request it sends for the worker.
 */
import type { PreparedRequest } from '../../store/prepared-rows';
import type { SkippedItem } from '../wire';

/** Where a read applies: one workspace or the whole org (Slack's argument names). */
export type WorkerTarget = { team_id: string } | { enterprise_id: string };

/** One read the worker makes: every page of admin.apps.requests.list at one target. */
export type ReadJob = {
  apiUrl: string;
  orgId: string;
  target: WorkerTarget;
  pageSize?: number;
  timeoutMs?: number;
};

/** An error as it crosses the boundary: a classified Slack error, or anything else by its message. */
export type WireError =
  | { kind: 'slack'; code: string; method: string; message: string; retryAfterMs?: number; status?: number }
  | { kind: 'other'; name: string; message: string };

/** Main → worker. */
export type ToWorker =
  | { type: 'read'; id: number; job: ReadJob }
  | {
      type: 'fetched';
      id: number;
      call: number;
      status: number;
      statusText: string;
      headers: [string, string][];
      body: ArrayBuffer;
    }
  /** The exchange failed on the main thread; main keeps the real error and reports it itself. */
  | { type: 'fetchFailed'; id: number; call: number }
  | { type: 'acquired'; id: number; call: number };

/** Worker → main. */
export type FromWorker =
  | { type: 'fetch'; id: number; call: number; url: string; headers: Record<string, string>; body: string }
  | { type: 'abort'; id: number; call: number }
  | { type: 'acquire'; id: number; call: number; method: string }
  | { type: 'pause'; id: number; method: string; ms: number }
  | { type: 'page'; id: number; rows: PreparedRequest[] }
  | { type: 'done'; id: number; skipped: SkippedItem[] }
  | { type: 'failed'; id: number; error: WireError };
