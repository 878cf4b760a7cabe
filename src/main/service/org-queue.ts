/**
 * An org's action queue as the session runs it: sends wait while Slack is unreachable, and the
 * problems the queue meets on disk (a refused write, a record it cannot read back) are kept to tell.
 */
import { ActionQueue } from '../queue/action-queue';
import { createVerifier } from '../queue/verifier';
import type { Logger } from '../log';
import type { OrgStore } from '../store/org-store';
import { explainStorageError, StorageError } from '../store/storage-errors';
import type { ConnectivityMonitor } from '../sync/connectivity';
import { createActionSender } from './action-sender';
import type { OrgSessionOptions } from './org-session';

/** What an org's queue works with besides the session's options. */
export type OrgQueueParts = {
  store: OrgStore;
  monitor: ConnectivityMonitor;
  log: Logger;
  now: () => number;
};

/** Creates the org's queue (started by the caller) and the problems it has met. */
export const createOrgQueue = (o: OrgSessionOptions, parts: OrgQueueParts) => {
  const { store, monitor, log, now } = parts;
  // While Slack is known to be unreachable, actions wait here (still pending, still undoable)
  // instead of failing one after another; the monitor's probes decide when to try again.
  let closing = false;
  const whenReachable = (): Promise<void> =>
    monitor.state() !== 'offline' || closing
      ? Promise.resolve()
      : new Promise((resolve) => {
          const release = (): void => {
            off();
            stopWaiting.delete(release);
            resolve();
          };
          const off = monitor.onChange((state) => {
            if (state !== 'offline') release();
          });
          stopWaiting.add(release);
        });
  const stopWaiting = new Set<() => void>();

  /** The last queue write a full disk (or a read-only folder) refused, until one succeeds. */
  let writeProblem: string | null = null;
  /** Records the queue could not read back: said to the admin, kept on disk. */
  const queueProblems: string[] = [];
  const noteQueueProblem = (text: string): void => {
    if (queueProblems.includes(text)) return;
    queueProblems.push(text);
    o.onProblems?.();
  };
  const queue = new ActionQueue({
    storage: store.queueStorage,
    send: createActionSender(o.sendClient),
    verify: createVerifier(o.client, o.enterpriseId),
    actor: () => o.actor,
    acquire: async (method) => {
      await whenReachable();
      await o.limiter.acquire(o.enterpriseId, method);
    },
    now,
    onConnectivity: (reachable) => (reachable ? monitor.reportReachable() : monitor.reportNetworkError()),
    // A write the queue could not make while draining (a full disk): said until one succeeds again.
    onInvalidRecord: (id, problem) => {
      log.warn('queue.invalid_record', { enterpriseId: o.enterpriseId, actionId: id, problem });
      noteQueueProblem(
        `A queued decision (${id}) could not be read back and will not be sent (${problem}); it is kept on disk.`,
      );
    },
    onError: (error) => {
      log.error('queue.error', { enterpriseId: o.enterpriseId, error });
      const explained = explainStorageError(error, o.dir, 'Admit could not record what Slack answered');
      if (explained instanceof StorageError && explained.message !== writeProblem) {
        writeProblem = explained.message;
        o.onProblems?.();
      }
    },
  });

  return {
    queue,
    /** The refused write (until one succeeds) and the records that could not be read back. */
    problems: (): (string | null)[] => [writeProblem, ...queueProblems],
    /** A change reached the disk: a refused write is no longer a problem. */
    wrote: (): void => {
      if (!writeProblem) return;
      writeProblem = null;
      o.onProblems?.();
    },
    /** Lets every send waiting for Slack to be reachable go on (to find the queue stopping). */
    stopWaiting: (): void => {
      closing = true;
      for (const release of stopWaiting) release();
    },
  };
};

/** An org's queue and its problems. */
export type OrgQueue = ReturnType<typeof createOrgQueue>;
