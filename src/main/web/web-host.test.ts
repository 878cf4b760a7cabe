import { mkdtemp, mkdir, writeFile } from 'node:fs/promises';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, type Handlers } from '../../shared/contract';
import { ok } from '../../shared/result';
import { resolveInside } from './static-files';
import { startWebHost, type WebHost } from './web-host';

const KEY = 'k'.repeat(32);
let host: WebHost;
let root: string;
const handlers = Object.fromEntries(
  channelNames.map((n) => [n, async (input: unknown) => ok({ n, input })]),
) as unknown as Handlers;

/** Raw request so that Host and other headers are exactly what a test says. */
const raw = (options: {
  path: string;
  method?: string;
  headers?: Record<string, string>;
  body?: string;
}): Promise<{ status: number; body: string; headers: http.IncomingHttpHeaders }> =>
  new Promise((resolve, reject) => {
    const req = http.request(
      {
        host: '127.0.0.1',
        port: host.port,
        path: options.path,
        method: options.method ?? 'GET',
        headers: { host: `127.0.0.1:${host.port}`, ...options.headers },
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
afterEach(() => host.close());

describe('browser host', () => {
  it('prints a loopback URL carrying the key', () => {
    expect(host.url).toBe(`http://127.0.0.1:${host.port}/?key=${KEY}`);
  });

  it('generates a different random key per launch', async () => {
    const a = await startWebHost(() => handlers, { port: 0, rendererDir: root });
    const b = await startWebHost(() => handlers, { port: 0, rendererDir: root });
    expect(a.key).not.toBe(b.key);
    expect(a.key.length).toBeGreaterThanOrEqual(32);
    await Promise.all([a.close(), b.close()]);
  });

  it('serves the page with the key, with a CSP, and sets an HttpOnly key cookie', async () => {
    const res = await raw({ path: `/?key=${KEY}` });
    expect(res.status).toBe(200);
    expect(res.body).toContain('Admit');
    expect(res.headers['content-security-policy']).toContain("script-src 'self'");
    expect(String(res.headers['set-cookie'])).toContain('HttpOnly');
  });

  it('refuses requests without the key or with a wrong one', async () => {
    expect((await raw({ path: '/' })).status).toBe(401);
    expect((await raw({ path: '/?key=wrong' })).status).toBe(401);
    expect((await raw({ path: '/api/invoke/session:get', method: 'POST', body: '{}' })).status).toBe(401);
  });

  it('refuses a foreign Host header (DNS rebinding) even with the key', async () => {
    const res = await raw({ path: `/?key=${KEY}`, headers: { host: `evil.example:${host.port}` } });
    expect(res.status).toBe(421);
  });

  it('refuses cross-origin API calls even with the key', async () => {
    const res = await raw({
      path: '/api/invoke/session:get',
      method: 'POST',
      headers: { 'x-admit-key': KEY, origin: 'https://evil.example' },
      body: '{}',
    });
    expect(res.status).toBe(403);
  });

  it('does not accept the cookie alone for API calls', async () => {
    const res = await raw({
      path: '/api/invoke/session:get',
      method: 'POST',
      headers: { cookie: `admit_key=${KEY}` },
      body: '{}',
    });
    expect(res.status).toBe(401);
  });

  it('bridges a channel call and validates its input', async () => {
    const call = (body: string) =>
      raw({ path: '/api/invoke/inbox:list', method: 'POST', headers: { 'x-admit-key': KEY }, body });
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
    const huge = await call(JSON.stringify({ input: 'x'.repeat(100_000) })).catch(() => ({
      status: 400,
      body: '',
    }));
    expect(huge.status).toBe(400);
  });

  it('never serves files outside the renderer directory', async () => {
    for (const p of ['/../secret.txt', '/%2e%2e/secret.txt', '/assets/../../secret.txt', '/%00']) {
      const res = await raw({ path: p, headers: { cookie: `admit_key=${KEY}` } });
      expect(res.body).not.toContain('do not serve');
    }
    expect(resolveInside('/srv/r', '/../x')).toBeNull();
    expect(resolveInside('/srv/r', '/%2e%2e%2fx')).toBeNull();
    expect(resolveInside('/srv/r', '/assets/a.js')).toBe('/srv/r/assets/a.js');
  });

  it('pushes events to every open event stream', async () => {
    const received = new Promise<string>((resolve) => {
      http.get(
        {
          host: '127.0.0.1',
          port: host.port,
          path: `/api/events?key=${KEY}`,
          headers: { host: `127.0.0.1:${host.port}` },
        },
        (res) => {
          let text = '';
          res.on('data', (c: Buffer) => {
            text += c.toString();
            if (text.includes('connected'))
              host.emit('inbox:changed', { changed: [], removed: [], total: 7 });
            if (text.includes('"total":7')) {
              res.destroy();
              resolve(text);
            }
          });
        },
      );
    });
    expect(await received).toContain('event: inbox:changed\ndata: {"changed":[],"removed":[],"total":7}');
  });
});
