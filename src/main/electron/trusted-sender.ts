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
