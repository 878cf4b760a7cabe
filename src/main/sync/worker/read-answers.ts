/**
 * The main thread's answers to one read's messages from its sync worker thread (see sync-worker.ts,
 * which keeps the threads and the reads under way): each call's rate slot (`acquire`), with the token
 * when the worker makes its own exchanges; each HTTP exchange through the host's fetch (`exchange`),
 * the token added here and the body transferred back as bytes; and the read's end, its error rebuilt
 * on this side of the boundary as the same error a read on the main thread would throw.
 */
import path from 'node:path';
import type { Worker } from 'node:worker_threads';
import { ErrorCode as SdkErrorCode } from '@slack/web-api';
import { SlackApiError, toSlackApiError } from '../../slack/errors';
import type { ReadDeps, ReadJob, WorkerRead } from '../../slack/list-worker-port';
import { explainStorageError } from '../../store/storage-errors';
import type { FromWorker, ToWorker, WireError } from './protocol';

const METHOD = 'admin.apps.requests.list';
const DEFAULT_TIMEOUT_MS = 30_000;

/** One read under way on a worker thread. */
export type Read = {
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

/** Posts to the read's thread (nothing once the threads are gone). */
export type Send = (read: Read, message: ToWorker, transfer?: ArrayBuffer[]) => void;

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

const refuse = (send: Send, read: Read, id: number, call: number): void =>
  send(read, { type: 'fetchFailed', id, call });

/** One HTTP exchange through the host's fetch, the token added here; the body goes back as bytes. */
const exchange = async (
  send: Send,
  id: number,
  read: Read,
  m: Extract<FromWorker, { type: 'fetch' }>,
): Promise<void> => {
  if (read.cancelled) return refuse(send, read, id, m.call);
  const hostFetch = read.deps.fetch;
  if (!hostFetch) return refuse(send, read, id, m.call); // it makes its own exchanges: never asks
  let token: string;
  try {
    token = await read.deps.token();
  } catch (error) {
    read.transport ??= { error, raw: true };
    return refuse(send, read, id, m.call);
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
    refuse(send, read, id, m.call);
  } finally {
    read.aborts.delete(m.call);
  }
};

/** A call's slot; a worker that makes its own exchanges gets the token (fresh each call) with it. */
const acquire = (send: Send, read: Read, m: Extract<FromWorker, { type: 'acquire' }>): void => {
  if (read.cancelled) return refuse(send, read, m.id, m.call);
  const ownFetch = !read.deps.fetch;
  read.deps.pacer
    .acquire(read.job.orgId, m.method)
    .then(async () => (ownFetch ? read.deps.token() : undefined))
    .then(
      (token) => send(read, { type: 'acquired', id: m.id, call: m.call, ...(token ? { token } : {}) }),
      (error: unknown) => {
        read.transport ??= { error, raw: true };
        refuse(send, read, m.id, m.call);
      },
    );
};

/** Answers one message of `read`'s thread; `done` and `failed` settle the read. */
export const answer = (send: Send, read: Read, m: FromWorker): void => {
  switch (m.type) {
    case 'fetch':
      void exchange(send, m.id, read, m);
      return;
    case 'abort':
      read.aborts.get(m.call)?.abort();
      return;
    case 'acquire':
      acquire(send, read, m);
      return;
    case 'pause':
      read.deps.pacer.pause(read.job.orgId, m.method, m.ms);
      return;
    case 'page':
      read.deps.onPage?.(m.rows);
      return;
    case 'done':
      read.resolve({ rows: m.rows, written: m.written, skipped: m.skipped });
      return;
    case 'failed':
      read.reject(rebuild(read, m.error));
      return;
  }
};
