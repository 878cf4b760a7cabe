/**
 * What a hostile peer can put on the wire, against every HTTP listener Admit runs or tests with: the
 * browser host, the OAuth loopback receiver (fixed ports, reachable by any page in the admin's
 * browser) and the Slack simulator. Raw sockets, so malformed targets really go out as written.
 * After each attack the listener must still answer a good request.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { channelNames, type Handlers } from '../../shared/contract';
import { ok } from '../../shared/result';
import { startSimulator, type Simulator } from '../../simulator';
import { MAX_BODY as SIMULATOR_MAX_BODY } from '../../simulator/http-io';
import { startLoopbackReceiver, type LoopbackReceiver } from '../auth/loopback';
import { freePort } from '../auth/test-support/ports';
import { head, openRaw, rawRequest, type RawAnswer } from './test-support/raw-http';
import { MAX_EVENT_STREAMS, startWebHost, type WebHost } from './web-host';

const KEY = 'k'.repeat(32);
const STATE = 'expected-state';
// Short enough that a slow client is cut off within the test, long enough for a loaded machine.
const TIMEOUTS = { headersMs: 400, requestMs: 1500, keepAliveMs: 500, checkEveryMs: 100 };

const handlers = Object.fromEntries(
  channelNames.map((n) => [n, async (input: unknown) => ok({ n, input })]),
) as unknown as Handlers;

/** One listener under attack, and what a normal exchange with it looks like. */
type Target = {
  port: number;
  /** A request it answers normally, and that answer's status. */
  good: string;
  goodStatus: number;
  /** A request whose body it would read, with the headers that get it past authentication. */
  bodyTarget: { method: string; path: string; headers: Record<string, string> };
  bodyLimit: number;
  /** Does it answer in JSON (and so must send nosniff)? */
  json: boolean;
  stop(): Promise<void>;
};

const startHost = async (): Promise<Target> => {
  const root = await mkdtemp(path.join(os.tmpdir(), 'admit-attack-'));
  await writeFile(path.join(root, 'index.html'), '<h1>Admit</h1>');
  const host: WebHost = await startWebHost(() => handlers, {
    port: 0,
    rendererDir: root,
    key: KEY,
    timeouts: TIMEOUTS,
  });
  return {
    port: host.port,
    good: head('GET', '/', host.port),
    goodStatus: 200,
    bodyTarget: { method: 'POST', path: '/api/invoke/session:get', headers: { 'x-admit-key': KEY } },
    bodyLimit: 64 * 1024,
    json: true,
    stop: async () => {
      await host.close();
      await rm(root, { recursive: true, force: true });
    },
  };
};

const startReceiver = async (): Promise<Target> => {
  const port = await freePort();
  const receiver: LoopbackReceiver = await startLoopbackReceiver({
    state: STATE,
    ports: [port],
    hosts: ['127.0.0.1'],
    timeouts: TIMEOUTS,
  });
  return {
    port,
    // A wrong state: answered (400), and the receiver keeps waiting for the real callback.
    good: head('GET', '/callback?code=c&state=wrong', port, { host: `localhost:${port}` }),
    goodStatus: 400,
    bodyTarget: { method: 'GET', path: `/callback?code=c&state=${STATE}`, headers: {} },
    bodyLimit: 0,
    json: false,
    stop: async () => {
      receiver.cancel();
      await receiver.closed;
    },
  };
};

const startSim = async (): Promise<Target> => {
  const sim: Simulator = await startSimulator({
    timeouts: { headers: 400, request: 1500, keepAlive: 500, checkEvery: 100 },
  });
  const port = Number(new URL(sim.origin).port);
  return {
    port,
    good: head('GET', '/_sim/state', port),
    goodStatus: 200,
    bodyTarget: {
      method: 'POST',
      path: '/api/auth.test',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    },
    bodyLimit: SIMULATOR_MAX_BODY,
    json: true,
    stop: () => sim.close(),
  };
};

const MALFORMED = [
  '//[',
  'http://[',
  '/%',
  '/%ZZ',
  '/%C0%AF',
  '/api/invoke/%E0%A4%A',
  '/api/%E0%A4%A',
  '/callback%E0%A4%A?state=expected-state',
];

