/**
 * The org store's record of how each target's last inbox sync ended, and each place's last read of
 * its approved and restricted lists: one JSON record per target. A record that read nothing keeps the
 * last successful read's time (and, for the inbox, its count); a record that no longer parses reads
 * as absent.
 */
import type { TargetSyncState } from '../../shared/view-types';
import type { OrgStatements } from './org-statements';
import type { OrgStore } from './org-store';
import type { Write } from './org-writes';

/** How the last sync of one target (a workspace or the org) ended. */
export type TargetSyncRecord = {
  target: string;
  name: string;
  level: 'workspace' | 'org';
  state: TargetSyncState;
  /** When it was last tried (ms). */
  attemptedAt: number;
  /** When its requests were last read (ms); null if never. */
  syncedAt: number | null;
  /** Requests read in the last successful read; null when that read failed. */
  items: number | null;
  skipped: number;
  error: string | null;
  problems: string[];
};

/** How the last read of one place's approved and restricted lists ended. */
export type InventorySyncRecord = {
  target: string;
  state: TargetSyncState;
  /** When it was last tried (ms). */
  attemptedAt: number;
  /** When both lists were last read completely (ms); null if never. */
  syncedAt: number | null;
  problems: string[];
};

/** A stored target sync record, or null when it does not parse. */
export const readTargetSync = (raw: unknown): TargetSyncRecord | null => {
  try {
    const r = JSON.parse(String(raw)) as TargetSyncRecord;
    return typeof r.target === 'string' && typeof r.state === 'string' ? r : null;
  } catch {
    return null;
  }
};

const readInventorySync = (raw: unknown): InventorySyncRecord | null => {
  try {
    const r = JSON.parse(String(raw)) as InventorySyncRecord;
    return typeof r.target === 'string' && typeof r.attemptedAt === 'number' ? r : null;
  } catch {
    return null;
  }
};

type SyncRecords = Pick<
  OrgStore,
  'recordTargetSyncs' | 'listTargetSync' | 'recordInventorySync' | 'listInventorySync'
>;

/** The records' reads and writes; each write is a cache write (`cache`). */
export const syncRecords = (st: OrgStatements, cache: Write): SyncRecords => {
  const listInventorySync = (): Map<string, InventorySyncRecord> =>
    new Map(
      st.allInventorySync
        .all()
        .flatMap((row) => readInventorySync(row['record']) ?? [])
        .map((r) => [r.target, r]),
    );

  return {
    recordTargetSyncs: (records) => {
      if (records.length === 0) return;
      const before = new Map(
        st.allTargetSync.all().flatMap((r) => {
          const known = readTargetSync(r['record']);
          return known ? [[known.target, known] as const] : [];
        }),
      );
      const merged = records.map((record): TargetSyncRecord => {
        const last = before.get(record.target);
        return record.syncedAt === null && last
          ? { ...record, syncedAt: last.syncedAt, items: last.items }
          : record;
      });
      // Bookkeeping of what was read, like the rows themselves: a cache write, without an fsync, and
      // one transaction for the whole sync.
      cache(() => {
        for (const m of merged) st.upsertTargetSync.run(m.target, JSON.stringify(m));
      });
    },
    listTargetSync: () => {
      const all = st.allTargetSync.all().flatMap((r) => readTargetSync(r['record']) ?? []);
      return all.sort((a, b) =>
        a.level === b.level ? a.name.localeCompare(b.name) : a.level === 'org' ? -1 : 1,
      );
    },
    recordInventorySync: (record) => {
      const before = listInventorySync().get(record.target);
      const merged = record.syncedAt === null && before ? { ...record, syncedAt: before.syncedAt } : record;
      cache(() => st.upsertInventorySync.run(record.target, JSON.stringify(merged)));
    },
    listInventorySync,
  };
};
