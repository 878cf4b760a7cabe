/**
 * The Approved and Restricted views: every app resolved at a workspace or the whole org, read from
 * the cached approved/restricted lists (so they work offline; service/inventory-refresh.ts says
 * when they are read again).
 */
import type { Target, QueuedAction } from '../../shared/actions';
import type { ResolvedApp } from '../../shared/models';
import type { InventoryItem, InventoryPage, InventoryStatus } from '../../shared/view-types';
import { WHOLE_ORG_LABEL } from '../inbox/labels';
import { appLinks, iconUrl } from '../inbox/summary';
import type { OrgStore } from '../store/org-store';

export type InventoryQuery = {
  status: InventoryStatus;
  offset: number;
  limit: number;
  query?: string;
  target?: string;
  opened?: boolean;
};

const toItem = (
  status: InventoryStatus,
  place: { id: string; name: string; level: 'workspace' | 'org' },
  r: ResolvedApp,
): InventoryItem => ({
  key: `${status}:${r.app.id}@${place.id}`,
  status,
  appId: r.app.id,
  appName: r.app.name,
  appIconUrl: iconUrl(r.app.icons),
  target: place.id,
  level: place.level,
  targetName: place.name,
  scopeCount: r.scopes.length,
  sensitiveCount: r.scopes.filter((s) => s.is_sensitive).length,
  scopes: r.scopes,
  resolvedBy: r.last_resolved_by?.actor_id || null,
  dateUpdated: r.date_updated,
  certified: r.certified,
  links: appLinks(r.app),
});

const matchesQuery = (item: InventoryItem, q: string): boolean =>
  !q ||
  [item.appName, item.appId, item.targetName, item.resolvedBy ?? '', ...item.scopes.map((s) => s.name)].some(
    (text) => text.toLowerCase().includes(q),
  );

/** Every place of the org: the org itself first, then its workspaces by name. */
const placesOf = (store: OrgStore, enterpriseId: string) => [
  { id: enterpriseId, name: WHOLE_ORG_LABEL, level: 'org' as const },
  ...store.listTeams().map((t) => ({ id: t.id, name: t.name || t.id, level: 'workspace' as const })),
];

/** Every cached app of one status, org first, then by workspace and app name. */
export const inventoryItems = (
  store: OrgStore,
  enterpriseId: string,
  status: InventoryStatus,
): InventoryItem[] =>
  placesOf(store, enterpriseId).flatMap((place) =>
    store
      .getResolvedApps(place.id, status)
      .map((r) => toItem(status, place, r))
      .sort((a, b) => a.appName.localeCompare(b.appName) || a.appId.localeCompare(b.appId)),
  );

/** One page of an inventory, after search and the place filter. */
export const listInventory = (
  store: OrgStore,
  enterpriseId: string,
  input: InventoryQuery,
): Omit<InventoryPage, 'freshness'> => {
  const all = inventoryItems(store, enterpriseId, input.status);
  const seen = new Map<string, string>();
  for (const item of all) seen.set(item.target, item.targetName);
  const q = (input.query ?? '').trim().toLowerCase();
  const matching = all.filter((i) => (!input.target || i.target === input.target) && matchesQuery(i, q));
  return {
    total: matching.length,
    offset: input.offset,
    items: matching.slice(input.offset, input.offset + input.limit),
    places: [...seen].map(([id, name]) => ({ id, name })),
  };
};

/** The links of an app as any cached approved or restricted list gives them. */
export const resolvedAppLinks = (store: OrgStore, enterpriseId: string, appId: string): string[] => {
  for (const status of ['approved', 'restricted'] as const) {
    const hit = inventoryItems(store, enterpriseId, status).find((i) => i.appId === appId);
    if (hit) return hit.links.map((l) => l.url);
  }
  return [];
};

/** The places whose approved/restricted lists a completed action may have changed. */
export const placesChangedBy = (records: readonly QueuedAction[]): Target[] => {
  const out = new Map<string, Target>();
  for (const { action } of records) {
    if (action.kind === 'cancel') continue;
    if (action.kind === 'uninstall') {
      if ('teamIds' in action.target) for (const teamId of action.target.teamIds) out.set(teamId, { teamId });
      else out.set(action.target.enterpriseId, { enterpriseId: action.target.enterpriseId });
      continue;
    }
    const id = 'teamId' in action.target ? action.target.teamId : action.target.enterpriseId;
    out.set(id, action.target);
  }
  return [...out.values()];
};
