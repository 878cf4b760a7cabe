/**
 * What Admit accepts as an app icon: a URL on Slack's image hosts (or on the Slack API's own origin,
 * which is the simulator in the demo and tests), a small body, and bytes that really are PNG, JPEG,
 * GIF or WebP. Never SVG: it can carry script and the page shows icons as plain images.
 */

/** The largest icon body Admit reads; Slack's 64 px icons are a few kilobytes. */
export const MAX_ICON_BYTES = 256 * 1024;

/** Raster types Admit stores, by the name a Content-Type header gives them. */
export const RASTER_TYPES = ['image/png', 'image/jpeg', 'image/gif', 'image/webp'] as const;
export type RasterType = (typeof RASTER_TYPES)[number];

/** Slack's hosts for app icons (the same the renderer's CSP used to name). */
const SLACK_IMAGE_HOST = /(^|\.)(slack-edge\.com|slack\.com)$/;

/**
 * May Admit fetch this icon URL? https on Slack's image hosts, or any URL on the origin of the Slack
 * API Admit talks to (the simulator serves icons from there over loopback).
 */
export const isAllowedIconUrl = (raw: string, apiUrl: string): boolean => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password) return false;
  if (url.protocol === 'https:' && SLACK_IMAGE_HOST.test(url.hostname)) return true;
  try {
    const api = new URL(apiUrl);
    return (url.protocol === 'https:' || url.protocol === 'http:') && url.origin === api.origin;
  } catch {
    return false;
  }
};

/** The Content-Type header's media type, lower case, without parameters. */
export const mediaType = (header: string | null): string =>
  (header ?? '').split(';')[0]?.trim().toLowerCase() ?? '';

const startsWith = (bytes: Uint8Array, prefix: readonly number[], at = 0): boolean =>
  bytes.length >= at + prefix.length && prefix.every((b, i) => bytes[at + i] === b);

/** The raster type these bytes are by their signature, or null (SVG, HTML, anything else). */
export const sniffRaster = (bytes: Uint8Array): RasterType | null => {
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'image/png';
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'image/jpeg';
  if (startsWith(bytes, [0x47, 0x49, 0x46, 0x38])) return 'image/gif'; // GIF8
  if (startsWith(bytes, [0x52, 0x49, 0x46, 0x46]) && startsWith(bytes, [0x57, 0x45, 0x42, 0x50], 8)) {
    return 'image/webp'; // RIFF....WEBP
  }
  return null;
};

/** A data: URL of stored icon bytes, which the renderer's CSP allows as an image and nothing else. */
export const toDataUrl = (mime: RasterType, bytes: Uint8Array): string =>
  `data:${mime};base64,${Buffer.from(bytes).toString('base64')}`;
