/** Reading Slack-style requests (query, form or JSON) and writing JSON answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

/** The largest request body the simulator reads. */
export const MAX_BODY = 1_000_000;

/** Thrown by `readBody` past MAX_BODY; the server answers 413. */
export class BodyTooLargeError extends Error {
  constructor() {
    super(`request body over ${MAX_BODY} bytes`);
    this.name = 'BodyTooLargeError';
  }
}

/** Does the request declare (Content-Length) a body over MAX_BODY? Checked before reading a byte. */
export function declaresTooLarge(req: IncomingMessage): boolean {
  const declared = req.headers['content-length'];
  return declared !== undefined && !(Number(declared) <= MAX_BODY);
}

/** Reads the whole request body as text, counting as it streams; past MAX_BODY it stops reading and throws. */
export function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const stop = (): void => {
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
    };
    const onData = (chunk: Buffer): void => {
      size += chunk.length;
      if (size <= MAX_BODY) return void chunks.push(chunk);
      stop();
      req.pause();
      reject(new BodyTooLargeError());
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
}

/** Longer request targets are refused (414). */
export const MAX_TARGET_LENGTH = 4096;

/** Parses an origin-form request target; null for anything else or a bad %-encoding in the path. */
export function parseTarget(raw: string | undefined): URL | null {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  try {
    const url = new URL(raw, 'http://localhost');
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    return null;
  }
}

const LOOPBACK_NAMES = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** Is the Host header a loopback name (with any port)? Anything else is DNS rebinding or a mistake. */
export function isLoopbackHost(host: string | undefined): boolean {
  if (!host) return false;
  const name = host.startsWith('[') ? host.slice(0, host.indexOf(']') + 1) : host.split(':')[0];
  return name !== undefined && LOOPBACK_NAMES.has(name.toLowerCase());
}

/** Slack args are strings; JSON numbers and booleans are stringified, arrays become comma lists. */
function toArg(value: unknown): string {
  if (typeof value === 'string') return value;
  if (Array.isArray(value)) return value.map(toArg).join(',');
  if (typeof value === 'object' && value !== null) return JSON.stringify(value);
  return String(value);
}

/** Merged query and body args, or the Slack error for an unreadable body. */
export type ParsedArgs = { args: Record<string, string> } | { error: string };

/** Parses query string plus a form-urlencoded or JSON body into Slack's flat string args. */
export function parseArgs(url: URL, contentType: string | undefined, body: string): ParsedArgs {
  const args: Record<string, string> = Object.fromEntries(url.searchParams);
  if (body.trim() === '') return { args };
  const type = (contentType ?? '').split(';')[0]?.trim().toLowerCase() ?? '';
  if (!type) return { error: 'missing_post_type' };
  if (type === 'application/x-www-form-urlencoded') {
    return { args: { ...args, ...Object.fromEntries(new URLSearchParams(body)) } };
  }
  if (type === 'application/json') {
    let parsed: unknown;
    try {
      parsed = JSON.parse(body);
    } catch {
      return { error: 'invalid_json' };
    }
    if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
      return { error: 'invalid_json' };
    for (const [k, v] of Object.entries(parsed)) if (v !== null && v !== undefined) args[k] = toArg(v);
    return { args };
  }
  return { error: 'invalid_post_type' };
}

/** The bearer token from the Authorization header, if any. */
export function bearerToken(req: IncomingMessage): string | undefined {
  const header = req.headers.authorization;
  const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
  return match?.[1];
}

/** Writes a JSON response. */
export function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
    'x-content-type-options': 'nosniff',
    ...headers,
  });
  res.end(text);
}

/** Writes raw text with a given status and content type (for the broken-response faults). */
export function sendRaw(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
