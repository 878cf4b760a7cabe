/**
 * Test helper: raw HTTP/1.1 over node:net, so malformed request targets, lying headers and slow
 * clients reach a listener byte for byte (fetch and http.request would refuse or fix them first).
 * Loopback addresses only; every wait is bounded.
 */
import { connect, type Socket } from 'node:net';

/** What came back on one connection. */
export type RawAnswer = {
  /** 0 when the listener closed (or timed out) without answering. */
  status: number;
  headers: Record<string, string>;
  body: string;
};

/** One open raw connection. */
export type RawConnection = {
  socket: Socket;
  /** Everything received so far. */
  received(): string;
  /** Resolves once a complete response (headers, and a Content-Length body) has arrived, or on close. */
  answer(timeoutMs?: number): Promise<RawAnswer>;
  /** Resolves true when the listener closes the connection within `timeoutMs`. */
  closedWithin(timeoutMs: number): Promise<boolean>;
  /** Writes, ignoring a connection the listener already dropped. */
  send(data: string | Buffer): Promise<boolean>;
  close(): void;
};

/** Parses the first response in `text`; null while it is incomplete. */
export const parseAnswer = (text: string, complete: boolean): RawAnswer | null => {
  const end = text.indexOf('\r\n\r\n');
  if (end < 0) return complete ? { status: 0, headers: {}, body: '' } : null;
  const [statusLine = '', ...lines] = text.slice(0, end).split('\r\n');
  const headers: Record<string, string> = {};
  for (const line of lines) {
    const colon = line.indexOf(':');
    if (colon > 0) headers[line.slice(0, colon).trim().toLowerCase()] = line.slice(colon + 1).trim();
  }
  const status = Number(/^HTTP\/1\.[01] (\d{3})/.exec(statusLine)?.[1] ?? 0);
  const rest = text.slice(end + 4);
  const length = headers['content-length'];
  if (length !== undefined) {
    const bytes = Buffer.from(rest, 'latin1');
    if (bytes.length < Number(length) && !complete) return null;
    return { status, headers, body: bytes.subarray(0, Number(length)).toString('utf8') };
  }
  // No length: an event stream or a close-delimited body; what arrived so far is the answer.
  return { status, headers, body: Buffer.from(rest, 'latin1').toString('utf8') };
};

/** Opens a raw connection to a loopback port. */
export const openRaw = (port: number, host = '127.0.0.1'): Promise<RawConnection> =>
  new Promise((resolve, reject) => {
    let text = '';
    let closed = false;
    const waiters = new Set<() => void>();
    const socket = connect({ port, host });
    const notify = (): void => waiters.forEach((w) => w());
    socket.on('data', (chunk: Buffer) => {
      text += chunk.toString('latin1');
      notify();
    });
    socket.on('error', () => undefined); // a reset is an outcome the tests read, not a failure
    socket.on('close', () => {
      closed = true;
      notify();
    });
    const waitUntil = <T>(check: () => T | null, timeoutMs: number, fallback: () => T): Promise<T> =>
      new Promise((done) => {
        const finish = (value: T): void => {
          clearTimeout(timer);
          waiters.delete(poll);
          done(value);
        };
        const poll = (): void => {
          const value = check();
          if (value !== null) finish(value);
        };
        const timer = setTimeout(() => finish(fallback()), timeoutMs);
        waiters.add(poll);
        poll();
      });
    const connection: RawConnection = {
      socket,
      received: () => text,
      answer: (timeoutMs = 3000) =>
        waitUntil(
          () => parseAnswer(text, closed),
          timeoutMs,
          () => parseAnswer(text, true) ?? { status: 0, headers: {}, body: '' },
        ),
      closedWithin: (timeoutMs) =>
        waitUntil(
          () => (closed ? true : null),
          timeoutMs,
          () => false,
        ),
      send: (data) =>
        new Promise((done) => {
          if (closed || socket.destroyed) return done(false);
          socket.write(data, (error) => done(!error));
        }),
      close: () => socket.destroy(),
    };
    socket.once('connect', () => resolve(connection));
    socket.once('error', reject);
  });

/** Sends one request exactly as given and resolves with the answer; always closes the connection. */
export const rawRequest = async (
  port: number,
  request: string | Buffer,
  timeoutMs = 3000,
): Promise<RawAnswer> => {
  const connection = await openRaw(port);
  try {
    await connection.send(request);
    return await connection.answer(timeoutMs);
  } finally {
    connection.close();
  }
};

/** A request head for `target`, with a Host header for `port` unless `headers` gives one. */
export const head = (
  method: string,
  target: string,
  port: number,
  headers: Record<string, string> = {},
): string => {
  const all: Record<string, string> = { host: `127.0.0.1:${port}`, ...headers };
  const lines = Object.entries(all).map(([name, value]) => `${name}: ${value}`);
  return `${method} ${target} HTTP/1.1\r\n${lines.join('\r\n')}\r\n\r\n`;
};
