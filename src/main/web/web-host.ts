/**
 * The browser host: the same service as the Electron shell, bridged over loopback HTTP. It binds
 * 127.0.0.1 only, requires the per-launch key on every request, checks the Host header against
 * DNS rebinding, and pushes events over Server-Sent Events.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName, EventPayload, Handlers } from '../../shared/contract';
import { fail } from '../../shared/result';
import { dispatch } from '../bridge/dispatch';
import { readStatic } from './static-files';

const MAX_BODY_BYTES = 64 * 1024;
const KEY_COOKIE = 'admit_key';

/** The same CSP as the Electron window, except that the bridge is this origin. */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "img-src 'self' data: https://*.slack-edge.com https://*.slack.com",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "form-action 'none'",
].join('; ');

export type WebHostOptions = {
  port: number;
  rendererDir: string;
  /** Fixed key for tests; a random one per launch otherwise. */
  key?: string;
};

export type WebHost = {
  url: string; // the launch URL, including the key
  port: number;
  key: string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  close(): Promise<void>;
};

const sameKey = (given: string | undefined | null, key: string): boolean => {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
};

const cookieKey = (header: string | undefined): string | undefined =>
  header
    ?.split(';')
    .map((c) => c.trim().split('='))
    .find(([name]) => name === KEY_COOKIE)?.[1];

const readBody = (req: http.IncomingMessage): Promise<string> =>
  new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        reject(new Error('body too large'));
        req.destroy();
      } else chunks.push(chunk);
    });
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });

/** Starts the browser host; `handlers` come from the service, which receives events through `emit`. */
export const startWebHost = async (
  handlersRef: () => Handlers,
  options: WebHostOptions,
): Promise<WebHost> => {
  const key = options.key ?? randomBytes(24).toString('base64url');
  const streams = new Set<http.ServerResponse>();
  let port = options.port;

  const json = (res: http.ServerResponse, status: number, body: unknown): void => {
    res.writeHead(status, { 'content-type': 'application/json', 'cache-control': 'no-store' });
    res.end(JSON.stringify(body));
  };

  const server = http.createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const hostOk = req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
    if (!hostOk) return json(res, 421, fail('untrusted_sender', 'Unexpected Host header.'));
    const origin = req.headers.origin;
    if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return json(res, 403, fail('untrusted_sender', 'Cross-origin requests are refused.'));
    }
    const headerKey = req.headers['x-admit-key'];
    const given =
      (typeof headerKey === 'string' ? headerKey : undefined) ??
      url.searchParams.get('key') ??
      cookieKey(req.headers.cookie);
    if (!sameKey(given, key)) return json(res, 401, fail('untrusted_sender', 'Missing or wrong launch key.'));

    if (url.pathname.startsWith('/api/invoke/') && req.method === 'POST') {
      // The API takes the key from the header only: a cookie alone never authorises a call.
      if (!sameKey(typeof headerKey === 'string' ? headerKey : undefined, key)) {
        return json(res, 401, fail('untrusted_sender', 'Missing launch key header.'));
      }
      let input: unknown;
      try {
        const text = await readBody(req);
        input = text === '' ? undefined : (JSON.parse(text) as { input?: unknown }).input;
      } catch {
        return json(res, 400, fail('invalid_input', 'The request body is not valid JSON (or is too large).'));
      }
      const channel = decodeURIComponent(url.pathname.slice('/api/invoke/'.length));
      return json(res, 200, await dispatch(handlersRef(), channel, input));
    }
    if (url.pathname === '/api/events' && req.method === 'GET') {
      res.writeHead(200, {
        'content-type': 'text/event-stream',
        'cache-control': 'no-store',
        connection: 'keep-alive',
      });
      res.write(': connected\n\n');
      streams.add(res);
      req.on('close', () => streams.delete(res));
      return;
    }
    if (req.method !== 'GET') return json(res, 405, fail('invalid_input', 'Method not allowed.'));
    const file = await readStatic(options.rendererDir, url.pathname === '/' ? '/index.html' : url.pathname);
    if (!file) return json(res, 404, fail('not_found', 'Not found.'));
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': WEB_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
      'set-cookie': `${KEY_COOKIE}=${key}; HttpOnly; SameSite=Strict; Path=/`,
    });
    res.end(file.body);
  });

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/?key=${key}`,
    port,
    key,
    emit: (event, payload) => {
      const frame = `event: ${event}\ndata: ${JSON.stringify(payload)}\n\n`;
      for (const stream of streams) stream.write(frame);
    },
    close: async () => {
      for (const stream of streams) stream.end();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
};
