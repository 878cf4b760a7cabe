/**
 * When the approved and restricted lists are read: on their own cadence (hourly by default, longer
 * when the org is large enough that an hourly read would spend more than half of the lists' Tier 2
 * budget, and after a read that drew a 429), when an inventory view is opened and the lists are
 * older than a few minutes, for the places a request's details need, and for the places an action
 * changed. Every read goes through runInventorySync, so each place's age is recorded.
 */
import type { Target } from '../../shared/actions';
import type { EventSink } from '../../shared/contract';
import type { InventoryFreshness } from '../../shared/view-types';
import { WHOLE_ORG_LABEL } from '../inbox/labels';
import type { Logger } from '../log';
import type { RateLimiter, SlackAdminClient } from '../slack';
import { callsPerMinute } from '../slack/method-tiers';
import type { OrgStore } from '../store/org-store';
import { createCadence, type Cadence } from '../sync/cadence';
import { runInventorySync, type InventoryPlace } from '../sync/inventory-sync';

/** The default cadence of a full read of every place's lists. */
export const INVENTORY_INTERVAL_MS = 60 * 60_000;
/** Lists younger than this are fresh enough for a view being opened or a request's details. */
export const INVENTORY_FRESH_MS = 5 * 60_000;

export type InventoryRefreshOptions = {
  client: SlackAdminClient;
  store: OrgStore;
  enterpriseId: string;
  limiter: RateLimiter;
  emit: EventSink;
  log: Logger;
  now: () => number;
  intervalMs?: number;
  /** Lists younger than this are fresh enough for a view or a detail (scaled like Slack's windows). */
  freshMs?: number;
};

export type InventoryRefresher = ReturnType<typeof createInventoryRefresher>;

/** Every place whose lists are read: the whole org, then each workspace the store knows. */
const listPlaces = ({ enterpriseId, store }: InventoryRefreshOptions): InventoryPlace[] => [
  { id: enterpriseId, name: WHOLE_ORG_LABEL, target: { enterpriseId } },
  ...store.listTeams().map((t) => ({ id: t.id, name: t.name || t.id, target: { teamId: t.id } })),
];

/** The places `targets` name, as `all` knows them (or by ID, for one it does not). */
const placesFor = (all: InventoryPlace[], targets: readonly Target[]): InventoryPlace[] => {
  const out = new Map<string, InventoryPlace>();
  for (const t of targets) {
    const id = 'teamId' in t ? t.teamId : t.enterpriseId;
    out.set(id, all.find((p) => p.id === id) ?? { id, name: id, target: t });
  }
  return [...out.values()];
};

/** The oldest complete read among `ids` (ms), or null when one of them was never read completely. */
const oldestRead = (store: OrgStore, ids: readonly string[]): number | null => {
  const records = store.listInventorySync();
  let oldest = Number.POSITIVE_INFINITY;
  for (const id of ids) {
    const at = records.get(id)?.syncedAt ?? null;
    if (at === null) return null;
    oldest = Math.min(oldest, at);
  }
  return Number.isFinite(oldest) ? oldest : null;
};

/** How old the lists are over `all` places, from each place's record. */
const freshnessOf = (store: OrgStore, all: InventoryPlace[], reading: boolean): InventoryFreshness => {
  const records = store.listInventorySync();
  let oldest: number | null = null;
  let unread = 0;
  let incomplete = 0;
  for (const p of all) {
    const r = records.get(p.id);
    if (!r || r.syncedAt === null) unread += 1;
    else oldest = oldest === null ? r.syncedAt : Math.min(oldest, r.syncedAt);
    if (r && r.state !== 'complete') incomplete += 1;
  }
  return { oldestReadAt: oldest, unread, incomplete, places: all.length, reading };
};

