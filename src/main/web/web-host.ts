/**
 * The browser host: the same service as the Electron shell, bridged over loopback HTTP. It binds
 * 127.0.0.1 only, checks Host (DNS rebinding) and Origin on every request, requires the per-launch
 * key in the `x-admit-key` header on every API call, and pushes events over Server-Sent Events,
 * opened with a single-use ticket. Static files need no key: they hold no secret.
 */
import { randomBytes, timingSafeEqual } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import type { EventName, EventPayload, Handlers } from '../../shared/contract';
import { fail, ok } from '../../shared/result';
import { dispatch } from '../bridge/dispatch';
import { createTicketBook } from './event-tickets';
import {
  BodyTooLargeError,
  DEFAULT_TIMEOUTS,
  declaresTooLarge,
  dropAfterAnswer,
  parseTarget,
  readLimitedBody,
  serverTimeoutOptions,
  type ListenerTimeouts,
} from './request-guard';
import { readStatic } from '../files/static-files';

const MAX_BODY_BYTES = 64 * 1024;
/** Open event streams at most: one per tab is normal, more than a handful is someone else. */
export const MAX_EVENT_STREAMS = 8;
const INVOKE_PREFIX = '/api/invoke/';

/** The same CSP as the Electron window, except that the bridge is this origin. */
export const WEB_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
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
  /** Shorter timeouts for tests. */
  timeouts?: Partial<ListenerTimeouts>;
  /** The clock for event-stream tickets; default Date.now. */
  now?: () => number;
};

export type WebHost = {
  /** The launch URL; the key rides in the fragment, which browsers never send to a server. */
  url: string;
  port: number;
  key: string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  close(): Promise<void>;
};

const sameKey = (given: string | string[] | undefined, key: string): boolean => {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
};

const json = (
  res: http.ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
};

const tooLarge = (req: http.IncomingMessage, res: http.ServerResponse): void => {
  dropAfterAnswer(req, res);
  json(res, 413, fail('invalid_input', `The request body is over ${MAX_BODY_BYTES / 1024} KB.`), {
    connection: 'close',
  });
};

/** Starts the browser host; `handlers` come from the service, which receives events through `emit`. */
export const startWebHost = async (
  handlersRef: () => Handlers,
  options: WebHostOptions,
): Promise<WebHost> => {
  const key = options.key ?? randomBytes(24).toString('base64url');
  const tickets = createTicketBook(options.now);
  const streams = new Set<http.ServerResponse>();
  let port = options.port;

  const openStream = (res: http.ServerResponse): void => {
    res.writeHead(200, {
      'content-type': 'text/event-stream',
      'cache-control': 'no-store',
      'x-content-type-options': 'nosniff',
      connection: 'keep-alive',
    });
    res.write(': connected\n\n');
    streams.add(res);
    res.on('close', () => streams.delete(res));
  };

  const invoke = async (req: http.IncomingMessage, res: http.ServerResponse, path: string): Promise<void> => {
    let input: unknown;
    try {
      const text = await readLimitedBody(req, MAX_BODY_BYTES);
      input = text === '' ? undefined : (JSON.parse(text) as { input?: unknown }).input;
    } catch (error) {
      if (error instanceof BodyTooLargeError) return tooLarge(req, res);
      return json(res, 400, fail('invalid_input', 'The request body is not valid JSON.'));
    }
    json(res, 200, await dispatch(handlersRef(), path.slice(INVOKE_PREFIX.length), input));
  };

  const api = async (
    req: http.IncomingMessage,
    res: http.ServerResponse,
    url: URL,
    path: string,
  ): Promise<void> => {
    if (path === '/api/events' && req.method === 'GET') {
      if (!tickets.redeem(url.searchParams.get('ticket'))) {
        return json(res, 401, fail('untrusted_sender', 'The event stream needs a fresh ticket.'));
      }
      if (streams.size >= MAX_EVENT_STREAMS) {
        return json(res, 503, fail('internal', 'Too many event streams are open: close another tab.'), {
          'retry-after': '5',
        });
      }
      return openStream(res);
    }
    // The key comes from the header only: never a cookie, never the URL.
    if (!sameKey(req.headers['x-admit-key'], key)) {
      return json(res, 401, fail('untrusted_sender', 'Missing or wrong launch key.'));
    }
    if (path === '/api/events/ticket' && req.method === 'POST') {
      return json(res, 200, ok({ ticket: tickets.issue() }));
    }
    if (path.startsWith(INVOKE_PREFIX) && req.method === 'POST') return invoke(req, res, path);
    return json(res, 404, fail('not_found', 'No such API.'));
  };

  const handle = async (req: http.IncomingMessage, res: http.ServerResponse): Promise<void> => {
    const target = parseTarget(req.url);
    if (!target.ok) return json(res, target.status, fail('invalid_input', target.message));
    const hostOk = req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
    if (!hostOk) return json(res, 421, fail('untrusted_sender', 'Unexpected Host header.'));
    const origin = req.headers.origin;
    if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
      return json(res, 403, fail('untrusted_sender', 'Cross-origin requests are refused.'));
    }
    if (declaresTooLarge(req, MAX_BODY_BYTES)) return tooLarge(req, res);
    if (target.path.startsWith('/api/')) return api(req, res, target.url, target.path);

    if (req.method !== 'GET') return json(res, 405, fail('invalid_input', 'Method not allowed.'));
    const pathname = target.url.pathname;
    const file = await readStatic(options.rendererDir, pathname === '/' ? '/index.html' : pathname);
    if (!file) return json(res, 404, fail('not_found', 'Not found.'));
    res.writeHead(200, {
      'content-type': file.type,
      'content-security-policy': WEB_CSP,
      'x-content-type-options': 'nosniff',
      'referrer-policy': 'no-referrer',
      'cache-control': 'no-store',
    });
    res.end(file.body);
  };

  const server = http.createServer(
    serverTimeoutOptions({ ...DEFAULT_TIMEOUTS, ...options.timeouts }),
    (req, res) => {
      handle(req, res).catch(() => {
        // A handler that throws answers 500; the host keeps serving everyone else.
        if (!res.headersSent) json(res, 500, fail('internal', 'Something went wrong inside Admit.'));
        else res.destroy();
      });
    },
  );

  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, '127.0.0.1', () => resolve());
  });
  port = (server.address() as AddressInfo).port;

  return {
    url: `http://127.0.0.1:${port}/#key=${key}`,
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
