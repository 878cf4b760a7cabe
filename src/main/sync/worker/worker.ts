/**
 * The sync worker's entry (built to out/main/sync-worker.js). It reads admin.apps.requests.list
 * with the same client the main thread uses (createSlackAdminClient: @slack/web-api, validation,
 * skipped items, cursor checks, 429 re-reads), prepares each row for the store and, when asked,
 * writes the target's rows in one transaction on its own connection. Parsing, the SDK's debug
 * serialisation, the row JSON and the inserts then cost the main thread nothing; with Node's own
 * fetch (`ownFetch`), neither do the HTTP exchanges.
 */
import os from 'node:os';
import { DatabaseSync } from 'node:sqlite';
import { pathToFileURL } from 'node:url';
import { parentPort } from 'node:worker_threads';
import type { ReadJob, WriteTo, WrittenTarget } from '../../slack/list-worker-port';
import { prepareRequest, type PreparedRequest } from '../../store/prepared-rows';
import { requestRowStatements, writeRequestRows } from '../../store/request-rows';
import { transaction } from '../../store/transaction';
import { createSlackAdminClient } from '../../slack/client';
import { SlackApiError } from '../../slack/errors';
import type { SkippedItem } from '../../slack/wire';
import type { FromWorker, ToWorker, WireError } from './protocol';

type Waiting = { resolve: (value: ToWorker) => void; reject: (error: unknown) => void };

const port = parentPort;
if (!port) throw new Error('sync-worker.js runs as a worker thread only');

/** How far below normal priority the worker's thread runs (a nice value; 0 is normal). */
const BACKGROUND_NICE = 10;
// A sync is background work: it yields the CPU to the main thread, which answers the window, and to
// everything else at normal priority. On Linux a nice value belongs to one thread, and
// setpriority(0) is this one; elsewhere it would lower the whole app, so there it stays as it is.
if (process.platform === 'linux') {
  try {
    os.setPriority(0, BACKGROUND_NICE);
  } catch {
    // Not permitted here: the worker runs at normal priority, as everywhere else.
  }
}

const waiting = new Map<number, Waiting>();
const cancelled = new Set<number>();
/** Aborts a read's own HTTP exchanges when its org closes (reads with `ownFetch` only). */
const stops = new Map<number, AbortController>();
let calls = 0;
const post = (message: FromWorker): void => port.postMessage(message);

/** How long a write waits for the main thread's own write to finish (ms). */
const BUSY_TIMEOUT_MS = 5_000;

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

/** A storage failure keeps SQLite's codes, so main explains it in the admin's words. */
class WriteFailed extends Error {}

const toWire = (error: unknown): WireError => {
  if (error instanceof SlackApiError) {
    const { code, method, message, retryAfterMs, status } = error;
    return { kind: 'slack', code, method, message, retryAfterMs, status };
  }
  if (error instanceof WriteFailed) {
    const cause = (error.cause ?? {}) as {
      code?: string;
      errcode?: number;
      errstr?: string;
      message?: string;
    };
    return { kind: 'storage', message: cause.message ?? error.message, ...pick(cause) };
  }
  const e = error instanceof Error ? error : new Error(String(error));
  return { kind: 'other', name: e.name, message: e.message };
};

const pick = (c: { code?: string; errcode?: number; errstr?: string }) => ({
  ...(typeof c.code === 'string' ? { code: c.code } : {}),
  ...(typeof c.errcode === 'number' ? { errcode: c.errcode } : {}),
  ...(typeof c.errstr === 'string' ? { errstr: c.errstr } : {}),
});

/**
 * Writes a target's rows into the org database, opened read-write without create: a file deleted
 * meanwhile (the admin signed out) fails the write instead of coming back empty.
 */
