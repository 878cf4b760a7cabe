import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { openOrgStore, type OrgStore } from '../store/org-store';
import { createIconFetcher } from './icon-fetcher';
import { isAllowedIconUrl, sniffRaster } from './icon-rules';

const PNG = Uint8Array.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const SVG = new TextEncoder().encode('<svg xmlns="http://www.w3.org/2000/svg"><script>x()</script></svg>');
const CDN = 'https://avatars.slack-edge.com/2024-01-01/123_64.png';
const API = 'https://slack.com/api/';

const dirs: string[] = [];
const stores: OrgStore[] = [];
const openStore = (dir = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-icons-'))) => {
  dirs.push(dir);
  const { store } = openOrgStore(dir);
  stores.push(store);
  return { store, dir };
};
afterEach(() => {
  for (const s of stores.splice(0)) s.close();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const answer = (body: Uint8Array, type: string, status = 200, extra: Record<string, string> = {}) =>
  new Response(status === 200 ? new Blob([body]) : null, {
    status,
    headers: { 'content-type': type, ...extra },
  });

const fakeFetch = (respond: (url: string) => Response | Promise<Response>) =>
  vi.fn((input: string | URL | Request) => Promise.resolve(respond(String(input))));

describe('icon rules', () => {
  it('allows https on Slack’s image hosts and the Slack API’s own origin, nothing else', () => {
    expect(isAllowedIconUrl(CDN, API)).toBe(true);
    expect(isAllowedIconUrl('https://a.slack-edge.com/x.png', API)).toBe(true);
    expect(
      isAllowedIconUrl('http://127.0.0.1:4000/avatars/sim/A1_64.png', 'http://127.0.0.1:4000/api/'),
    ).toBe(true);
    expect(isAllowedIconUrl('http://avatars.slack-edge.com/x.png', API)).toBe(false);
    expect(isAllowedIconUrl('https://evil-slack-edge.com/x.png', API)).toBe(false);
    expect(isAllowedIconUrl('https://slack-edge.com.evil.example/x.png', API)).toBe(false);
    expect(isAllowedIconUrl('http://127.0.0.1:9999/x.png', 'http://127.0.0.1:4000/api/')).toBe(false);
    expect(isAllowedIconUrl('https://u:p@avatars.slack-edge.com/x.png', API)).toBe(false);
    expect(isAllowedIconUrl('data:image/png;base64,AAAA', API)).toBe(false);
    expect(isAllowedIconUrl('not a url', API)).toBe(false);
  });

  it('recognises raster images by their bytes and refuses SVG', () => {
    expect(sniffRaster(PNG)).toBe('image/png');
    expect(sniffRaster(Uint8Array.from([0xff, 0xd8, 0xff, 0xe0]))).toBe('image/jpeg');
    expect(sniffRaster(new TextEncoder().encode('GIF89a'))).toBe('image/gif');
    expect(sniffRaster(new TextEncoder().encode('RIFF\0\0\0\0WEBPVP8 '))).toBe('image/webp');
    expect(sniffRaster(SVG)).toBeNull();
  });
});

describe('icon fetcher', () => {
  it('fetches an icon once, keeps it in the org database and answers from there offline', async () => {
    const { store, dir } = openStore();
    const fetch = fakeFetch(() => answer(PNG, 'image/png'));
    const icons = createIconFetcher({ fetch, store: store.icons, apiUrl: API });
    const first = await icons.get(CDN);
    expect(first).toBe(`data:image/png;base64,${Buffer.from(PNG).toString('base64')}`);
    expect(await icons.get(CDN)).toBe(first);
    expect(fetch).toHaveBeenCalledTimes(1);
    // The next launch, with no network at all, shows the same picture.
    store.close();
    stores.length = 0;
    const reopened = openStore(dir).store;
    const offline = fakeFetch(() => Promise.reject(new TypeError('fetch failed')));
    const later = createIconFetcher({ fetch: offline, store: reopened.icons, apiUrl: API });
    expect(await later.get(CDN)).toBe(first);
    expect(offline).not.toHaveBeenCalled();
  });

  it.each([
    ['an SVG', () => answer(SVG, 'image/svg+xml')],
    ['SVG bytes labelled as PNG', () => answer(SVG, 'image/png')],
    ['an HTML page', () => answer(new TextEncoder().encode('<html>'), 'text/html')],
    ['a 404', () => answer(PNG, 'image/png', 404)],
    ['a body over the cap', () => answer(new Uint8Array(300 * 1024).fill(0x89), 'image/png')],
    ['a declared length over the cap', () => answer(PNG, 'image/png', 200, { 'content-length': '999999' })],
  ])('refuses %s, remembers it for a day and never throws', async (_what, respond) => {
    let t = 1_000_000;
    const { store } = openStore();
    const fetch = fakeFetch(respond);
    const icons = createIconFetcher({ fetch, store: store.icons, apiUrl: API, now: () => t });
    expect(await icons.get(CDN)).toBeNull();
    expect(await icons.get(CDN)).toBeNull();
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(store.icons.get(CDN)).toMatchObject({ kind: 'failed' });
    t += 86_400_000;
    await icons.get(CDN);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('while the CDN is unreachable, tries again only after a few minutes and stores nothing', async () => {
    let t = 0;
    let online = false;
    const { store } = openStore();
    const fetch = fakeFetch(() =>
      online ? answer(PNG, 'image/png') : Promise.reject(new TypeError('fetch failed')),
    );
    const icons = createIconFetcher({ fetch, store: store.icons, apiUrl: API, now: () => t });
    await Promise.all([icons.get(CDN), icons.get(CDN), icons.get(CDN)]);
    expect(fetch).toHaveBeenCalledTimes(1);
    expect(store.icons.get(CDN)).toBeNull();
    online = true;
    expect(await icons.get(CDN)).toBeNull();
    t += 5 * 60_000;
    expect(await icons.get(CDN)).toMatch(/^data:image\/png;base64,/);
    expect(fetch).toHaveBeenCalledTimes(2);
  });

  it('never fetches a URL off Slack’s hosts, and follows no redirect', async () => {
    const { store } = openStore();
    const fetch = fakeFetch(() => answer(PNG, 'image/png', 302, { location: 'https://evil.example/x.png' }));
    const icons = createIconFetcher({ fetch, store: store.icons, apiUrl: API });
    expect(await icons.get('https://evil.example/icon.png')).toBeNull();
    expect(fetch).not.toHaveBeenCalled();
    expect(await icons.get(CDN)).toBeNull();
    expect(fetch).toHaveBeenCalledWith(CDN, expect.objectContaining({ redirect: 'manual' }));
  });

  it('prefetches in the background, each URL once, a few at a time', async () => {
    const { store } = openStore();
    let open = 0;
    let most = 0;
    const fetch = fakeFetch(async () => {
      most = Math.max(most, ++open);
      await new Promise((r) => setTimeout(r, 5));
      open--;
      return answer(PNG, 'image/png');
    });
    const icons = createIconFetcher({ fetch, store: store.icons, apiUrl: API, concurrency: 2 });
    const urls = Array.from({ length: 6 }, (_, i) => `https://avatars.slack-edge.com/a/${i}.png`);
    icons.prefetch([...urls, ...urls, '']);
    expect(fetch).not.toHaveBeenCalled(); // not on the caller's path
    await vi.waitFor(() => expect(urls.every((u) => store.icons.get(u)?.kind === 'image')).toBe(true));
    expect(fetch).toHaveBeenCalledTimes(6);
    expect(most).toBeLessThanOrEqual(2);
    icons.prefetch(urls);
    await new Promise((r) => setTimeout(r, 20));
    expect(fetch).toHaveBeenCalledTimes(6);
  });
});
