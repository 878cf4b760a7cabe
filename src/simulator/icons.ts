/**
 * The simulator plays Slack's image CDN too: app icons are PNGs it draws itself and serves at its own
 * origin (`/avatars/<file>`), so the demo org and the tests have real icon URLs to fetch and can take
 * them away by stopping the simulator. The catalog names icons as Slack does
 * (`https://avatars.slack-edge.com/…`); `hostIcons` points them at this server once it listens.
 */
import type { ServerResponse } from 'node:http';
import { crc32, deflateSync } from 'node:zlib';
import type { OrgData } from './types';
import type { WireApp } from './wire-types';

/** Where the catalog's icons live on Slack's CDN (app-catalog.ts writes them there). */
export const SLACK_AVATARS = 'https://avatars.slack-edge.com/sim/';
/** The path this server serves them under. */
export const ICON_PATH = '/avatars/sim/';

const ICON_FILE = /^([A-Z0-9]{2,32})_(\d{2,4})\.png$/;
const SIZES = new Set([32, 36, 48, 64, 72, 96, 128, 192, 512]);

/** The same app with its icon URLs moved from Slack's CDN to `origin`. */
const rehost = (app: WireApp, origin: string): WireApp => {
  if (!app.icons) return app;
  const icons: Record<string, string> = {};
  for (const [size, url] of Object.entries(app.icons)) {
    icons[size] = url.startsWith(SLACK_AVATARS)
      ? `${origin}${ICON_PATH}${url.slice(SLACK_AVATARS.length)}`
      : url;
  }
  return { ...app, icons };
};

/** A copy of `org` whose catalog and requests name icons on this server instead of Slack's CDN. */
export const hostIcons = (org: OrgData, origin: string): OrgData => ({
  ...org,
  apps: org.apps.map((entry) => ({ ...entry, app: rehost(entry.app, origin) })),
  requests: org.requests.map((r) => ({ ...r, app: rehost(r.app, origin) })),
});

const chunk = (type: string, data: Buffer): Buffer => {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
};

/** A hue from the app ID, so each app keeps its own colour across sizes and runs. */
const hueOf = (id: string): number => {
  let h = 0x811c9dc5; // FNV-1a: neighbouring IDs get far-apart colours
  for (const c of id) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
  return h % 360;
};

const hsl = (h: number, s: number, l: number): [number, number, number] => {
  const k = (n: number) => (n + h / 30) % 12;
  const a = s * Math.min(l, 1 - l);
  const f = (n: number) => l - a * Math.max(-1, Math.min(k(n) - 3, 9 - k(n), 1));
  return [f(0), f(8), f(4)].map((v) => Math.round(v * 255)) as [number, number, number];
};

/** A size×size RGB PNG: the app's colour with a light disc in the middle. */
export const drawIcon = (id: string, size: number): Buffer => {
  const hue = hueOf(id);
  const back = hsl(hue, 0.55, 0.45);
  const disc = hsl((hue + 40) % 360, 0.7, 0.85);
  const rows: Buffer[] = [];
  const c = (size - 1) / 2;
  for (let y = 0; y < size; y++) {
    const row = Buffer.alloc(1 + size * 3); // filter byte 0 (none), then RGB
    for (let x = 0; x < size; x++) {
      const inside = (x - c) ** 2 + (y - c) ** 2 <= (size * 0.26) ** 2;
      const [r, g, b] = inside ? disc : back;
      row.writeUInt8(r, 1 + x * 3);
      row.writeUInt8(g, 2 + x * 3);
      row.writeUInt8(b, 3 + x * 3);
    }
    rows.push(row);
  }
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.writeUInt8(8, 8); // bit depth
  header.writeUInt8(2, 9); // colour type: RGB
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', deflateSync(Buffer.concat(rows))),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

const drawn = new Map<string, Buffer>();

/** Answers GET /avatars/sim/<app id>_<size>.png with the app's icon; 404 for anything else. */
export const serveIcon = (pathname: string, res: ServerResponse): void => {
  const match = ICON_FILE.exec(pathname.slice(ICON_PATH.length));
  const size = Number(match?.[2]);
  if (!match?.[1] || !SIZES.has(size)) {
    res.writeHead(404, { 'content-type': 'text/plain' }).end('no such icon');
    return;
  }
  const key = `${match[1]}_${size}`;
  let png = drawn.get(key);
  if (!png) {
    png = drawIcon(match[1], size);
    if (drawn.size >= 1024) drawn.clear(); // any ID-shaped name draws: keep the memory bounded
    drawn.set(key, png);
  }
  res
    .writeHead(200, {
      'content-type': 'image/png',
      'content-length': png.length,
      'cache-control': 'public, max-age=31536000, immutable',
    })
    .end(png);
};
