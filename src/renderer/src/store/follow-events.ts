/**
 * Following main: every event of the contract goes to the piece that owns it, the OS's online and
 * offline hints go to main, and every change of the store keeps the active row visible and its
 * details loaded.
 */
import type { AdmitApi, Unsubscribe } from '../../../shared/contract';
import { afterRender } from './after-render';
import type { AppStore } from './app-store';
import { followNotifications } from './desktop-notifications';
import type { InboxLoader } from './inbox-loader';
import type { InventoryController } from './inventory-controller';
import type { SessionState } from '../../../shared/view-types';

/** Listens to a window event (absent outside a browser, e.g. in node tests); returns the unsubscribe. */
const onWindowEvent = (name: 'online' | 'offline', listener: () => void): Unsubscribe => {
  if (typeof window === 'undefined') return () => undefined;
  window.addEventListener(name, listener);
  return () => window.removeEventListener(name, listener);
};

type FollowDeps = {
  onSessionChanged: (session: SessionState) => void;
  inbox: InboxLoader;
  inventory: InventoryController;
  refreshDetailFor: (targets: readonly string[]) => void;
  keepActiveVisible: () => void;
  ensureDetail: () => void;
};

/** Subscribes to main's events and the store; returns the subscriptions, in the order they were made. */
export const followEvents = (api: AdmitApi, store: AppStore, deps: FollowDeps): Unsubscribe[] => {
  // The next row's details load once the move is in the DOM: starting the call to main (a fetch in
  // the browser host) inside the key's store update held the selection back by the fetch's setup.
  let detailCheck = false;
  const ensureDetailAfterRender = (): void => {
    if (detailCheck) return;
    detailCheck = true;
    void afterRender().then(() => {
      detailCheck = false;
      deps.ensureDetail();
    });
  };
  const get = store.getState;
  return [
    api.session.onChanged(deps.onSessionChanged),
    api.inbox.onChanged((delta) => deps.inbox.onChanged(delta)),
    api.sync.onProgress((sync) => get().setSync(sync)),
    api.session.onSignInFinished((result) => {
      if (!result.ok) get().showError({ code: 'not_signed_in', message: result.message });
      else get().announce(result.message);
    }),
    api.actions.onChanged((delta) => get().applyQueueDelta(delta)),
    api.connection.onChanged((connection) => get().setConnection(connection)),
    api.inventory.onChanged(({ targets }) => {
      deps.inventory.reloadLoaded();
      deps.refreshDetailFor(targets);
    }),
    followNotifications(api, store),
    // The OS's online/offline events are only hints: main probes Slack and decides.
    onWindowEvent('online', () => void api.connection.hint({ online: true })),
    onWindowEvent('offline', () => void api.connection.hint({ online: false })),
    store.subscribe((s, prev) => {
      if (
        s.filters !== prev.filters ||
        s.order !== prev.order ||
        s.byId !== prev.byId ||
        s.actionByRequest !== prev.actionByRequest
      ) {
        deps.keepActiveVisible();
      }
      ensureDetailAfterRender();
    }),
  ];
};
