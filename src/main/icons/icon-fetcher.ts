/**
 * Fetches app icons once per URL, in the background, with the host's fetch (Electron's net.fetch, so
 * the system proxy and certificates apply as for Slack's API), and keeps them in the org's database;
 * the renderer gets cached copies as data: URLs and never loads a remote image. A failure is
 * remembered (a day for an answer that is not an icon, a few minutes while Slack's CDN cannot be
 * reached), is logged as info and is never an error: the app's letter stands in for it.
 */
import { silentLogger, type Logger } from '../log';
import { downloadIcon, IconRefused } from './icon-download';
import { isAllowedIconUrl, toDataUrl, type RasterType } from './icon-rules';
import type { IconStore } from './icon-store';

export type IconFetcherOptions = {
  fetch: typeof fetch;
  store: IconStore;
  /** The Slack API URL Admit talks to: icons on its origin are allowed (the simulator's). */
  apiUrl: string;
  now?: () => number;
  log?: Logger;
  /** Icons fetched at once (default 2): they never compete with the sync for long. */
  concurrency?: number;
  timeoutMs?: number;
  /** How long an answer that was not an icon is believed (default a day). */
  retryRefusedAfterMs?: number;
  /** How long an unreachable CDN is believed (default 5 minutes). */
  retryUnreachableAfterMs?: number;
};

const DAY = 86_400_000;

/**
 * What is known of each URL without fetching it: icons and lasting failures in the store, and URLs
 * whose CDN could not be reached a moment ago.
 */
const createIconMemory = (
  store: IconStore,
  now: () => number,
  { refusedFor, unreachableFor }: { refusedFor: number; unreachableFor: number },
) => {
  /** URLs whose last try could not reach the CDN, and when (this session only). */
  const unreachable = new Map<string, number>();
  /**
   * URLs whose icon (or lasting failure) is in the store already: a sync names the same few icons on
   * thousands of rows, and prefetch then skips them without a query each.
   */
  const settled = new Set<string>();
  return {
    /** The cached icon, a remembered failure (null), or undefined when it should be fetched. */
    cached: (url: string): string | null | undefined => {
      const stored = store.get(url);
      if (stored?.kind === 'image') return toDataUrl(stored.mime, stored.bytes);
      if (stored?.kind === 'failed' && now() - stored.at < refusedFor) return null;
      const lastTry = unreachable.get(url);
      if (lastTry !== undefined && now() - lastTry < unreachableFor) return null;
      return undefined;
    },
    /** Whether prefetch should queue `url` (like `cached`, without building the data: URL). */
    wanted: (url: string): boolean => {
      if (settled.has(url)) return false;
      const stored = store.get(url);
      if (stored?.kind === 'image' || (stored?.kind === 'failed' && now() - stored.at < refusedFor)) {
        // A failure is remembered for a day: after that a new session (or `get`) tries again.
        settled.add(url);
        return false;
      }
      const lastTry = unreachable.get(url);
      return lastTry === undefined || now() - lastTry >= unreachableFor;
    },
    /** A fetch brought the icon: kept, and the CDN is reachable again. */
    fetched: (url: string, mime: RasterType, bytes: Uint8Array): void => {
      unreachable.delete(url);
      store.putImage(url, mime, bytes, now());
    },
    /** A fetch brought no icon: a lasting refusal is stored, a transient one only remembered here. */
    refused: (url: string, refused: IconRefused): void => {
      if (refused.transient) unreachable.set(url, now());
      else store.putFailure(url, refused.message, now());
    },
  };
};

/** Creates the fetcher; `close` stops it starting new fetches. */
export const createIconFetcher = (o: IconFetcherOptions) => {
  const now = o.now ?? Date.now;
  const log = o.log ?? silentLogger;
  const concurrency = o.concurrency ?? 2;
  const memory = createIconMemory(o.store, now, {
    refusedFor: o.retryRefusedAfterMs ?? DAY,
    unreachableFor: o.retryUnreachableAfterMs ?? 5 * 60_000,
  });
  const inFlight = new Map<string, Promise<string | null>>();
  const waiting: string[] = [];
  const queued = new Set<string>();
  let running = 0;
  let closed = false;

  const fetchOnce = (url: string): Promise<string | null> => {
    const existing = inFlight.get(url);
    if (existing) return existing;
    const attempt = (async (): Promise<string | null> => {
      try {
        const { mime, bytes } = await downloadIcon(o, url);
        memory.fetched(url, mime, bytes);
        return toDataUrl(mime, bytes);
      } catch (error) {
        const refused = error instanceof IconRefused ? error : new IconRefused(String(error));
        log.info('icon.unavailable', { url: new URL(url).host, reason: refused.message });
        memory.refused(url, refused);
        return null;
      }
    })().finally(() => inFlight.delete(url));
    inFlight.set(url, attempt);
    return attempt;
  };

  const pump = (): void => {
    while (!closed && running < concurrency && waiting.length > 0) {
      const url = waiting.shift()!;
      queued.delete(url);
      if (!safely(() => memory.wanted(url), false)) continue;
      running++;
      void fetchOnce(url)
        .catch(() => null)
        .finally(() => {
          running--;
          // The next one after this task: a burst of cached icons never blocks the event loop for long.
          setTimeout(pump, 0);
        });
    }
  };

  /** Guards every entry point: a store that fails (a full disk, a closed database) only costs the icon. */
  const safely = <T>(fn: () => T, fallback: T): T => {
    try {
      return fn();
    } catch (error) {
      log.info('icon.cache_failed', { error });
      return fallback;
    }
  };

  return {
    /** Queues these icon URLs for a background fetch; each is fetched at most once. */
    prefetch: (urls: Iterable<string>): void => {
      if (closed) return;
      for (const url of urls) {
        if (!url || queued.has(url) || inFlight.has(url) || !isAllowedIconUrl(url, o.apiUrl)) continue;
        if (!safely(() => memory.wanted(url), false)) continue;
        queued.add(url);
        waiting.push(url);
      }
      setTimeout(pump, 0);
    },
    /** The icon as a data: URL: from the cache, else fetched now; null when it cannot be had. */
    get: async (url: string): Promise<string | null> => {
      if (closed || !isAllowedIconUrl(url, o.apiUrl)) return null;
      const known = safely(() => memory.cached(url), null);
      if (known !== undefined) return known;
      return fetchOnce(url).catch(() => null);
    },
    close: (): void => {
      closed = true;
      waiting.length = 0;
      queued.clear();
    },
  };
};

export type IconFetcher = ReturnType<typeof createIconFetcher>;
