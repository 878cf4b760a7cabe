/**
 * The main thread's side of the sync worker: a few worker threads for the process (two by default:
 * a first sync reads three targets at once), reading (and storing) admin.apps.requests.list pages
 * for any org's inbox sync (see worker.ts). Main keeps the shared rate limiter: the worker asks it
 * for each call's slot. When the host brought its own fetch (Electron's net.fetch honours the system
 * proxy and certificates), main also makes each HTTP exchange, adding the token, and transfers the
 * response's bytes to the worker. With Node's own fetch (the browser host) the worker makes the
 * exchange itself, and the slot comes with the token: the bytes then never touch the main thread.
 *
 * If a thread cannot start or dies, every read under way fails with ListWorkerGone and later reads
 * are refused the same way: the client then reads on the main thread (slower, same result).
 */
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import { ErrorCode as SdkErrorCode } from '@slack/web-api';
import { SlackApiError, toSlackApiError } from '../../slack/errors';
import {
  ListWorkerGone,
  type ListWorker,
  type ReadDeps,
  type ReadJob,
  type WorkerRead,
} from '../../slack/list-worker-port';
import { explainStorageError } from '../../store/storage-errors';
import type { FromWorker, ToWorker, WireError } from './protocol';

const METHOD = 'admin.apps.requests.list';
const DEFAULT_TIMEOUT_MS = 30_000;

type Read = {
  /** The thread it runs on. */
  thread: Worker;
  job: ReadJob;
  deps: ReadDeps;
  resolve: (v: WorkerRead) => void;
  reject: (e: unknown) => void;
  /** The first failure of an exchange on the main thread (a dropped connection, the token provider). */
  transport?: { error: unknown; raw: boolean };
  aborts: Map<number, AbortController>;
  cancelled: boolean;
  /** Resolves once the read has ended, however it ended. */
  ended: Promise<void>;
};

/** The error a read ends with, rebuilt on this side of the boundary. */
const rebuild = (read: Read, error: WireError): unknown => {
  // A failure main saw first speaks for itself, classified as it would be without the worker: the
  // token provider's own error, or the SDK's request error around what fetch threw.
  if (read.transport?.raw) return read.transport.error;
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
  if (error.kind === 'storage') {
    const { message, ...codes } = error;
    const folder = read.job.writeTo ? path.dirname(read.job.writeTo.file) : '';
    return explainStorageError(
      Object.assign(new Error(message), codes),
      folder,
      'Admit could not save what it read from Slack',
    );
  }
  return Object.assign(new Error(error.message), { name: error.name });
};

/** How many threads read at once by default (each a few MB; the sync reads three targets at once). */
export const SYNC_THREADS = 2;

/**
 * Creates the process's sync worker from its built file. The threads start now: starting one costs
 * the main thread tens of ms, which belong at launch, not inside a first sync.
 */
