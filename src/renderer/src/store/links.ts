/**
 * Links out of the app: only https, always through a confirmation, opened by main (the system
 * browser) or, where main cannot, in a new tab.
 */
import type { AdmitApi } from '../../../shared/contract';
import type { AppStore } from './app-store';
import type { InventoryController } from './inventory-controller';
import { inRequests } from './selectors';
import type { Unwrap } from './unwrap';

/** Is this an https URL the app may open? */
export const isSafeLink = (url: string): boolean => {
  try {
    return new URL(url).protocol === 'https:';
  } catch {
    return false;
  }
};

type LinkDeps = { unwrap: Unwrap; inventory: InventoryController; win: Pick<Window, 'open'> };

/** Binds asking to open a link and opening it. */
export const createLinks = (api: AdmitApi, store: AppStore, deps: LinkDeps) => {
  const get = store.getState;
  return {
    askOpenLink: (url: string): void => {
      if (isSafeLink(url)) get().setOverlay({ kind: 'link', url });
    },
    openLink: async (url: string): Promise<void> => {
      get().setOverlay(null);
      if (!isSafeLink(url)) return;
      const appId = inRequests(get()) ? undefined : deps.inventory.active()?.appId;
      const requestId = appId ? undefined : get().detail?.id;
      const opened = deps.unwrap(
        await api.app.openExternal(requestId ? { url, requestId } : appId ? { url, appId } : { url }),
      );
      if (opened && !opened.opened) deps.win.open(url, '_blank', 'noopener,noreferrer');
    },
  };
};