/** Reads places' lists, one read per place at a time; each read is recorded and told to the views. */
const createPlaceReader = (o: InventoryRefreshOptions, cadence: Cadence) => {
  /** Places being read now. */
  const reading = new Set<string>();
  /**
   * Places an action changed while they were being read: that read may have started before Slack
   * applied it, so each is read once more when it ends (once, however many actions landed meanwhile).
   */
  const readAgain = new Map<string, InventoryPlace>();

  /** Reads `list` (skipping places already being read), records each, tells the views. */
  const read = async (list: InventoryPlace[]): Promise<string[]> => {
    const todo = list.filter((p) => !reading.has(p.id));
    if (todo.length === 0) return [];
    for (const p of todo) reading.add(p.id);
    const limitedBefore = o.limiter.limitedCount(o.enterpriseId);
    try {
      const result = await runInventorySync({ slack: o.client, store: o.store, places: todo, now: o.now });
      if (todo.length > 1)
        cadence.record(result.calls, o.limiter.limitedCount(o.enterpriseId) > limitedBefore);
      if (result.read.length > 0) o.emit('inventory:changed', { targets: result.read });
      return result.read;
    } finally {
      for (const p of todo) reading.delete(p.id);
      const again = todo.flatMap((p) => readAgain.get(p.id) ?? []);
      for (const p of again) readAgain.delete(p.id);
      if (again.length > 0)
        void read(again).catch((error: unknown) => o.log.warn('inventory.reread_failed', { error }));
    }
  };

  return {
    read,
    /** Is any place being read now? */
    busy: (): boolean => reading.size > 0,
    /** An action changed these places: one being read now is read once more when that read ends. */
    changed: (places: readonly InventoryPlace[]): void => {
      for (const p of places) if (reading.has(p.id)) readAgain.set(p.id, p);
    },
  };
};

/** Creates the refresher for one org; nothing is read until one of its triggers asks. */
export const createInventoryRefresher = (o: InventoryRefreshOptions) => {
  const scale = 60_000 / o.limiter.windowMs();
  const cadence = createCadence({
    baseMs: o.intervalMs ?? INVENTORY_INTERVAL_MS,
    callsPerMinute,
    scale,
  });
  const freshMs = o.freshMs ?? INVENTORY_FRESH_MS / scale;
  let full: Promise<void> | null = null;
  const reader = createPlaceReader(o, cadence);
  const read = reader.read;
  const places = (): InventoryPlace[] => listPlaces(o);
  const isStale = (ids: readonly string[], maxAgeMs: number): boolean => {
    const at = oldestRead(o.store, ids);
    return at === null || o.now() - at >= maxAgeMs;
  };

  /** Starts a full read unless one is running; failures are logged (each place's record says more). */
  const readAll = (reason: string): Promise<void> => {
    if (!full) {
      full = read(places()).then(
        () => undefined,
        (error: unknown) =>
          o.log.warn('inventory.sync_failed', { enterpriseId: o.enterpriseId, reason, error }),
      );
      void full.finally(() => {
        full = null;
      });
    }
    return full;
  };

  const placesOf = (targets: readonly Target[]): InventoryPlace[] => placesFor(places(), targets);

  return {
    /** When an inbox refresh has read every place: a full read when the cadence says one is due. */
    onInboxSynced: (): void => {
      if (
        !full &&
        isStale(
          places().map((p) => p.id),
          cadence.nextMs(),
        )
      )
        void readAll('cadence');
    },
    /**
     * An inventory view was opened: a full read when the lists are older than a few minutes, or, in an
     * org large enough that a full read spends more than that at half the lists' budget, than that
     * read's budget interval (so opening the view over and over cannot spend the budget).
     */
    onViewOpened: (): void => {
      const maxAge = Math.max(freshMs, cadence.budgetMs());
      if (
        !full &&
        isStale(
          places().map((p) => p.id),
          maxAge,
        )
      )
        void readAll('view');
    },
    /** A request's details need its place's and the org's lists: re-read them when not fresh. */
    forDetail: (targets: readonly Target[]): void => {
      const wanted = placesOf(targets);
      if (
        full ||
        !isStale(
          wanted.map((p) => p.id),
          freshMs,
        )
      )
        return;
      void read(wanted).catch((error: unknown) => o.log.warn('inventory.detail_read_failed', { error }));
    },
    /** Re-reads the places an action changed, once Slack has applied it. */
    afterActions: (targets: readonly Target[]): Promise<string[]> => {
      const places = placesOf(targets);
      reader.changed(places);
      return read(places);
    },
    /** Reads every place now (tests, and the bench's "inventories" refresh). */
    readAll: (): Promise<void> => readAll('manual'),
    freshness: (): InventoryFreshness => freshnessOf(o.store, places(), full !== null || reader.busy()),
  };
};
