/**
 * The browser host's routes (web-host.ts serves them). Every request passes the same checks first:
 * a target it can parse, a Host naming this listener (DNS rebinding), no foreign Origin, and no body
 * declared over the limit. Then the event stream, opened with a single-use ticket; the API, behind
 * the per-launch key in the `x-admit-key` header (a ticket, or a call through the same dispatch as
 * the Electron shell); and the renderer's static files, which need no key: they hold no secret.
 */
import { timingSafeEqual } from 'node:crypto';
import type http from 'node:http';
import type { Handlers } from '../../shared/contract';
import { fail, ok } from '../../shared/result';
import { dispatch } from '../bridge/dispatch';
import type { TicketBook } from './event-tickets';
import {
  BodyTooLargeError,
  declaresTooLarge,
  dropAfterAnswer,
  parseTarget,
  readLimitedBody,
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

/** What the routes answer with: the host's key, tickets and open streams, and the service. */
export type Routes = {
  handlersRef: () => Handlers;
  key: string;
  tickets: TicketBook;
  /** The event streams open now; `emit` writes to each. */
  streams: Set<http.ServerResponse>;
  rendererDir: string;
  /** The port the host listens on (known once it does). */
  port: () => number;
};

type Req = http.IncomingMessage;
type Res = http.ServerResponse;

const sameKey = (given: string | string[] | undefined, key: string): boolean => {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(key);
  return a.length === b.length && timingSafeEqual(a, b);
};

/** Answers with a JSON body, never cached or sniffed. */
export const json = (res: Res, status: number, body: unknown, headers: Record<string, string> = {}): void => {
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

const tooLarge = (req: Req, res: Res): void => {
  dropAfterAnswer(req, res);
  json(res, 413, fail('invalid_input', `The request body is over ${MAX_BODY_BYTES / 1024} KB.`), {
    connection: 'close',
  });
};

const openStream = (r: Routes, res: Res): void => {
  res.writeHead(200, {
    'content-type': 'text/event-stream',
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    connection: 'keep-alive',
  });
  res.write(': connected\n\n');
  r.streams.add(res);
  res.on('close', () => r.streams.delete(res));
};

const invoke = async (r: Routes, req: Req, res: Res, path: string): Promise<void> => {
  let input: unknown;
  try {
    const text = await readLimitedBody(req, MAX_BODY_BYTES);
    input = text === '' ? undefined : (JSON.parse(text) as { input?: unknown }).input;
  } catch (error) {
    if (error instanceof BodyTooLargeError) return tooLarge(req, res);
    return json(res, 400, fail('invalid_input', 'The request body is not valid JSON.'));
  }
  json(res, 200, await dispatch(r.handlersRef(), path.slice(INVOKE_PREFIX.length), input));
};

const api = async (r: Routes, req: Req, res: Res, url: URL, path: string): Promise<void> => {
  if (path === '/api/events' && req.method === 'GET') {
    if (!r.tickets.redeem(url.searchParams.get('ticket'))) {
      return json(res, 401, fail('untrusted_sender', 'The event stream needs a fresh ticket.'));
    }
    if (r.streams.size >= MAX_EVENT_STREAMS) {
      return json(res, 503, fail('internal', 'Too many event streams are open: close another tab.'), {
        'retry-after': '5',
      });
    }
    return openStream(r, res);
  }
  // The key comes from the header only: never a cookie, never the URL.
  if (!sameKey(req.headers['x-admit-key'], r.key)) {
    return json(res, 401, fail('untrusted_sender', 'Missing or wrong launch key.'));
  }
  if (path === '/api/events/ticket' && req.method === 'POST') {
    return json(res, 200, ok({ ticket: r.tickets.issue() }));
  }
  if (path.startsWith(INVOKE_PREFIX) && req.method === 'POST') return invoke(r, req, res, path);
  return json(res, 404, fail('not_found', 'No such API.'));
};

const staticFile = async (r: Routes, req: Req, res: Res, pathname: string): Promise<void> => {
  if (req.method !== 'GET') return json(res, 405, fail('invalid_input', 'Method not allowed.'));
  const file = await readStatic(r.rendererDir, pathname === '/' ? '/index.html' : pathname);
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

/** Answers one request: the checks, then the API or a static file. */
export const route = async (r: Routes, req: Req, res: Res): Promise<void> => {
  const port = r.port();
  const target = parseTarget(req.url);
  if (!target.ok) return json(res, target.status, fail('invalid_input', target.message));
  const hostOk = req.headers.host === `127.0.0.1:${port}` || req.headers.host === `localhost:${port}`;
  if (!hostOk) return json(res, 421, fail('untrusted_sender', 'Unexpected Host header.'));
  const origin = req.headers.origin;
  if (origin && origin !== `http://127.0.0.1:${port}` && origin !== `http://localhost:${port}`) {
    return json(res, 403, fail('untrusted_sender', 'Cross-origin requests are refused.'));
  }
  if (declaresTooLarge(req, MAX_BODY_BYTES)) return tooLarge(req, res);
  if (target.path.startsWith('/api/')) return api(r, req, res, target.url, target.path);
  return staticFile(r, req, res, target.url.pathname);
};
