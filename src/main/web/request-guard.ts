/**
 * The first checks on every request a peer sends the browser host, before any handler runs: the
 * request target must parse (origin-form, valid %-encoding), and a body may not exceed its limit.
 * Anything on the wire can be hostile: a web page in the admin's browser can reach 127.0.0.1.
 */
import type http from 'node:http';

/** Longer request targets are refused (414); nothing Admit serves needs more. */
export const MAX_TARGET_LENGTH = 4096;

/** How long a peer may take; the defaults suit a browser on the same machine, tests shorten them. */
export type ListenerTimeouts = {
  /** Until the request headers are complete. */
  headersMs: number;
  /** Until the whole request (headers and body) is in. */
  requestMs: number;
  /** An idle keep-alive connection between requests. */
  keepAliveMs: number;
  /** How often Node checks the two above (its default, 30 s, would let a slow client linger). */
  checkEveryMs: number;
};

export const DEFAULT_TIMEOUTS: ListenerTimeouts = {
  headersMs: 10_000,
  requestMs: 30_000,
  keepAliveMs: 5_000,
  checkEveryMs: 1_000,
};

/** Node's server options for these timeouts. */
export const serverTimeoutOptions = (t: ListenerTimeouts): http.ServerOptions => ({
  headersTimeout: t.headersMs,
  requestTimeout: t.requestMs,
  keepAliveTimeout: t.keepAliveMs,
  connectionsCheckingInterval: t.checkEveryMs,
});

/** A parsed request target: the URL, and its path with %-escapes decoded. */
export type RequestTarget =
  { ok: true; url: URL; path: string } | { ok: false; status: 400 | 414; message: string };

const BASE = 'http://loopback.invalid';

/**
 * Parses an origin-form target (`/path?query`). Absolute-form (`http://…`), `//host` and `/\host`
 * targets, unparseable URLs and bad %-encodings are refused rather than thrown.
 */
export const parseTarget = (raw: string | undefined): RequestTarget => {
  const bad = { ok: false, status: 400, message: 'The request target is not a valid path.' } as const;
  if (raw === undefined || !raw.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return bad;
  if (raw.length > MAX_TARGET_LENGTH) {
    return { ok: false, status: 414, message: 'The request target is too long.' };
  }
  try {
    const url = new URL(raw, BASE);
    if (url.origin !== BASE) return bad;
    return { ok: true, url, path: decodeURIComponent(url.pathname) };
  } catch {
    return bad;
  }
};

/** Thrown by `readLimitedBody` once the body passes its limit. */
export class BodyTooLargeError extends Error {
  constructor(limit: number) {
    super(`The request body is over ${limit} bytes.`);
    this.name = 'BodyTooLargeError';
  }
}

/** Does the request declare (Content-Length) a body over `limit` bytes? Checked before reading a byte. */
export const declaresTooLarge = (req: http.IncomingMessage, limit: number): boolean => {
  const declared = req.headers['content-length'];
  return declared !== undefined && !(Number(declared) <= limit);
};

/** Reads the body as text, counting as it streams; past `limit` it stops reading and rejects. */
export const readLimitedBody = (req: http.IncomingMessage, limit: number): Promise<string> =>
  new Promise((resolve, reject) => {
    let size = 0;
    const chunks: Buffer[] = [];
    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= limit) return void chunks.push(chunk);
      stop();
      req.pause();
      reject(new BodyTooLargeError(limit));
    };
    const onEnd = (): void => {
      stop();
      resolve(Buffer.concat(chunks).toString('utf8'));
    };
    const onError = (error: Error): void => {
      stop();
      reject(error);
    };
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
  });

/**
 * After an answer that leaves the body unread (413): the response says `connection: close`; once it
 * is flushed, the socket is dropped shortly after, so the rest of the body is never read.
 */
export const dropAfterAnswer = (req: http.IncomingMessage, res: http.ServerResponse, graceMs = 500): void => {
  res.once('finish', () => {
    setTimeout(() => req.socket.destroy(), graceMs).unref();
  });
};
