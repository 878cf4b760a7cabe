import { networkInterfaces } from 'node:os';
import { createServer } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import {
  escapeHtml,
  isLoopbackAddress,
  LOOPBACK_PAGE_CSP,
  startLoopbackReceiver,
  type LoopbackReceiver,
} from './loopback';
import { freePorts, hasIpv6Loopback, tryConnect } from './test-support/ports';

const receivers: LoopbackReceiver[] = [];
const start = async (ports: number[], extra: { timeoutMs?: number; hosts?: string[] } = {}) => {
  const r = await startLoopbackReceiver({ state: 'expected-state', ports, ...extra });
  receivers.push(r);
  return r;
};
afterEach(async () => {
  for (const r of receivers.splice(0)) {
    r.cancel();
    await r.closed;
  }
});

const get = (port: number, path: string, init?: RequestInit) =>
  fetch(`http://127.0.0.1:${port}${path}`, init);

describe('loopback receiver', () => {
  it('accepts the one callback with the right state and shows a success page', async () => {
    const [port = 0] = await freePorts(1);
    const r = await start([port]);
    expect(r.redirectUri).toBe(`http://localhost:${port}/callback`);
    const res = await get(port, '/callback?code=abc&state=expected-state');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('Signed in');
    await expect(r.result).resolves.toEqual({ code: 'abc' });
  });

  it('answers 400 to a wrong state, wrong path, wrong method or missing state, and keeps waiting', async () => {
    const [port = 0] = await freePorts(1);
    const r = await start([port]);
    expect((await get(port, '/callback?code=abc&state=wrong')).status).toBe(400);
    expect((await get(port, '/callback?code=abc')).status).toBe(400);
    expect((await get(port, '/other?code=abc&state=expected-state')).status).toBe(400);
    expect((await get(port, '/callback?code=abc&state=expected-state', { method: 'POST' })).status).toBe(400);
    expect((await get(port, '/callback?state=expected-state')).status).toBe(400);
    let settled = false;
    void r.result.then(() => (settled = true));
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(settled).toBe(false);
    expect((await get(port, '/callback?code=good&state=expected-state')).status).toBe(200);
    await expect(r.result).resolves.toEqual({ code: 'good' });
  });

  it('refuses a second callback', async () => {
    const [port = 0] = await freePorts(1);
    const r = await start([port]);
    const attempts = await Promise.allSettled([
      get(port, '/callback?code=first&state=expected-state'),
      get(port, '/callback?code=second&state=expected-state'),
    ]);
    const statuses = attempts.map((a) => (a.status === 'fulfilled' ? a.value.status : 'refused'));
    expect(statuses.filter((s) => s === 200)).toHaveLength(1);
    const result = await r.result;
    expect(['first', 'second']).toContain(result.code);
    await r.closed;
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
  });

  it('handles access_denied with a failure page and a not_signed_in error', async () => {
    const [port = 0] = await freePorts(1);
    const r = await start([port]);
    const res = await get(port, '/callback?error=access_denied&state=expected-state');
    expect(res.status).toBe(200);
    expect(await res.text()).toContain('did not complete');
    await expect(r.result).rejects.toMatchObject({ code: 'not_signed_in' });
  });

  it('escapes the error Slack (or any page that knows the port) puts in the callback', async () => {
    const [port = 0] = await freePorts(1);
    const r = await start([port]);
    const attack = '<script>alert(1)</script><img src=x onerror="alert(2)">&';
    const res = await get(port, `/callback?error=${encodeURIComponent(attack)}&state=expected-state`);
    const html = await res.text();
    expect(html).not.toContain('<script>');
    expect(html).not.toContain('<img');
    expect(html).toContain(
      '&lt;script&gt;alert(1)&lt;/script&gt;&lt;img src=x onerror=&quot;alert(2)&quot;&gt;&amp;',
    );
    await expect(r.result).rejects.toMatchObject({ code: 'slack_error' });
  });

  it('sends every page with a CSP that loads and runs nothing, and nosniff', async () => {
    const [port = 0] = await freePorts(1);
    await start([port]);
    for (const path of ['/other', '/callback?state=wrong', '/callback?error=x&state=expected-state']) {
      const res = await get(port, path);
      expect(res.headers.get('content-security-policy'), path).toBe(LOOPBACK_PAGE_CSP);
      expect(res.headers.get('x-content-type-options'), path).toBe('nosniff');
      expect(await res.text()).not.toMatch(/style=|<script|<style/);
    }
    expect(LOOPBACK_PAGE_CSP).toMatch(/^default-src 'none'/);
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });

  it('closes the port after completion', async () => {
    const [port = 0] = await freePorts(1);
    const r = await start([port]);
    await get(port, '/callback?code=abc&state=expected-state');
    await r.result;
    await r.closed;
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
    if (r.boundHosts.includes('::1')) expect(await tryConnect(port, '::1')).toBe('ECONNREFUSED');
  });

  it('closes the port after cancel', async () => {
    const [port = 0] = await freePorts(1);
    const r = await start([port]);
    expect(await tryConnect(port)).toBe('connected');
    r.cancel();
    await expect(r.result).rejects.toMatchObject({ code: 'not_signed_in' });
    await r.closed;
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
  });

  it('closes the port after the timeout', async () => {
    const [port = 0] = await freePorts(1);
    const r = await start([port], { timeoutMs: 50 });
    await expect(r.result).rejects.toThrow(/timed out/);
    await r.closed;
    expect(await tryConnect(port)).toBe('ECONNREFUSED');
  });

  it('moves to the next registered port when one is busy', async () => {
    const [busy = 0, next = 0] = await freePorts(2);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(busy, '127.0.0.1', () => resolve()));
    try {
      const r = await start([busy, next]);
      expect(r.port).toBe(next);
      expect(r.redirectUri).toBe(`http://localhost:${next}/callback`);
    } finally {
      blocker.close();
    }
  });

  it('moves on when the port is taken on ::1 only (localhost could reach the other program)', async () => {
    if (!(await hasIpv6Loopback())) return;
    const [busy = 0, next = 0] = await freePorts(2);
    const blocker = createServer();
    const listened = await new Promise<boolean>((resolve) => {
      blocker.once('error', () => resolve(false));
      blocker.listen({ port: busy, host: '::1', ipv6Only: true }, () => resolve(true));
    });
    if (!listened) return;
    try {
      const r = await start([busy, next]);
      expect(r.port).toBe(next);
      expect(await tryConnect(busy)).toBe('ECONNREFUSED'); // the 127.0.0.1 half was released
    } finally {
      blocker.close();
    }
  });

  it('fails clearly when every port is busy', async () => {
    const [busy = 0] = await freePorts(1);
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(busy, '127.0.0.1', () => resolve()));
    try {
      await expect(startLoopbackReceiver({ state: 's', ports: [busy] })).rejects.toThrow(/in use/);
    } finally {
      blocker.close();
    }
  });

  it('listens on 127.0.0.1 and ::1 (when available) only', async () => {
    const [port = 0] = await freePorts(1);
    const r = await start([port]);
    const v6 = await hasIpv6Loopback();
    expect(r.boundHosts).toEqual(v6 ? ['127.0.0.1', '::1'] : ['127.0.0.1']);
    expect(await tryConnect(port, '127.0.0.1')).toBe('connected');
    if (v6) expect(await tryConnect(port, '::1')).toBe('connected');
    const external = Object.values(networkInterfaces())
      .flat()
      .find((i) => i && !i.internal && i.family === 'IPv4');
    if (external) expect(await tryConnect(port, external.address)).toBe('ECONNREFUSED');
  });

  it('continues on 127.0.0.1 alone when ::1 cannot be bound', async () => {
    const [port = 0] = await freePorts(1);
    // A loopback-only host list without ::1 stands in for a machine with IPv6 disabled.
    const r = await start([port], { hosts: ['127.0.0.1'] });
    expect(r.boundHosts).toEqual(['127.0.0.1']);
  });

  it('refuses to bind anything but loopback', async () => {
    await expect(startLoopbackReceiver({ state: 's', ports: [0], hosts: ['0.0.0.0'] })).rejects.toThrow(
      /loopback/,
    );
  });

  it('recognizes loopback remote addresses only', () => {
    expect(isLoopbackAddress('127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('127.3.4.5')).toBe(true);
    expect(isLoopbackAddress('::1')).toBe(true);
    expect(isLoopbackAddress('::ffff:127.0.0.1')).toBe(true);
    expect(isLoopbackAddress('192.168.1.10')).toBe(false);
    expect(isLoopbackAddress('::ffff:10.0.0.1')).toBe(false);
    expect(isLoopbackAddress('fe80::1')).toBe(false);
    expect(isLoopbackAddress(undefined)).toBe(false);
  });
});