describe.each([
  { name: 'browser host', start: startHost },
  { name: 'loopback receiver', start: startReceiver },
  { name: 'simulator', start: startSim },
])('the $name under attack', ({ start }) => {
  let target: Target;
  beforeEach(async () => {
    target = await start();
  });
  afterEach(() => target.stop());

  const stillAnswers = async (): Promise<void> => {
    const answer = await rawRequest(target.port, target.good);
    expect(answer.status).toBe(target.goodStatus);
  };
  const typed = (answer: RawAnswer): void => {
    if (!target.json) return;
    expect(answer.headers['x-content-type-options']).toBe('nosniff');
    expect(JSON.parse(answer.body)).toMatchObject({ ok: false });
  };

  it('answers 400 to a request target it cannot parse, and keeps serving', async () => {
    for (const bad of MALFORMED) {
      const answer = await rawRequest(target.port, head('GET', bad, target.port));
      expect(answer.status, bad).toBe(400);
      typed(answer);
      await stillAnswers();
    }
  });

  it('refuses absolute-form targets, even ones naming itself, and keeps serving', async () => {
    const origins = [`http://127.0.0.1:${target.port}`, `http://localhost:${target.port}`];
    const paths = ['/', `/callback?code=c&state=${STATE}`, '/_sim/state'];
    for (const bad of origins.flatMap((o) => paths.map((p) => o + p))) {
      const answer = await rawRequest(target.port, head('GET', bad, target.port));
      expect(answer.status, bad).toBe(400);
      typed(answer);
      await stillAnswers();
    }
  });

  it('answers 414 to a 10 KB target, reads bad escapes in the query leniently, and keeps serving', async () => {
    const long = await rawRequest(target.port, head('GET', `/${'a'.repeat(10 * 1024)}`, target.port));
    expect(long.status).toBe(414);
    typed(long);
    await stillAnswers();
    const query = await rawRequest(target.port, head('GET', '/?state=%E0%A4%A&code=%', target.port));
    expect(query.status).toBeGreaterThan(0);
    await stillAnswers();
  });

  it('answers 413 to a declared oversized body without waiting for it, and keeps serving', async () => {
    const { method, path: p, headers } = target.bodyTarget;
    const connection = await openRaw(target.port);
    try {
      // Ten megabytes announced, a few bytes sent: the answer must come without the rest.
      await connection.send(
        head(method, p, target.port, { ...headers, 'content-length': String(10 * 1024 * 1024) }) + 'a=1',
      );
      const answer = await connection.answer(2000);
      expect(answer.status).toBe(413);
      typed(answer);
      expect(await connection.closedWithin(3000)).toBe(true);
    } finally {
      connection.close();
    }
    await stillAnswers();
  });

  it('answers 413 to a chunked body once it passes the limit, and stops reading', async () => {
    const { method, path: p, headers } = target.bodyTarget;
    const connection = await openRaw(target.port);
    try {
      await connection.send(head(method, p, target.port, { ...headers, 'transfer-encoding': 'chunked' }));
      const chunk = 'a'.repeat(64 * 1024);
      const frame = `${chunk.length.toString(16)}\r\n${chunk}\r\n`;
      // Up to twice the limit (and at least one chunk), stopping as soon as the listener answers.
      const rounds = Math.ceil((target.bodyLimit * 2) / chunk.length) + 1;
      for (let i = 0; i < rounds && !connection.received(); i++) {
        if (!(await connection.send(frame))) break;
      }
      const answer = await connection.answer(3000);
      expect(answer.status).toBe(413);
      typed(answer);
      expect(await connection.closedWithin(3000)).toBe(true);
    } finally {
      connection.close();
    }
    await stillAnswers();
  });

  it('cuts off a client that sends its headers byte by byte, and keeps serving', async () => {
    const connection = await openRaw(target.port);
    try {
      const slow = head('GET', '/', target.port, { 'x-slow': 'x'.repeat(200) });
      let sent = 0;
      const startedAt = Date.now();
      // One byte every 20 ms would take over 4 s; the headers timeout is 400 ms.
      while (sent < slow.length && Date.now() - startedAt < 4000) {
        if (!(await connection.send(slow.charAt(sent++)))) break;
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(await connection.closedWithin(2000)).toBe(true);
      expect(sent).toBeLessThan(slow.length);
    } finally {
      connection.close();
    }
    await stillAnswers();
  });
});

describe('the browser host event streams under attack', () => {
  let host: WebHost;
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'admit-attack-'));
    await writeFile(path.join(root, 'index.html'), '<h1>Admit</h1>');
    host = await startWebHost(() => handlers, { port: 0, rendererDir: root, key: KEY, timeouts: TIMEOUTS });
  });
  afterEach(async () => {
    await host.close();
    await rm(root, { recursive: true, force: true });
  });

  const ticket = async (): Promise<string> => {
    const answer = await rawRequest(
      host.port,
      head('POST', '/api/events/ticket', host.port, { 'x-admit-key': KEY, 'content-length': '0' }),
    );
    return (JSON.parse(answer.body) as { value: { ticket: string } }).value.ticket;
  };
  const openStream = async () => {
    const connection = await openRaw(host.port);
    await connection.send(head('GET', `/api/events?ticket=${await ticket()}`, host.port));
    return connection;
  };

  it(`caps open streams at ${MAX_EVENT_STREAMS}, answers the next one 503, and frees a slot on close`, async () => {
    const open = [];
    try {
      for (let i = 0; i < MAX_EVENT_STREAMS; i++) {
        const stream = await openStream();
        open.push(stream);
        expect((await stream.answer()).status).toBe(200);
      }
      const extra = await openStream();
      open.push(extra);
      const refused = await extra.answer();
      expect(refused.status).toBe(503);
      expect(refused.headers['x-content-type-options']).toBe('nosniff');
      expect(JSON.parse(refused.body)).toMatchObject({ ok: false, error: { code: 'internal' } });

      open[0]?.close();
      // The slot frees once the host sees the close; poll a bounded number of times.
      let status = 0;
      for (let attempt = 0; attempt < 20 && status !== 200; attempt++) {
        const retry = await openStream();
        open.push(retry);
        status = (await retry.answer()).status;
        if (status !== 200) await new Promise((resolve) => setTimeout(resolve, 50));
      }
      expect(status).toBe(200);
    } finally {
      for (const stream of open) stream.close();
    }
    expect((await rawRequest(host.port, head('GET', '/', host.port))).status).toBe(200);
  });
});

