import { mkdtemp, mkdir, rm, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, type Handlers } from '../../shared/contract';
import { ok } from '../../shared/result';
import { withJsonText } from '../bridge/event-json';
import { resolveInside } from '../files/static-files';
import { TICKET_TTL_MS } from './event-tickets';
import { startWebHost, WEB_CSP, type WebHost } from './web-host';

const KEY = 'k'.repeat(32);
let host: WebHost;
let root: string;
const handlers = Object.fromEntries(
  channelNames.map((n) => [n, async (input: unknown) => ok({ n, input })]),
) as unknown as Handlers;

/** Raw request so that Host and other headers are exactly what a test says. */
const raw = (options: {
  port?: number;
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> =>
  new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: options.port ?? host.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${options.port ?? host.port}`, ...options.headers },
      },
      (res) => {
        let body = '';
        res.on('data', (c: Buffer) => (body += c.toString()));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body, headers: res.headers }));
      },
    );
    req.on('error', reject);
    req.end(options.body);
  });

beforeEach(async () => {
  root = await mkdtemp(path.join(os.tmpdir(), 'admit-web-'));
  await mkdir(path.join(root, 'renderer', 'assets'), { recursive: true });
  await writeFile(path.join(root, 'renderer', 'index.html'), '<h1>Admit</h1>');
  await writeFile(path.join(root, 'renderer', 'assets', 'app.js'), 'console.log(1)');
  await writeFile(path.join(root, 'secret.txt'), 'do not serve');
  host = await startWebHost(() => handlers, { port: 0, rendererDir: path.join(root, 'renderer'), key: KEY });
});
afterEach(async () => {
  await host.close();
  await rm(root, { recursive: true, force: true });
});

const keyed = { 'x-admit-key': KEY };
const ticket = async (): Promise<string> => {
  const res = await raw({ path: '/api/events/ticket', method: 'POST', headers: keyed });
  return (JSON.parse(res.body) as { value: { ticket: string } }).value.ticket;
};

describe('browser host', () => {
  it('prints a loopback URL carrying the key in the fragment, which browsers never send', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/#key=${KEY}`);
  });

  it('generates a different random key per launch', async () => {
    const a = await startWebHost(() => handlers, { port: 0, rendererDir: root });
    const b = await startWebHost(() => handlers, { port: 0, rendererDir: root });
    expect(a.key).not.toBe(b.key);
    expect(a.key.length).toBeGreaterThanOrEqual(32);
    await Promise.all([a.close(), b.close()]);
  });

  it('serves the page and its files without the key (they hold no secret), with a CSP', async () => {
    const page = await raw({ path: '/' });
    expect(page.status).toBe(200);
    expect(page.body).toContain('Admit');
    expect(page.headers['content-security-policy']).toBe(WEB_CSP);
    expect(page.headers['x-content-type-options']).toBe('nosniff');
    expect((await raw({ path: '/assets/app.js' })).status).toBe(200);
  });

  it('allows no inline style or script in the page', () => {
    expect(WEB_CSP).toContain("style-src 'self';");
    expect(WEB_CSP).not.toContain('unsafe-inline');
  });

  it('loads images only from itself and the data: URLs of cached icons, never from Slack’s CDN', () => {
    expect(WEB_CSP).toContain("img-src 'self' data:;");
    expect(WEB_CSP).not.toMatch(/slack/);
  });

  it('never sets a cookie: cookies are not isolated by port, so any local service would get the key', async () => {
    const answers = [
      await raw({ path: '/' }),
      await raw({ path: '/assets/app.js' }),
      await raw({ path: '/missing.js' }),
      await raw({ path: '/api/invoke/session:get', method: 'POST', headers: keyed, body: '{}' }),
      await raw({ path: '/api/events/ticket', method: 'POST', headers: keyed }),
      await raw({ path: '/api/invoke/session:get', method: 'POST', body: '{}' }),
    ];
    for (const res of answers) expect(res.headers['set-cookie']).toBeUndefined();
  });

  it('refuses API calls without the key header, with a wrong one, or with the key anywhere else', async () => {
    const call = (path: string, headers: Record<string, string> = {}) =>
      raw({ path, method: 'POST', headers, body: '{}' });
    expect((await call('/api/invoke/session:get')).status).toBe(401);
    expect((await call('/api/invoke/session:get', { 'x-admit-key': 'wrong' })).status).toBe(401);
    expect((await call(`/api/invoke/session:get?key=${KEY}`)).status).toBe(401);
    expect((await call('/api/invoke/session:get', { cookie: `admit_key=${KEY}` })).status).toBe(401);
    expect((await call('/api/events/ticket', { cookie: `admit_key=${KEY}` })).status).toBe(401);
    const res = await call('/api/invoke/session:get', { 'x-admit-key': KEY });
    expect(res.status).toBe(200);
    expect(res.headers['x-content-type-options']).toBe('nosniff');
  });

  it('refuses a foreign Host header (DNS rebinding)', async () => {
    const page = await raw({ path: '/', headers: { host: `evil.example:${host.port}` } });
    expect(page.status).toBe(421);
    const call = await raw({
      path: '/api/invoke/session:get',
      method: 'POST',
      headers: { ...keyed, host: `evil.example:${host.port}` },
      body: '{}',
    });
    expect(call.status).toBe(421);
  });

  it('refuses cross-origin API calls even with the key', async () => {
    const res = await raw({
      path: '/api/invoke/session:get',
      method: 'POST',
      headers: { ...keyed, origin: 'https://evil.example' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('bridges a channel call and validates its input', async () => {
    const call = (body: string) =>
      raw({ path: '/api/invoke/inbox:list', method: 'POST', headers: keyed, body });
    const good = await call(JSON.stringify({ input: { offset: 0, limit: 10 } }));
    expect(JSON.parse(good.body)).toEqual({
      ok: true,
      value: { n: 'inbox:list', input: { offset: 0, limit: 10 } },
    });
    const bad = await call(JSON.stringify({ input: { offset: 'x' } }));
    expect(JSON.parse(bad.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const broken = await call('{not json');
    expect(broken.status).toBe(400);
    expect(JSON.parse(broken.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
    const huge = await call(JSON.stringify({ input: 'x'.repeat(100_000) }));
    expect(huge.status).toBe(413);
    expect(JSON.parse(huge.body)).toMatchObject({ ok: false, error: { code: 'invalid_input' } });
  });

  it('answers 500 with a typed error when a handler throws, and keeps serving', async () => {
    const broken = await startWebHost(
      () => {
        throw new Error('handlers unavailable');
      },
      { port: 0, rendererDir: path.join(root, 'renderer'), key: KEY },
    );
    try {
      const call = () =>
        raw({
          port: broken.port,
          path: '/api/invoke/session:get',
          method: 'POST',
          headers: keyed,
          body: '{}',
        });
      const res = await call();
      expect(res.status).toBe(500);
      expect(JSON.parse(res.body)).toMatchObject({ ok: false, error: { code: 'internal' } });
      expect((await call()).status).toBe(500);
      expect((await raw({ port: broken.port, path: '/' })).status).toBe(200);
    } finally {
      await broken.close();
    }
  });

  it('never serves files outside the renderer directory', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/%00']) {
      const res = await raw({ path: p });
      expect(res.body).not.toContain('do not serve');
    }
    expect(resolveInside('/srv/r', '/../x')).toBeNull();
    expect(resolveInside('/srv/r', '/%2e%2e%2fx')).toBeNull();
    expect(resolveInside('/srv/r', '/assets/a.js')).toBe('/srv/r/assets/a.js');
  });
});

/** Opens the event stream with `query` and resolves with its status and, for a 200, the open response. */
const openEvents = (
  port: number,
  query: string,
  headers: Record<string, string> = {},
): Promise<{ status: number; res: http.IncomingMessage }> =>
  new Promise((resolve, reject) => {
    http
      .get(
        {
          host: '127.0.0.1',
          port,
          path: `/api/events${query}`,
          headers: { host: `127.0.0.1:${port}`, ...headers },
        },
        (res) => {
          if (res.statusCode !== 200) res.resume();
          resolve({ status: res.statusCode ?? 0, res });
        },
      )
      .on('error', reject);
  });

describe('the event stream', () => {
  it('is refused without a ticket, with the key instead of one, or with a made-up one', async () => {
    expect((await openEvents(host.port, '')).status).toBe(401);
    expect((await openEvents(host.port, `?key=${KEY}`)).status).toBe(401);
    expect((await openEvents(host.port, '', { cookie: `admit_key=${KEY}` })).status).toBe(401);
    expect((await openEvents(host.port, '', keyed)).status).toBe(401);
    expect((await openEvents(host.port, '?ticket=made-up')).status).toBe(401);
  });

  it('hands out tickets only to a keyed call', async () => {
    expect((await raw({ path: '/api/events/ticket', method: 'POST' })).status).toBe(401);
    expect((await raw({ path: '/api/events/ticket', method: 'GET', headers: keyed })).status).toBe(404);
  });

  it('opens with a ticket exactly once', async () => {
    const t = await ticket();
    const first = await openEvents(host.port, `?ticket=${t}`);
    expect(first.status).toBe(200);
    first.res.destroy();
    expect((await openEvents(host.port, `?ticket=${t}`)).status).toBe(401);
  });

  it('refuses a ticket older than its lifetime', async () => {
    let now = 1_000_000;
    const timed = await startWebHost(() => handlers, {
      port: 0,
      rendererDir: path.join(root, 'renderer'),
      key: KEY,
      now: () => now,
    });
    try {
      const get = async () => {
        const res = await raw({
          port: timed.port,
          path: '/api/events/ticket',
          method: 'POST',
          headers: keyed,
        });
        return (JSON.parse(res.body) as { value: { ticket: string } }).value.ticket;
      };
      const fresh = await get();
      const stale = await get();
      now += TICKET_TTL_MS - 1;
      const ok = await openEvents(timed.port, `?ticket=${fresh}`);
      expect(ok.status).toBe(200);
      ok.res.destroy();
      now += 1;
      expect((await openEvents(timed.port, `?ticket=${stale}`)).status).toBe(401);
    } finally {
      await timed.close();
    }
  });

  it('pushes events to every open event stream', async () => {
    const { res } = await openEvents(host.port, `?ticket=${await ticket()}`);
    const received = new Promise<string>((resolve) => {
      let text = '';
      res.on('data', (c: Buffer) => {
        text += c.toString();
        if (text.includes('connected')) host.emit('inbox:changed', { changed: [], removed: [], total: 7 });
        if (text.includes('"total":7')) {
          res.destroy();
          resolve(text);
        }
      });
    });
    expect(await received).toContain('event: inbox:changed\ndata: {"changed":[],"removed":[],"total":7}');
  });

  it('writes a payload made with its JSON text as that text, without reading the payload', async () => {
    const { res } = await openEvents(host.port, `?ticket=${await ticket()}`);
    const text = '{"changed":[{"id":"Ar1"}],"removed":[],"total":3}';
    // A first sync's rows arrive from the worker as JSON (sync/summary-rows.ts): the host never parses them.
    const payload = withJsonText(
      {
        get changed(): never {
          throw new Error('the host read the rows');
        },
        removed: [],
        total: 3,
      },
      text,
    );
    const received = new Promise<string>((resolve) => {
      let all = '';
      res.on('data', (c: Buffer) => {
        all += c.toString();
        if (all.includes('connected')) host.emit('inbox:changed', payload);
        if (all.includes('"total":3')) {
          res.destroy();
          resolve(all);
        }
      });
    });
    expect(await received).toContain(`event: inbox:changed\ndata: ${text}\n\n`);
  });
});
