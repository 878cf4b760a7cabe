/**
 * The main thread's side of the sync worker: one worker thread for the process, reading (and
 * storing) admin.apps.requests.list pages for any org's inbox sync (see worker.ts). Main keeps what
 * must stay here: the host's fetch (Electron's net.fetch honours the system proxy and certificates),
 * the token (added to each exchange, never sent to the worker) and the shared rate limiter. The
 * worker gets response bodies as transferred bytes and answers with rows, or with what it wrote.
 *
 * If the worker cannot start or dies, every read under way fails with ListWorkerGone and later reads
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

/**
 * Creates the process's sync worker from its built file. The thread starts now: starting one costs
 * the main thread tens of ms, which belong at launch, not inside a first sync.
 */
export const createSyncWorker = (file: string): ListWorker => {
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
  const refuse = (id: number, call: number): void => send({ type: 'fetchFailed', id, call });

  const exchange = async (
    id: number,
    read: Read,
    m: Extract<FromWorker, { type: 'fetch' }>,
  ): Promise<void> => {
    if (read.cancelled) return refuse(id, m.call);
    let token: string;
    try {
      token = await read.deps.token();
    } catch (error) {
      read.transport ??= { error, raw: true };
      return refuse(id, m.call);
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
      const { status, statusText } = res;
      const headers = [...res.headers.entries()];
      send({ type: 'fetched', id, call: m.call, status, statusText, headers, body }, [body]);
    } catch (error) {
      if (controller.signal.aborted) return; // the worker gave up on it (its own timeout) and said so
      read.transport ??= { error, raw: false };
      refuse(id, m.call);
    } finally {
      read.aborts.delete(m.call);
    }
  };

  const acquire = (read: Read, m: Extract<FromWorker, { type: 'acquire' }>): void => {
    if (read.cancelled) return refuse(m.id, m.call);
    read.deps.pacer.acquire(read.job.orgId, m.method).then(
      () => send({ type: 'acquired', id: m.id, call: m.call }),
      (error: unknown) => {
        read.transport ??= { error, raw: true };
        refuse(m.id, m.call);
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

  const start = (): void => {
    if (worker || gone !== null) return;
    const w = new Worker(file);
    w.unref();
    w.on('message', onMessage);
    w.on('error', (error) => fail(error.message));
    w.on('exit', (code) => fail(`exited with code ${code}`));
    worker = w;
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
    readRequests: (job, deps) => {
      if (gone !== null) return Promise.reject(new ListWorkerGone(gone));
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
        reads.set(id, {
          job,
          deps,
          resolve: done(resolve),
          reject: done(reject),
          aborts: new Map(),
          cancelled: false,
          ended,
        });
        send({ type: 'read', id, job });
      });
    },
    release: async (dbFile) => {
      const ending: Promise<void>[] = [];
      for (const [id, read] of reads) {
        if (read.job.writeTo?.file !== dbFile) continue;
        read.cancelled = true;
        for (const controller of read.aborts.values()) controller.abort();
        send({ type: 'cancel', id });
        ending.push(read.ended);
      }
      await Promise.all(ending);
    },
    close: async () => {
      const w = worker;
      fail('closed');
      await w?.terminate();
    },
  };
};
