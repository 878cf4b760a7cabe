/** In-memory QueueStorage for tests and the demo; records are cloned through JSON like a disk would. */
import type { AuditEntry } from './audit';
import type { QueueCommit, QueueStorage } from './queue-ports';

export type MemoryQueueStorage = QueueStorage & {
  /** Raw stored records by id, to inspect or to plant a damaged one. */
  readonly rows: Map<string, string>;
  /** Make the next commit throw, as a full disk would. */
  failNextCommit: boolean;
};

/** Creates an empty in-memory queue storage. */
export const createMemoryQueueStorage = (): MemoryQueueStorage => {
  const rows = new Map<string, string>();
  const audit: AuditEntry[] = [];
  const storage: MemoryQueueStorage = {
    rows,
    failNextCommit: false,
    load: () => [...rows].map(([id, json]) => ({ id, record: JSON.parse(json) as unknown })),
    commit: (change: QueueCommit) => {
      if (storage.failNextCommit) {
        storage.failNextCommit = false;
        throw new Error('disk full');
      }
      for (const id of change.remove ?? []) rows.delete(id);
      for (const r of change.put ?? []) rows.set(r.id, JSON.stringify(r));
      audit.push(...(change.audit ?? []).map((e) => structuredClone(e)));
    },
    listAudit: () => audit.map((e) => structuredClone(e)),
  };
  return storage;
};
