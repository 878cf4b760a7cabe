/**
 * Desktop notifications in the page. In the browser host main sends `notify:newRequests` and the page
 * shows it with the Web Notifications API, once the admin allowed it; in Electron main shows them
 * natively and only tells the page which request a click chose (`notify:clicked`).
 */
import type { AdmitApi } from '../../../shared/contract';
import type { NewRequestsNotice } from '../../../shared/view-types';
import type { AppStore } from './app-store';
import { selectVisibleIds } from './visible';

/** What the page can do about notifications: Electron shows them from main ('native'). */
export type PageNotifications = 'native' | 'unsupported' | NotificationPermission;

/** The page's part of the window, injectable for tests. */
export type NotificationWindow = {
  admit?: unknown;
  Notification?: typeof Notification;
  focus(): void;
};

const pageWindow = (): NotificationWindow | null => (typeof window === 'undefined' ? null : window);

/** Whether this page shows notifications itself, and if so what the browser allows. */
export const pageNotifications = (win: NotificationWindow | null = pageWindow()): PageNotifications => {
  if (!win) return 'unsupported';
  if (win.admit) return 'native';
  return win.Notification ? win.Notification.permission : 'unsupported';
};

/**
 * Asks the browser for permission. Call it only from a click: browsers ignore (or hold against the
 * site) a prompt that no user gesture asked for.
 */
export const askNotificationPermission = async (
  win: NotificationWindow | null = pageWindow(),
): Promise<PageNotifications> => {
  if (!win?.Notification || win.admit) return pageNotifications(win);
  return win.Notification.requestPermission();
};

/** Brings a request into view and selects it, clearing filters that would hide it. */
export const selectRequest = (store: AppStore, id: string | undefined): void => {
  const s = store.getState();
  if (!id || !s.byId.has(id)) return;
  if (!selectVisibleIds(s).includes(id)) s.resetFilters();
  store.getState().setActive(id, true);
};

/** Follows main's notification events; returns the unsubscribe function. */
export const followNotifications = (
  api: AdmitApi,
  store: AppStore,
  win: NotificationWindow | null = pageWindow(),
): (() => void) => {
  const show = (notice: NewRequestsNotice): void => {
    const Page = win?.Notification;
    if (!win || !Page || Page.permission !== 'granted' || !store.getState().settings.notifications) return;
    const shown = new Page(notice.title, { body: notice.body, tag: 'admit-new-requests' });
    shown.onclick = () => {
      win.focus();
      selectRequest(store, notice.requestIds[0]);
      shown.close();
    };
  };
  const offs = [
    api.notify.onNewRequests(show),
    api.notify.onClicked(({ requestId }) => selectRequest(store, requestId)),
  ];
  return () => offs.forEach((off) => off());
};
