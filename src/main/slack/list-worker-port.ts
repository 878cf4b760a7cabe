/**
 * What the Slack client needs of a worker that reads lists off the main thread (implemented by
 * sync/worker/). The rate limiter stays on the main thread, shared by every caller. The HTTP
 * exchange stays there too when the host brought its own fetch (Electron's net.fetch honours the
 * system proxy and certificates); with Node's own fetch the worker makes the exchange itself and
 * gets the token from main with each call's slot (it lives in the worker's memory only for the read).
 * A read may be asked to write what it read straight into the org's cache file.
 */
import type { PreparedRequest } from '../store/prepared-rows';
import type { RequestDelta } from '../store/request-rows';
import type { RateLimiter } from './rate-limiter';
import type { SkippedItem } from './wire';

/** The worker is unavailable (it did not start, or it exited): read on the main thread instead. */
export class ListWorkerGone extends Error {
  constructor(why: string) {
    super(`The sync worker is unavailable (${why})`);
    this.name = 'ListWorkerGone';
  }
}

/** Where a read applies: one workspace or the whole org (Slack's argument names). */
export type WorkerTarget = { team_id: string } | { enterprise_id: string };

/** Write what was read into this org database, as this target's requests, in one transaction. */
export type WriteTo = { file: string; target: string };

/**
 * What a read that wrote changed: the delta; the inbox rows added and changed as JSON, in the order
 * of `delta.added` and `delta.changed` (strings cross a thread boundary far cheaper than objects,
 * and the texts go on to the window as they are: sync/summary-rows.ts); the app icons those rows
 * show; and how many requests it read.
 */
export type WrittenTarget = {
  delta: RequestDelta;
  addedJson: string[];
  changedJson: string[];
  iconUrls: string[];
  count: number;
};

/** One read: every page of admin.apps.requests.list at one target. */
export type ReadJob = {
  apiUrl: string;
  orgId: string;
  target: WorkerTarget;
  pageSize?: number;
  timeoutMs?: number;
  writeTo?: WriteTo;
};

/** What one read needs from its org's client, all of it staying on the main thread. */
export type ReadDeps = {
  /**
   * The host's fetch, which the worker's exchanges then go through (on the main thread); absent when
   * the host uses Node's own fetch, which the worker then calls itself.
   */
  fetch?: typeof fetch;
  token: () => Promise<string>;
  pacer: Pick<RateLimiter, 'acquire' | 'pause'>;
  /** Told each page's size as it is read. */
  onPage?: (rows: number) => void;
};

/** A read's result: the rows (when it did not write) or what the write changed, and the items skipped. */
export type WorkerRead = {
  rows: PreparedRequest[] | null;
  written: WrittenTarget | null;
  skipped: SkippedItem[];
};

export type ListWorker = {
  /** Whether reads go to the worker (false once it failed). */
  readonly available: boolean;
  /** Reads (and, with `writeTo`, stores) one target's requests on the worker. */
  readRequests(job: ReadJob, deps: ReadDeps): Promise<WorkerRead>;
  /**
   * Stops reads that would write to `file` (they fail before writing) and waits for any write
   * under way, so the file can be closed or deleted.
   */
  release(file: string): Promise<void>;
  close(): Promise<void>;
};
