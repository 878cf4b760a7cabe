/**
 * The main thread's side of the list worker: one worker thread for the process, reading
 * admin.apps.requests.list pages for any org's inbox sync (see worker.ts). Main keeps what must stay
 * here: the host's fetch (Electron's net.fetch honours the system proxy and certificates), the token
 * (added to each exchange, never sent to the worker) and the shared rate limiter. The worker gets
 * response bodies as transferred bytes and answers with rows ready for the store.
 *
 * If the worker cannot start or dies, every read under way fails with ListWorkerGone and later reads
 * are refused the same way: the client then reads on the main thread (slower, same result).
 */
import { Worker } from 'node:worker_threads';
import { ErrorCode as SdkErrorCode } from '@slack/web-api';
import type { PreparedRequest } from '../../store/prepared-rows';
import { SlackApiError, toSlackApiError } from '../errors';
import type { RateLimiter } from '../rate-limiter';
import type { SkippedItem } from '../wire';
import type { FromWorker, ReadJob, ToWorker, WireError } from './protocol';

/** The worker is unavailable (it did not start, or it exited): read on the main thread instead. */
export class ListWorkerGone extends Error {
  constructor(why: string) {
    super(`The list worker is unavailable (${why})`);
    this.name = 'ListWorkerGone';
  }
}

/** What one read needs from its org's client, all of it staying on the main thread. */
export type ReadDeps = {
  fetch: typeof fetch;
  token: () => Promise<string>;
  pacer: Pick<RateLimiter, 'acquire' | 'pause'>;
  /** Told each page's rows as they arrive. */
  onRows: (rows: PreparedRequest[]) => void;
};

export type ListWorker = {
  /** Whether reads go to the worker (false once it failed). */
  readonly available: boolean;
  /** Every page of admin.apps.requests.list at `job.target`; the rows arrive through `onRows`. */
  readRequests(job: ReadJob, deps: ReadDeps): Promise<{ skipped: SkippedItem[] }>;
  close(): Promise<void>;
};

const METHOD = 'admin.apps.requests.list';
const DEFAULT_TIMEOUT_MS = 30_000;

type Read = {
  job: ReadJob;
  deps: ReadDeps;
  resolve: (v: { skipped: SkippedItem[] }) => void;
  reject: (e: unknown) => void;
  /** The first failure of an exchange on the main thread (a dropped connection, the token provider). */
  transport?: { error: unknown; token: boolean };
  aborts: Map<number, AbortController>;
};

/** The error a read ends with, rebuilt on this side of the boundary. */
const rebuild = (read: Read, error: WireError): unknown => {
  // A failure main saw first speaks for itself, classified as it would be without the worker: the
  // token provider's own error, or the SDK's request error around what fetch threw.
  if (read.transport?.token) return read.transport.error;
  if (read.transport) {
    const original = read.transport.error;
    const message = original instanceof Error ? original.message : String(original);
    return toSlackApiError(
      Object.assign(new Error(message), { code: SdkErrorCode.RequestError, original }),
      METHOD,
    );
  }
  if (error.kind === 'slack') {
    const { code, method, message, retryAfterMs, status } = error;
    return new SlackApiError(code, method, { retryAfterMs, status }, message);
  }
  return Object.assign(new Error(error.message), { name: error.name });
};

/**
 * Creates the process's list worker from its built file. The thread starts now: starting one costs
 * the main thread tens of ms, which belong at launch, not inside a first sync.
 */
export const createListWorker = (file: string): ListWorker => {
  let worker: Worker | null = null;
  let gone: string | null = null;
  let nextId = 0;
  const reads = new Map<number, Read>();

  const fail = (why: string): void => {
    gone ??= why;
    worker = null;
    for (const read of reads.values()) read.reject(new ListWorkerGone(why));
    reads.clear();
  };

  const send = (message: ToWorker, transfer?: ArrayBuffer[]): void => worker?.postMessage(message, transfer);

  const exchange = async (
    id: number,
    read: Read,
    m: Extract<FromWorker, { type: 'fetch' }>,
  ): Promise<void> => {
    let token: string;
    try {
      token = await read.deps.token();
    } catch (error) {
      read.transport ??= { error, token: true };
      send({ type: 'fetchFailed', id, call: m.call });
      return;
    }
    const controller = new AbortController();
    read.aborts.set(m.call, controller);
    try {
      const timeout = AbortSignal.timeout(read.job.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      const res = await read.deps.fetch(m.url, {
        method: 'POST',
        headers: { ...m.headers, authorization: `Bearer ${token}` },
        body: m.body,
        redirect: 'error',
        signal: AbortSignal.any([controller.signal, timeout]),
      });
      const body = await res.arrayBuffer();
      const headers = [...res.headers.entries()];
      send(
        { type: 'fetched', id, call: m.call, status: res.status, statusText: res.statusText, headers, body },
        [body],
      );
    } catch (error) {
      if (controller.signal.aborted) return; // the worker gave up on it (its own timeout) and said so
      read.transport ??= { error, token: false };
      send({ type: 'fetchFailed', id, call: m.call });
    } finally {
      read.aborts.delete(m.call);
    }
  };

  const onMessage = (m: FromWorker): void => {
    if (typeof m !== 'object' || m === null) return;
    const read = reads.get(m.id);
    if (!read) return;
    switch (m.type) {
      case 'fetch':
        void exchange(m.id, read, m);
        return;
      case 'abort':
        read.aborts.get(m.call)?.abort();
        return;
      case 'acquire':
        read.deps.pacer.acquire(read.job.orgId, m.method).then(
          () => send({ type: 'acquired', id: m.id, call: m.call }),
          (error: unknown) => {
            read.transport ??= { error, token: true };
            send({ type: 'fetchFailed', id: m.id, call: m.call });
          },
        );
        return;
      case 'pause':
        read.deps.pacer.pause(read.job.orgId, m.method, m.ms);
        return;
      case 'page':
        read.deps.onRows(m.rows);
        return;
      case 'done':
        reads.delete(m.id);
        read.resolve({ skipped: m.skipped });
        return;
      case 'failed':
        reads.delete(m.id);
        read.reject(rebuild(read, m.error));
        return;
    }
  };

  const start = (): Worker => {
    if (worker) return worker;
    const w = new Worker(file);
    w.unref();
    w.on('message', onMessage);
    w.on('error', (error) => fail(error.message));
    w.on('exit', (code) => fail(`exited with code ${code}`));
    worker = w;
    return w;
  };

  try {
    start();
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  return {
    get available() {
      return gone === null;
    },
    readRequests: (job, deps) =>
      new Promise((resolve, reject) => {
        if (gone !== null) {
          reject(new ListWorkerGone(gone));
          return;
        }
        try {
          start();
        } catch (error) {
          fail(error instanceof Error ? error.message : String(error));
          reject(new ListWorkerGone(gone ?? 'did not start'));
          return;
        }
        const id = ++nextId;
        reads.set(id, { job, deps, resolve, reject, aborts: new Map() });
        send({ type: 'read', id, job });
      }),
    close: async () => {
      const w = worker;
      fail('closed');
      await w?.terminate();
    },
  };
};
