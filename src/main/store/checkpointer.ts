/**
 * Checkpoints an org database's write-ahead log on a worker thread. A first sync appends a few MB
 * to the log per target; SQLite's automatic checkpoint would copy them into the database file
 * (with an fsync) inside the commit that crossed its threshold, holding the main thread for 20–35
 * ms each time. Cache writes turn that automatic checkpoint off for their commit and ask for one
 * here instead; a PASSIVE checkpoint on its own connection never blocks the writer or readers.
 * Queue writes keep SQLite's automatic checkpoint, so the log stays bounded even without the worker.
 */
import { Worker } from 'node:worker_threads';

const IDLE = 0;
const BUSY = 1;
const CLOSED = 2;

/**
 * The worker, one per process for every org's store (starting a thread costs the main thread tens of
 * ms, too much to pay inside a first sync): one short-lived connection per checkpoint, so it holds a
 * file only while it works. Each store has its own state word, so closing one store waits for its
 * own checkpoint only.
 */
const WORKER_SOURCE = `
const { parentPort } = require('node:worker_threads');
const { DatabaseSync } = require('node:sqlite');
parentPort.on('message', (m) => {
  const state = new Int32Array(m.state);
  if (Atomics.compareExchange(state, 0, ${IDLE}, ${BUSY}) !== ${IDLE}) return;
  let db;
  try {
    db = new DatabaseSync(m.file, { timeout: 0 });
    db.exec('PRAGMA wal_checkpoint(PASSIVE)');
  } catch {
    // A checkpoint that cannot run now runs at the next request or a queue write's commit.
  } finally {
    try { db?.close(); } catch {}
    Atomics.compareExchange(state, 0, ${BUSY}, ${IDLE});
    Atomics.notify(state, 0);
  }
});
`;

export type Checkpointer = {
  /** Whether checkpoints can be left to the worker (false once it failed to run). */
  readonly available: boolean;
  /** Asks for a checkpoint soon, off the main thread. */
  request(): void;
  /** Waits for a checkpoint under way (briefly), so nothing touches the file once the store is closed. */
  close(): void;
};

/** How long `close` waits for a checkpoint under way (ms). */
const CLOSE_WAIT_MS = 5_000;

/** The process's checkpoint thread, started by the first store that opens (see WORKER_SOURCE). */
const shared: { worker: Worker | null; failed: boolean } = { worker: null, failed: false };

const sharedWorker = (): Worker | null => {
  if (shared.worker || shared.failed) return shared.worker;
  try {
    const worker = new Worker(WORKER_SOURCE, { eval: true });
    worker.unref();
    const lost = (): void => {
      shared.failed = true;
      shared.worker = null;
    };
    worker.on('error', lost);
    worker.on('exit', lost);
    shared.worker = worker;
  } catch {
    shared.failed = true;
  }
  return shared.worker;
};

/** A store's checkpointer; the shared thread starts now, when the store opens, not at its first commit. */
export const createCheckpointer = (file: string): Checkpointer => {
  const state = new Int32Array(new SharedArrayBuffer(4));
  let closed = false;
  sharedWorker();
  return {
    get available() {
      return !shared.failed && !closed;
    },
    request: () => {
      if (closed) return;
      sharedWorker()?.postMessage({ file, state: state.buffer });
    },
    close: () => {
      closed = true;
      const deadline = Date.now() + CLOSE_WAIT_MS;
      while (Atomics.compareExchange(state, 0, IDLE, CLOSED) === BUSY && Date.now() < deadline) {
        Atomics.wait(state, 0, BUSY, 50);
      }
      Atomics.store(state, 0, CLOSED);
    },
  };
};
