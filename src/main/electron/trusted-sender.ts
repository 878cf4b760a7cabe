/** Only the app's own top-level frame, showing the app's own page, may call main. */
import type { WebFrameMain } from 'electron';

/**
 * `scheme://host` of a URL. WHATWG gives custom schemes such as app:// an opaque "null" origin,
 * so origins cannot be compared directly.
 */
export const appBase = (url: string): string => {
  const parsed = new URL(url);
  return `${parsed.protocol}//${parsed.host}`;
};

/** Is this frame the main frame of one of our windows, at our own scheme and host? */
export const isTrustedSender = (
  frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined,
  expectedBase: string,
): boolean => {
  if (!frame || frame.parent !== null) return false;
  try {
    return appBase(frame.url) === expectedBase;
  } catch {
    return false;
  }
};

/** What the log says about a refused caller: where it was and whether it was a subframe, never its query. */
export const describeSender = (
  frame: Pick<WebFrameMain, 'url' | 'parent'> | null | undefined,
): { sender: string; subframe: boolean } => {
  if (!frame) return { sender: 'gone', subframe: false };
  let sender: string;
  try {
    const url = new URL(frame.url);
    sender = `${url.protocol}//${url.host}${url.pathname}`;
  } catch {
    sender = 'unparseable';
  }
  return { sender, subframe: frame.parent !== null };
};