export const createSyncWorker = (file: string, threads = SYNC_THREADS): ListWorker => {
  let workers: Worker[] = [];
  let gone: string | null = null;
  let nextId = 0;
  const reads = new Map<number, Read>();

  const fail = (why: string): void => {
    gone ??= why;
    const stopping = workers;
    workers = [];
    for (const w of stopping) void w.terminate(); // one thread lost: all go, reads fall back to main
    for (const read of reads.values()) read.reject(new ListWorkerGone(why));
    reads.clear();
  };

  const send = (read: Read, message: ToWorker, transfer?: ArrayBuffer[]): void => {
    if (gone === null) read.thread.postMessage(message, transfer);
  };
  const refuse = (read: Read, id: number, call: number): void =>
    send(read, { type: 'fetchFailed', id, call });

  const exchange = async (
    id: number,
    read: Read,
    m: Extract<FromWorker, { type: 'fetch' }>,
  ): Promise<void> => {
    if (read.cancelled) return refuse(read, id, m.call);
    const hostFetch = read.deps.fetch;
    if (!hostFetch) return refuse(read, id, m.call); // it makes its own exchanges: never asks
    let token: string;
    try {
      token = await read.deps.token();
    } catch (error) {
      read.transport ??= { error, raw: true };
      return refuse(read, id, m.call);
    }
    const controller = new AbortController();
    read.aborts.set(m.call, controller);
    try {
      const timeout = AbortSignal.timeout(read.job.timeoutMs ?? DEFAULT_TIMEOUT_MS);
      const res = await hostFetch(m.url, {
        method: 'POST',
        headers: { ...m.headers, authorization: `Bearer ${token}` },
        body: m.body,
        redirect: 'error',
        signal: AbortSignal.any([controller.signal, timeout]),
      });
      const body = await res.arrayBuffer();
      const { status, statusText } = res;
      const headers = [...res.headers.entries()];
      send(read, { type: 'fetched', id, call: m.call, status, statusText, headers, body }, [body]);
    } catch (error) {
      if (controller.signal.aborted) return; // the worker gave up on it (its own timeout) and said so
      read.transport ??= { error, raw: false };
      refuse(read, id, m.call);
    } finally {
      read.aborts.delete(m.call);
    }
  };

  /** A call's slot; a worker that makes its own exchanges gets the token (fresh each call) with it. */
  const acquire = (read: Read, m: Extract<FromWorker, { type: 'acquire' }>): void => {
    if (read.cancelled) return refuse(read, m.id, m.call);
    const ownFetch = !read.deps.fetch;
    read.deps.pacer
      .acquire(read.job.orgId, m.method)
      .then(async () => (ownFetch ? read.deps.token() : undefined))
      .then(
        (token) => send(read, { type: 'acquired', id: m.id, call: m.call, ...(token ? { token } : {}) }),
        (error: unknown) => {
          read.transport ??= { error, raw: true };
          refuse(read, m.id, m.call);
        },
      );
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
        acquire(read, m);
        return;
      case 'pause':
        read.deps.pacer.pause(read.job.orgId, m.method, m.ms);
        return;
      case 'page':
        read.deps.onPage?.(m.rows);
        return;
      case 'done':
        reads.delete(m.id);
        read.resolve({ rows: m.rows, written: m.written, skipped: m.skipped });
        return;
      case 'failed':
        reads.delete(m.id);
        read.reject(rebuild(read, m.error));
        return;
    }
  };

  try {
    for (let i = 0; i < Math.max(1, threads); i++) {
      const w = new Worker(file);
      w.unref();
      w.on('message', onMessage);
      w.on('error', (error) => fail(error.message));
      w.on('exit', (code) => fail(`exited with code ${code}`));
      workers.push(w);
    }
  } catch (error) {
    fail(error instanceof Error ? error.message : String(error));
  }

  /** The thread with the fewest reads under way. */
  const leastBusy = (): Worker | undefined => {
    const load = new Map(workers.map((w) => [w, 0]));
    for (const read of reads.values()) load.set(read.thread, (load.get(read.thread) ?? 0) + 1);
    return [...load].sort((x, y) => x[1] - y[1])[0]?.[0];
  };

  return {
    get available() {
      return gone === null;
    },
    readRequests: (job, deps) => {
      const thread = gone === null ? leastBusy() : undefined;
      if (!thread) return Promise.reject(new ListWorkerGone(gone ?? 'no thread'));
      const id = ++nextId;
      let settle: () => void = () => undefined;
      const ended = new Promise<void>((r) => (settle = r));
      return new Promise<WorkerRead>((resolve, reject) => {
        const done =
          <T>(fn: (v: T) => void) =>
          (v: T) => {
            settle();
            fn(v);
          };
        const read: Read = {
          thread,
          job,
          deps,
          resolve: done(resolve),
          reject: done(reject),
          aborts: new Map(),
          cancelled: false,
          ended,
        };
        reads.set(id, read);
        send(read, { type: 'read', id, job, ownFetch: !deps.fetch });
      });
    },
    release: async (dbFile) => {
      const ending: Promise<void>[] = [];
      for (const [id, read] of reads) {
        if (read.job.writeTo?.file !== dbFile) continue;
        read.cancelled = true;
        for (const controller of read.aborts.values()) controller.abort();
        send(read, { type: 'cancel', id });
        ending.push(read.ended);
      }
      await Promise.all(ending);
    },
    close: async () => {
      const stopping = workers;
      fail('closed');
      await Promise.all(stopping.map((w) => w.terminate()));
    },
  };
};
