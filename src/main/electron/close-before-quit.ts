/**
 * Electron quits once the service has closed: its queue's and the vault's last writes on disk (a
 * rotated refresh token lost at quit would mean signing in again, since Slack has spent the old one).
 * The first `before-quit` is held back while `close` runs; the quit then goes ahead, also when
 * closing fails or takes longer than `limitMs` (a stalled network call must not keep the app open).
 */
import type { App } from 'electron';

/** How long a quit waits for the service to close. */
export const CLOSE_LIMIT_MS = 5_000;

type QuitEvent = { preventDefault(): void };

export const closeBeforeQuit = (
  app: Pick<App, 'quit'> & { on(event: 'before-quit', listener: (event: QuitEvent) => void): unknown },
  close: () => Promise<void>,
  onError: (error: unknown) => void,
  limitMs = CLOSE_LIMIT_MS,
): void => {
  let state: 'open' | 'closing' | 'closed' = 'open';
  app.on('before-quit', (event) => {
    if (state === 'closed') return;
    event.preventDefault();
    if (state === 'closing') return;
    state = 'closing';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const limit = new Promise<void>((resolve) => (timer = setTimeout(resolve, limitMs)));
    void Promise.race([close(), limit])
      .catch(onError)
      .finally(() => {
        clearTimeout(timer);
        state = 'closed';
        app.quit();
      });
  });
};
