/** What the renderer reads of an org's cache: a request's detail, an inventory page, an app's links. */
import { targetId } from '../../shared/actions';
import { AdmitError } from '../../shared/result';
import type { InventoryPage, RequestDetail } from '../../shared/view-types';
import { toDetail, type ResolutionContext } from '../inbox/summary';
import { listInventory, resolvedAppLinks, type InventoryQuery } from '../inventory/inventory';
import type { OrgStore } from '../store/org-store';
import type { InventoryRefresher } from './inventory-refresh';
import type { QueueViews } from './queue-events';

/** Creates the detail and inventory reads of the org `enterpriseId`. */
export const createOrgReads = (
  enterpriseId: string,
  store: OrgStore,
  inventories: InventoryRefresher,
  queuedFor: QueueViews['queuedFor'],
) => {
  /** What is approved for an app at a workspace (and at the org, which applies everywhere) now. */
  const resolutionContext = (appId: string, target: string): ResolutionContext => {
    const find = (where: string, status: 'approved' | 'restricted') =>
      store.getResolvedApps(where, status).find((a) => a.app.id === appId);
    const orgApproved = find(enterpriseId, 'approved');
    const orgRestricted = find(enterpriseId, 'restricted');
    const here = target === enterpriseId ? undefined : find(target, 'approved');
    return {
      approvedScopes: [...(here?.scopes ?? []), ...(orgApproved?.scopes ?? [])],
      orgResolution: orgRestricted ? 'restricted' : orgApproved ? 'approved' : null,
    };
  };

  return {
    /** A page of an inventory; opening its view re-reads lists older than a few minutes. */
    inventory: (input: InventoryQuery): InventoryPage => {
      if (input.opened) inventories.onViewOpened();
      return { ...listInventory(store, enterpriseId, input), freshness: inventories.freshness() };
    },
    /** The https links any cached approved/restricted list gives for an app. */
    appLinks: (appId: string): string[] => resolvedAppLinks(store, enterpriseId, appId),
    /** A cached request with its scope diff and the decision queued for it. */
    detail: (id: string): RequestDetail => {
      const request = store.getRequest(id);
      if (!request) throw new AdmitError('not_found', `Request ${id} is no longer in the inbox.`);
      // The scope diff compares with the lists of the request's place and the org: keep them fresh.
      inventories.forDetail([request.target, { enterpriseId }]);
      return toDetail(request, resolutionContext(request.app.id, targetId(request.target)), queuedFor(id));
    },
  };
};
