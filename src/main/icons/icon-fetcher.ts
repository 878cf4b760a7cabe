/**
 * Fetches app icons once per URL, in the background, with the host's fetch (Electron's net.fetch, so
 * the system proxy and certificates apply as for Slack's API), and keeps them in the org's database;
 * the renderer gets cached copies as data: URLs and never loads a remote image. A failure is
 * remembered (a day for an answer that is not an icon, a few minutes while Slack's CDN cannot be
 * reached), is logged as info and is never an error: the app's letter stands in for it.
 */
import { silentLogger, type Logger } from '../log';
import {
  isAllowedIconUrl,
  MAX_ICON_BYTES,
  mediaType,
  RASTER_TYPES,
  sniffRaster,
  toDataUrl,
  type RasterType,
} from './icon-rules';
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

/** Why one fetch gave no icon; `transient` failures are kept in memory only. */
class IconRefused extends Error {
  constructor(
    message: string,
    readonly transient = false,
  ) {
    super(message);
  }
}

const DAY = 86_400_000;

/** Reads at most `max` bytes of a body; more is refused without reading the rest. */
const readCapped = async (response: Response, max: number): Promise<Uint8Array> => {
  const declared = Number(response.headers.get('content-length') ?? NaN);
  if (declared > max) throw new IconRefused(`larger than ${max} bytes`);
  const reader = response.body?.getReader();
  if (!reader) return new Uint8Array(0);
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      throw new IconRefused(`larger than ${max} bytes`);
    }
    parts.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const part of parts) {
    bytes.set(part, at);
    at += part.byteLength;
  }
  return bytes;
};

/** Creates the fetcher; `close` stops it starting new fetches. */
export const createIconFetcher = (o: IconFetcherOptions) => {
  const now = o.now ?? Date.now;
  const log = o.log ?? silentLogger;
  const concurrency = o.concurrency ?? 2;
  const refusedFor = o.retryRefusedAfterMs ?? DAY;
  const unreachableFor = o.retryUnreachableAfterMs ?? 5 * 60_000;
  /** URLs whose last try could not reach the CDN, and when (this session only). */
  const unreachable = new Map<string, number>();
  const inFlight = new Map<string, Promise<string | null>>();
  const waiting: string[] = [];
  const queued = new Set<string>();
  /**
   * URLs whose icon (or lasting failure) is in the store already: a sync names the same few icons on
   * thousands of rows, and prefetch then skips them without a query each.
   */
  const settled = new Set<string>();
  let running = 0;
  let closed = false;

  const download = async (url: string): Promise<{ mime: RasterType; bytes: Uint8Array }> => {
    let response: Response;
    try {
      response = await o.fetch(url, {
        method: 'GET',
        redirect: 'manual', // a redirect could leave Slack's hosts: not followed
        credentials: 'omit',
        headers: { accept: RASTER_TYPES.join(', ') },
        signal: AbortSignal.timeout(o.timeoutMs ?? 15_000),
      });
    } catch (error) {
      throw new IconRefused(error instanceof Error ? error.name : 'network error', true);
    }
    if (response.status !== 200) {
      await response.body?.cancel().catch(() => undefined);
      throw new IconRefused(`HTTP ${response.status}`, response.status >= 500 || response.status === 429);
    }
    const declared = mediaType(response.headers.get('content-type'));
    if (!RASTER_TYPES.some((t) => t === declared)) {
      await response.body?.cancel().catch(() => undefined);
      throw new IconRefused(`not a raster image (${declared || 'no content type'})`);
    }
    const bytes = await readCapped(response, MAX_ICON_BYTES).catch((error: unknown) => {
      if (error instanceof IconRefused) throw error;
      throw new IconRefused('the connection broke', true);
    });
    const sniffed = sniffRaster(bytes);
    if (sniffed !== declared) throw new IconRefused(`the bytes are not ${declared}`);
    return { mime: sniffed, bytes };
  };

  /** The cached icon, a remembered failure (null), or undefined when it should be fetched. */
  const cached = (url: string): string | null | undefined => {
    const stored = o.store.get(url);
    if (stored?.kind === 'image') return toDataUrl(stored.mime, stored.bytes);
    if (stored?.kind === 'failed' && now() - stored.at < refusedFor) return null;
    const lastTry = unreachable.get(url);
    if (lastTry !== undefined && now() - lastTry < unreachableFor) return null;
    return undefined;
  };

  /** Whether prefetch should queue `url` (like `cached`, without building the data: URL). */
  const wanted = (url: string): boolean => {
    if (settled.has(url)) return false;
    const stored = o.store.get(url);
    if (stored?.kind === 'image' || (stored?.kind === 'failed' && now() - stored.at < refusedFor)) {
      // A failure is remembered for a day: after that a new session (or `get`) tries again.
      settled.add(url);
      return false;
    }
    const lastTry = unreachable.get(url);
    return lastTry === undefined || now() - lastTry >= unreachableFor;
  };

  const fetchOnce = (url: string): Promise<string | null> => {
    const existing = inFlight.get(url);
    if (existing) return existing;
    const attempt = (async (): Promise<string | null> => {
      try {
        const { mime, bytes } = await download(url);
        unreachable.delete(url);
        o.store.putImage(url, mime, bytes, now());
        return toDataUrl(mime, bytes);
      } catch (error) {
        const refused = error instanceof IconRefused ? error : new IconRefused(String(error));
        log.info('icon.unavailable', { url: new URL(url).host, reason: refused.message });
        if (refused.transient) unreachable.set(url, now());
        else o.store.putFailure(url, refused.message, now());
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
      if (!safely(() => wanted(url), false)) continue;
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
        if (!safely(() => wanted(url), false)) continue;
        queued.add(url);
        waiting.push(url);
      }
      setTimeout(pump, 0);
    },
    /** The icon as a data: URL: from the cache, else fetched now; null when it cannot be had. */
    get: async (url: string): Promise<string | null> => {
      if (closed || !isAllowedIconUrl(url, o.apiUrl)) return null;
      const known = safely(() => cached(url), null);
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
