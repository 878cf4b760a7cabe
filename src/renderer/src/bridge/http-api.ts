/** The browser host's side of the contract: the same API object as the preload, over loopback HTTP + SSE. */
import type { AdmitApi, EventName } from '../../../shared/contract';
import { buildApi } from '../../../shared/contract-names';
import type { Result } from '../../../shared/result';

const KEY_STORAGE = 'admit.launchKey';
/** Reconnect delays for the event stream: doubling from the first to the last. */
const RETRY_FIRST_MS = 500;
const RETRY_MAX_MS = 15_000;
/** How long a call waits for the event stream to open, so it cannot miss the events it causes. */
const STREAM_WAIT_MS = 2_000;

/**
 * Reads the per-launch key from the URL fragment once (a fragment never reaches a server, a log or a
 * Referer), keeps it for this tab only and takes it out of the address bar.
 */
export const takeLaunchKey = (location: Location, storage: Storage, history: History): string | null => {
  const fragment = new URLSearchParams(location.hash.replace(/^#/, ''));
  const fromUrl = fragment.get('key');
  if (fromUrl) {
    storage.setItem(KEY_STORAGE, fromUrl);
    fragment.delete('key');
    const rest = fragment.toString();
    history.replaceState(null, '', location.pathname + location.search + (rest ? `#${rest}` : ''));
    return fromUrl;
  }
  return storage.getItem(KEY_STORAGE);
};

/** What the bridge needs from the page; tests pass fakes. */
export type HttpApiEnv = {
  fetch: typeof fetch;
  openEventSource: (url: string) => EventSource;
  setTimeout: (run: () => void, ms: number) => unknown;
};

const browserEnv = (): HttpApiEnv => ({
  fetch: window.fetch.bind(window),
  openEventSource: (url) => new EventSource(url),
  setTimeout: (run, ms) => window.setTimeout(run, ms),
});

/**
 * The event stream over Server-Sent Events, opened with the first subscription and reopened with a new
 * ticket whenever it drops; `post` makes a keyed call.
 */
const createEventStream = (post: (path: string) => Promise<Response>, env: HttpApiEnv) => {
  const listeners = new Map<EventName, Set<(payload: unknown) => void>>();
  let source: EventSource | null = null;
  let connecting = false;
  let retryMs = RETRY_FIRST_MS;
  // While the stream is opening, calls wait for it (briefly) so that no event they cause is lost.
  let opening: Promise<void> | null = null;
  let settleOpening: () => void = () => undefined;

  const attach = (target: EventSource, event: EventName): void => {
    target.addEventListener(event, (message) => {
      const payload: unknown = JSON.parse((message as MessageEvent<string>).data);
      for (const listener of listeners.get(event) ?? []) listener(payload);
    });
  };

  // EventSource cannot send the key header: a keyed call buys a single-use ticket for its URL.
  const connect = async (): Promise<void> => {
    connecting = true;
    opening = new Promise((resolve) => (settleOpening = resolve));
    let ticket: string | undefined;
    try {
      const answer = (await (await post('/api/events/ticket')).json()) as Result<{ ticket: string }>;
      if (answer.ok) ticket = answer.value.ticket;
    } catch {
      // The host is not answering; try again below.
    }
    if (!ticket) return retry();
    const opened = env.openEventSource(`/api/events?ticket=${encodeURIComponent(ticket)}`);
    for (const event of listeners.keys()) attach(opened, event);
    opened.addEventListener('open', () => {
      retryMs = RETRY_FIRST_MS;
      settled();
    });
    // The ticket is spent: EventSource's own reconnect would be refused, so reconnect with a new one.
    opened.addEventListener('error', () => {
      opened.close();
      if (source === opened) source = null;
      retry();
    });
    source = opened;
    connecting = false;
  };

  const settled = (): void => {
    opening = null;
    settleOpening();
  };

  const retry = (): void => {
    connecting = false;
    settled();
    const delay = retryMs;
    retryMs = Math.min(retryMs * 2, RETRY_MAX_MS);
    env.setTimeout(() => ensureStream(), delay);
  };

  const ensureStream = (): void => {
    if (!source && !connecting) void connect();
  };

  return {
    /** Resolves once the stream is open (or after STREAM_WAIT_MS); undefined when it is not opening. */
    waitForStream: (): Promise<void> | undefined =>
      opening
        ? Promise.race([opening, new Promise<void>((resolve) => env.setTimeout(resolve, STREAM_WAIT_MS))])
        : undefined,
    subscribe: (event: EventName, listener: (payload: unknown) => void): (() => void) => {
      const set = listeners.get(event) ?? new Set();
      const isNew = !listeners.has(event);
      listeners.set(event, set);
      set.add(listener);
      if (isNew && source) attach(source, event);
      ensureStream();
      return () => {
        set.delete(listener);
      };
    },
  };
};

/** Builds the API object for the browser host. */
export const createHttpApi = (key: string, env: HttpApiEnv = browserEnv()): AdmitApi => {
  const post = (path: string, body?: string): Promise<Response> =>
    env.fetch(path, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admit-key': key },
      body,
    });
  const stream = createEventStream(post, env);

  return buildApi(async (channel, input): Promise<Result<unknown>> => {
    await stream.waitForStream();
    try {
      const response = await post(`/api/invoke/${encodeURIComponent(channel)}`, JSON.stringify({ input }));
      return (await response.json()) as Result<unknown>;
    } catch {
      return {
        ok: false,
        error: {
          code: 'internal',
          message: 'Admit’s background service is not answering. Is `npm run web` still running?',
        },
      };
    }
  }, stream.subscribe);
};