describe('the simulator as a neighbour of the admin’s browser', () => {
  let sim: Simulator;
  let port: number;
  beforeEach(async () => {
    sim = await startSimulator();
    port = Number(new URL(sim.origin).port);
  });
  afterEach(() => sim.close());

  it('answers loopback Host names only (DNS rebinding)', async () => {
    for (const name of [`127.0.0.1:${port}`, `localhost:${port}`, `[::1]:${port}`]) {
      expect((await rawRequest(port, head('GET', '/_sim/state', port, { host: name }))).status, name).toBe(
        200,
      );
    }
    for (const name of [`evil.example:${port}`, 'evil.example', `127.0.0.1.evil.example:${port}`]) {
      const answer = await rawRequest(port, head('GET', '/_sim/state', port, { host: name }));
      expect(answer.status, name).toBe(421);
      const oauth = await rawRequest(port, head('GET', '/oauth/v2/authorize', port, { host: name }));
      expect(oauth.status, name).toBe(421);
    }
  });

  it('lets no web page read or drive its controls: no CORS headers at all', async () => {
    const origin = { origin: 'https://evil.example' };
    const state = await rawRequest(port, head('GET', '/_sim/state', port, origin));
    expect(state.status).toBe(200);
    expect(state.headers['access-control-allow-origin']).toBeUndefined();
    const preflight = await rawRequest(
      port,
      head('OPTIONS', '/_sim/faults', port, { ...origin, 'access-control-request-method': 'POST' }),
    );
    expect(preflight.status).not.toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBeUndefined();
    expect(preflight.headers['access-control-allow-methods']).toBeUndefined();
  });
});
