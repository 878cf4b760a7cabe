/**
 * What the renderer does with the API: load the session, page the inbox in, follow main's events.
 * Every failed result goes to one place, the store's `notice`, which the app shows.
 */
import type { AdmitApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { AppStore } from './app-store';

const PAGE = 1000;

export type Controller = ReturnType<typeof createController>;

/** Binds the API to a store. `start` subscribes to events and returns the unsubscribe function. */
export const createController = (api: AdmitApi, store: AppStore) => {
  const unwrap = <T>(result: Result<T>): T | undefined => {
    if (result.ok) return result.value;
    store.getState().showError(result.error);
    return undefined;
  };

  let loadGeneration = 0;
  const loadInbox = async (): Promise<void> => {
    const generation = ++loadGeneration;
    let offset = 0;
    let total = Infinity;
    while (offset < total && generation === loadGeneration) {
      const page = unwrap(await api.inbox.list({ offset, limit: PAGE }));
      if (!page || generation !== loadGeneration) return;
      if (offset === 0) store.getState().resetInbox(page.total);
      store.getState().putRows(page.offset, page.items, page.total);
      total = page.total;
      offset += page.items.length;
      if (page.items.length === 0) break;
    }
  };

  const refreshSession = async (): Promise<void> => {
    const session = unwrap(await api.session.get());
    if (!session) return;
    store.getState().setSession(session);
    if (session.status === 'signed_in') await loadInbox();
  };

  return {
    start: (): (() => void) => {
      const offs = [
        api.session.onChanged((session) => {
          store.getState().setSession(session);
          if (session.status === 'signed_out') store.getState().resetInbox(0);
        }),
        api.inbox.onChanged(() => void loadInbox()),
        api.sync.onProgress((sync) => store.getState().setSync(sync)),
      ];
      void refreshSession();
      return () => offs.forEach((off) => off());
    },
    connectDemo: async (): Promise<void> => {
      store.getState().showError(null);
      unwrap(await api.session.connectDemo());
    },
    connectToken: async (token: string): Promise<boolean> => {
      store.getState().showError(null);
      return unwrap(await api.session.connectToken({ token })) !== undefined;
    },
    signOut: async (): Promise<void> => {
      unwrap(await api.session.signOut());
    },
    refresh: async (): Promise<void> => {
      unwrap(await api.inbox.refresh());
    },
  };
};
