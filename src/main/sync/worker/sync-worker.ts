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
 * are refused the same way: the client then reads on the main thread (slower, same result). This
 * file keeps the threads and the reads under way; read-answers.ts answers each read's messages.
 */
import { Worker } from 'node:worker_threads';
import {
  ListWorkerGone,
  type ListWorker,
  type ReadDeps,
  type ReadJob,
  type WorkerRead,
} from '../../slack/list-worker-port';
import type { FromWorker } from './protocol';
import { answer, type Read, type Send } from './read-answers';

/** How many threads read at once by default (each a few MB; the sync reads three targets at once). */
export const SYNC_THREADS = 2;

/** The thread with the fewest reads under way. */
const leastBusy = (workers: readonly Worker[], reads: ReadonlyMap<number, Read>): Worker | undefined => {
  const load = new Map(workers.map((w) => [w, 0]));
  for (const read of reads.values()) load.set(read.thread, (load.get(read.thread) ?? 0) + 1);
  return [...load].sort((x, y) => x[1] - y[1])[0]?.[0];
};

/**
 * A new read on `thread`, and the promise its caller awaits (settled by the thread's `done` or
 * `failed`, or when the threads are gone); `start` registers and posts it, inside the promise.
 */
const openRead = (
  thread: Worker,
  job: ReadJob,
  deps: ReadDeps,
  start: (read: Read) => void,
): Promise<WorkerRead> => {
  let settle: () => void = () => undefined;
  const ended = new Promise<void>((r) => (settle = r));
  return new Promise<WorkerRead>((resolve, reject) => {
    const done =
      <T>(fn: (v: T) => void) =>
      (v: T) => {
        settle();
        fn(v);
      };
    start({
      thread,
      job,
      deps,
      resolve: done(resolve),
      reject: done(reject),
      aborts: new Map(),
      cancelled: false,
      ended,
    });
  });
};

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

  const send: Send = (read, message, transfer) => {
    if (gone === null) read.thread.postMessage(message, transfer);
  };

  const onMessage = (m: FromWorker): void => {
    if (typeof m !== 'object' || m === null) return;
    const read = reads.get(m.id);
    if (!read) return;
    if (m.type === 'done' || m.type === 'failed') reads.delete(m.id);
    answer(send, read, m);
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

  return {
    get available() {
      return gone === null;
    },
    readRequests: (job, deps) => {
      const thread = gone === null ? leastBusy(workers, reads) : undefined;
      if (!thread) return Promise.reject(new ListWorkerGone(gone ?? 'no thread'));
      const id = ++nextId;
      return openRead(thread, job, deps, (read) => {
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
