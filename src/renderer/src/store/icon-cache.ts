/**
 * App icons as main hands them over: data: URLs of images it fetched once and keeps in the org's
 * cache. The page never loads a remote image (its CSP allows none); an icon main cannot give is
 * null, and the app's letter stands in for it. Each URL is asked for once per page.
 */
import type { AdmitApi } from '../../../shared/contract';

export type IconCache = {
  /** The icon: a data: URL, null when main has none, undefined until asked. */
  peek(url: string): string | null | undefined;
  /** Asks main for the icon once; later calls share the answer. */
  load(url: string): Promise<string | null>;
  /** Told whenever an answer arrives; returns the unsubscribe function. */
  subscribe(listener: () => void): () => void;
};

/** Only what main builds from checked raster bytes is shown. */
const isImageData = (value: unknown): value is string =>
  typeof value === 'string' && /^data:image\/(png|jpeg|gif|webp);base64,/.test(value);

/** The page's icon cache over the API. */
export const createIconCache = (api: AdmitApi): IconCache => {
  const known = new Map<string, string | null>();
  const asked = new Map<string, Promise<string | null>>();
  const listeners = new Set<() => void>();
  const ask = async (url: string): Promise<string | null> => {
    try {
      const result = await api.icons.get({ url });
      return result.ok && isImageData(result.value) ? result.value : null;
    } catch {
      return null; // a host without icons: letters
    }
  };
  return {
    peek: (url) => known.get(url),
    load: (url) => {
      let pending = asked.get(url);
      if (!pending) {
        pending = ask(url).then((icon) => {
          known.set(url, icon);
          for (const listener of listeners) listener();
          return icon;
        });
        asked.set(url, pending);
      }
      return pending;
    },
    subscribe: (listener) => {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
};