const write = (to: WriteTo, rows: PreparedRequest[], skipped: SkippedItem[]): WrittenTarget => {
  let db: DatabaseSync | null = null;
  try {
    const url = pathToFileURL(to.file);
    url.search = '?mode=rw';
    db = new DatabaseSync(url, { timeout: BUSY_TIMEOUT_MS });
    // Cache data: its commit skips the fsync (see store/transaction.ts, cacheTransaction), and the
    // log it appends is checkpointed by the store's checkpoint thread, which each sync record asks for.
    db.exec('PRAGMA synchronous = NORMAL; PRAGMA wal_autocheckpoint = 0');
    const st = requestRowStatements(db);
    // A request Slack sent but Admit could not read keeps its cached copy rather than vanishing.
    const keep = skipped.flatMap((s) => (s.id ? [s.id] : []));
    const delta = transaction(db, () => writeRequestRows(st, to.target, rows, keep));
    const byId = new Map(rows.map((r) => [r.id, r]));
    const added = delta.added.flatMap((id) => byId.get(id) ?? []);
    const changed = delta.changed.flatMap((id) => byId.get(id) ?? []);
    const iconUrls = new Set([...added, ...changed].map((r) => r.summary.appIconUrl));
    return {
      delta,
      addedJson: added.map((r) => r.summaryJson),
      changedJson: changed.map((r) => r.summaryJson),
      iconUrls: [...iconUrls],
      count: rows.length,
    };
  } catch (error) {
    throw new WriteFailed('Admit could not save what it read from Slack', { cause: error });
  } finally {
    try {
      db?.close();
    } catch {
      // Closing after a failed open or write has nothing left to lose.
    }
  }
};

/**
 * Node's fetch as the main thread's exchange makes it (a redirect is an error, never followed),
 * also aborted when the read is cancelled, so closing an org never waits for a slow page.
 */
const ownFetch =
  (stop: AbortSignal): typeof fetch =>
  (input, init) =>
    fetch(input, {
      ...init,
      redirect: 'error',
      signal: init?.signal ? AbortSignal.any([init.signal, stop]) : stop,
    });

const read = async (id: number, job: ReadJob, own: boolean): Promise<void> => {
  // With its own fetch, each call's slot brings the token to send (main may have rotated it);
  // otherwise a placeholder the SDK puts in its Authorization header, which main replaces.
  let token = 'worker';
  const stop = new AbortController();
  stops.set(id, stop);
  const client = createSlackAdminClient({
    token: own ? async () => token : token,
    apiUrl: job.apiUrl,
    orgId: job.orgId,
    fetch: own ? ownFetch(stop.signal) : bridgedFetch(id),
    pageSize: job.pageSize,
    timeoutMs: job.timeoutMs,
    limiter: {
      acquire: async (_org, method) => {
        const slot = await ask({ type: 'acquire', id, call: ++calls, method });
        if (slot.type !== 'acquired') throw new TypeError('fetch failed');
        if (slot.token) token = slot.token;
      },
      pause: (_org, method, ms) => post({ type: 'pause', id, method, ms }),
    },
  });
  try {
    const rows: PreparedRequest[] = [];
    const listed = await client.listRequests(job.target, ({ items }) => {
      for (const item of items) rows.push(prepareRequest(item));
      post({ type: 'page', id, rows: items.length });
    });
    if (cancelled.has(id)) throw new Error('The read was cancelled: its org was closed');
    const written = job.writeTo ? write(job.writeTo, rows, listed.skipped) : null;
    post({ type: 'done', id, rows: written ? null : rows, written, skipped: listed.skipped });
  } catch (error) {
    post({ type: 'failed', id, error: toWire(error) });
  } finally {
    cancelled.delete(id);
    stops.delete(id);
  }
};

port.on('message', (message: ToWorker) => {
  if (message.type === 'read') {
    void read(message.id, message.job, message.ownFetch);
    return;
  }
  if (message.type === 'cancel') {
    cancelled.add(message.id);
    stops.get(message.id)?.abort();
    return;
  }
  const w = waiting.get(message.call);
  if (!w) return; // answered after an abort
  waiting.delete(message.call);
  if (message.type === 'fetchFailed') w.reject(new TypeError('fetch failed'));
  else w.resolve(message);
});
