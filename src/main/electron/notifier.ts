/** Desktop notifications from main with Electron's `Notification` (no renderer permission involved). */
import { Notification } from 'electron';
import type { EventSink } from '../../shared/contract';
import type { Notifier } from '../notify/new-requests';
import { focusWindow, type FocusableWindow } from './single-instance';

export type ElectronNotifierOptions = {
  window: () => FocusableWindow | null;
  /** Sends `notify:clicked` to the page so it selects the request. */
  emit: EventSink;
};

/** A Notifier that shows a native notification; clicking it brings the window forward on the first new request. */
export const createElectronNotifier = (o: ElectronNotifierOptions): Notifier => {
  // Keep the latest one referenced: a notification that is garbage-collected loses its click handler.
  let current: Notification | null = null;
  return {
    newRequests: (notice) => {
      if (!Notification.isSupported()) return;
      current?.close();
      const shown = new Notification({ title: notice.title, body: notice.body });
      shown.on('click', () => {
        focusWindow(o.window());
        const first = notice.requestIds[0];
        if (first) o.emit('notify:clicked', { requestId: first });
      });
      shown.on('close', () => {
        if (current === shown) current = null;
      });
      current = shown;
      shown.show();
    },
  };
};
