/** Reading Slack-style requests (query, form or JSON) and writing JSON answers. */
import type { IncomingMessage, ServerResponse } from 'node:http';

const MAX_BODY = 1_000_000;

/** Reads the whole request body as text (capped so a runaway client cannot exhaust memory). */
export async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > MAX_BODY) throw new Error('body too large');
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('utf8');
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
    ...headers,
  });
  res.end(text);
}

/** Writes raw text with a given status and content type (for the broken-response faults). */
export function sendRaw(res: ServerResponse, status: number, contentType: string, text: string): void {
  res.writeHead(status, { 'content-type': contentType, 'content-length': Buffer.byteLength(text) });
  res.end(text);
}
