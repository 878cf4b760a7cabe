/** The browser host's side of the contract: the same API object as the preload, over loopback HTTP + SSE. */
import { buildApi, type AdmitApi, type EventName } from '../../../shared/contract';
import { fail, type Result } from '../../../shared/result';

const KEY_STORAGE = 'admit.launchKey';

/** Reads the per-launch key from the URL once, then keeps it for this tab only and hides it from the address bar. */
export const takeLaunchKey = (location: Location, storage: Storage, history: History): string | null => {
  const url = new URL(location.href);
  const fromUrl = url.searchParams.get('key');
  if (fromUrl) {
    storage.setItem(KEY_STORAGE, fromUrl);
    url.searchParams.delete('key');
    history.replaceState(null, '', url.pathname + url.search + url.hash);
    return fromUrl;
  }
  return storage.getItem(KEY_STORAGE);
};

/** Builds the API object for the browser host. */
export const createHttpApi = (key: string): AdmitApi => {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;

  const ensureStream = (event: EventName): void => {
    source ??= new EventSource('/api/events');
    if (listeners.get(event)?.size === 1) {
      source.addEventListener(event, (message) => {
        const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
        for (const listener of listeners.get(event) ?? []) listener(payload);
      });
    }
  };

  return buildApi(
    async (channel, input): Promise<Result<unknown>> => {
      try {
        const response = await fetch(`/api/invoke/${encodeURIComponent(channel)}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json', 'x-admit-key': key },
          body: JSON.stringify({ input }),
        });
        return (await response.json()) as Result<unknown>;
      } catch {
        return fail(
          'internal',
          'Admit’s background service is not answering. Is `npm run web` still running?',
        );
      }
    },
    (event, listener) => {
      const set = listeners.get(event) ?? new Set();
      listeners.set(event, set);
      set.add(listener);
      ensureStream(event);
      return () => {
        set.delete(listener);
      };
    },
  );
};
