/**
 * The list worker's entry (built to out/main/list-worker.js). It reads admin.apps.requests.list
 * with the same client the main thread uses (createSlackAdminClient: @slack/web-api, validation,
 * skipped items, cursor checks, 429 re-reads) and prepares each page's rows for the store, so the
 * parsing, the SDK's debug serialisation and the row JSON cost the main thread nothing.
 */
import { parentPort } from 'node:worker_threads';
import { prepareRequest } from '../../store/prepared-rows';
import { createSlackAdminClient } from '../client';
import { SlackApiError } from '../errors';
import type { FromWorker, ReadJob, ToWorker, WireError } from './protocol';

type Waiting = { resolve: (value: ToWorker) => void; reject: (error: unknown) => void };

const port = parentPort;
if (!port) throw new Error('list-worker.js runs as a worker thread only');

const waiting = new Map<number, Waiting>();
let calls = 0;
const post = (message: FromWorker, transfer?: ArrayBuffer[]): void => port.postMessage(message, transfer);

/** Sends a request to main and waits for its answer (by call number). */
const ask = (message: FromWorker & { call: number }, signal?: AbortSignal): Promise<ToWorker> =>
  new Promise((resolve, reject) => {
    const { call } = message;
    waiting.set(call, { resolve, reject });
    signal?.addEventListener(
      'abort',
      () => {
        if (!waiting.delete(call)) return;
        post({ type: 'abort', id: message.id, call });
        reject(signal.reason);
      },
      { once: true },
    );
    post(message);
  });

/** The client's fetch: main makes the exchange (with its own fetch and the real token). */
const bridgedFetch =
  (id: number): typeof fetch =>
  async (input, init) => {
    const headers: Record<string, string> = {};
    for (const [name, value] of new Headers(init?.headers).entries()) {
      if (name !== 'authorization') headers[name] = value;
    }
    const body = typeof init?.body === 'string' ? init.body : '';
    const signal = init?.signal ?? undefined;
    signal?.throwIfAborted();
    const url = input instanceof Request ? input.url : String(input);
    const answer = await ask({ type: 'fetch', id, call: ++calls, url, headers, body }, signal);
    if (answer.type !== 'fetched') throw new TypeError('fetch failed');
    return new Response(answer.body, {
      status: answer.status,
      statusText: answer.statusText,
      headers: answer.headers,
    });
  };

const toWire = (error: unknown): WireError => {
  if (error instanceof SlackApiError) {
    const { code, method, message, retryAfterMs, status } = error;
    return { kind: 'slack', code, method, message, retryAfterMs, status };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'other', name: e.name, message: e.message };
};

const read = async (id: number, job: ReadJob): Promise<void> => {
  const client = createSlackAdminClient({
    // A placeholder the SDK puts in its Authorization header; main replaces the header.
    token: 'worker',
    apiUrl: job.apiUrl,
    orgId: job.orgId,
    fetch: bridgedFetch(id),
    pageSize: job.pageSize,
    timeoutMs: job.timeoutMs,
    limiter: {
      acquire: async (_org, method) => {
        await ask({ type: 'acquire', id, call: ++calls, method });
      },
      pause: (_org, method, ms) => post({ type: 'pause', id, method, ms }),
    },
  });
  try {
    const listed = await client.listRequests(job.target, ({ items }) => {
      post({ type: 'page', id, rows: items.map(prepareRequest) });
    });
    post({ type: 'done', id, skipped: listed.skipped });
  } catch (error) {
    post({ type: 'failed', id, error: toWire(error) });
  }
};

port.on('message', (message: ToWorker) => {
  if (message.type === 'read') {
    void read(message.id, message.job);
    return;
  }
  const w = waiting.get(message.call);
  if (!w) return; // answered after an abort
  waiting.delete(message.call);
  if (message.type === 'fetchFailed') w.reject(new TypeError('fetch failed'));
  else w.resolve(message);
});
