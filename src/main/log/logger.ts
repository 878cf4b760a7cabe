/**
 * The logger port: one JSON line per event, every line redacted. Hosts choose where lines go (a
 * rotating file in Electron, stderr in the browser host, memory in tests); the core only sees `Logger`.
 */
import { isSecretFieldName, redactSecrets } from '../auth/redact';

/** How bad it is: `info` for what happened, `warn` for what was refused or recovered, `error` for what failed. */
export type LogLevel = 'info' | 'warn' | 'error';

/** Extra context for one event; secrets are masked by name and by shape before anything is written. */
export type LogFields = Record<string, unknown>;

/** Where the core reports what happened. Never throws, whatever the sink does. */
export type Logger = {
  info(event: string, fields?: LogFields): void;
  warn(event: string, fields?: LogFields): void;
  error(event: string, fields?: LogFields): void;
};

/** Receives each finished, redacted line (without its newline). */
export type LogSink = (line: string, level: LogLevel) => void;

const MASK = '[redacted]';
const MAX_STRING = 4_000;
const MAX_DEPTH = 6;
const RESERVED = new Set(['time', 'level', 'event']);

const redactString = (text: string): string =>
  redactSecrets(text.length > MAX_STRING ? `${text.slice(0, MAX_STRING)}…(${text.length} chars)` : text);

/** An error as plain fields: its name, message, code, category and stack, nothing it happens to carry. */
const errorFields = (error: Error): Record<string, unknown> => {
  const e = error as Error & { code?: unknown; category?: unknown; cause?: unknown };
  return {
    name: e.name,
    message: e.message,
    ...(typeof e.code === 'string' || typeof e.code === 'number' ? { code: e.code } : {}),
    ...(typeof e.category === 'string' ? { category: e.category } : {}),
    ...(e.stack ? { stack: e.stack } : {}),
    ...(e.cause !== undefined ? { cause: e.cause } : {}),
  };
};

/** A JSON-safe, redacted copy: secret-named fields masked, strings scrubbed, cycles and depth cut. */
const sanitize = (value: unknown, depth: number, seen: WeakSet<object>): unknown => {
  if (typeof value === 'string') return redactString(value);
  if (typeof value === 'bigint') return value.toString();
  if (typeof value === 'function' || typeof value === 'symbol') return `[${typeof value}]`;
  if (value === null || typeof value !== 'object') return value;
  if (value instanceof Date) return value.toISOString();
  if (seen.has(value)) return '[cycle]';
  if (depth >= MAX_DEPTH) return '[too deep]';
  seen.add(value);
  try {
    return sanitizeObject(value, depth, seen);
  } finally {
    seen.delete(value); // only ancestors count: an object seen twice side by side is not a cycle
  }
};

const sanitizeField = (key: string, value: unknown, depth: number, seen: WeakSet<object>): unknown =>
  isSecretFieldName(key) && value !== null && value !== undefined ? MASK : sanitize(value, depth, seen);

const sanitizeObject = (value: object, depth: number, seen: WeakSet<object>): unknown => {
  if (value instanceof Error) return sanitizeObject(errorFields(value), depth, seen);
  if (Array.isArray(value)) return value.map((v) => sanitize(v, depth + 1, seen));
  if (value instanceof Set) return [...value].map((v) => sanitize(v, depth + 1, seen));
  const entries = value instanceof Map ? [...value.entries()] : Object.entries(value);
  const out: Record<string, unknown> = {};
  for (const [key, v] of entries) out[String(key)] = sanitizeField(String(key), v, depth + 1, seen);
  return out;
};

/** One log line: `{"time":…,"level":…,"event":…, …fields}`, redacted twice (each field, then the line). */
export const formatLogLine = (level: LogLevel, event: string, fields: LogFields = {}, now = new Date()) => {
  const seen = new WeakSet<object>();
  const line: Record<string, unknown> = { time: now.toISOString(), level, event: redactString(event) };
  for (const [key, value] of Object.entries(fields)) {
    const name = RESERVED.has(key) ? `_${key}` : key;
    line[name] = sanitizeField(key, value, 0, seen);
  }
  return redactSecrets(JSON.stringify(line));
};

/** A logger over a sink; a sink that throws loses that line, never the caller's work. */
export const createLogger = (sink: LogSink, now: () => Date = () => new Date()): Logger => {
  const write = (level: LogLevel, event: string, fields?: LogFields): void => {
    try {
      sink(formatLogLine(level, event, fields, now()), level);
    } catch {
      // A log that cannot be written must not turn into a second failure.
    }
  };
  return {
    info: (event, fields) => write('info', event, fields),
    warn: (event, fields) => write('warn', event, fields),
    error: (event, fields) => write('error', event, fields),
  };
};

/** A logger that drops everything (a default for code whose host passes none). */
export const silentLogger: Logger = { info: () => undefined, warn: () => undefined, error: () => undefined };

/** A sink that writes each line to a stream: the browser host's stderr by default. */
export const streamSink =
  (stream: Pick<NodeJS.WritableStream, 'write'> = process.stderr): LogSink =>
  (line) =>
    void stream.write(`${line}\n`);

/** A sink that hands every line to each of `sinks` (one failing does not stop the others). */
export const teeSinks =
  (...sinks: LogSink[]): LogSink =>
  (line, level) => {
    for (const sink of sinks) {
      try {
        sink(line, level);
      } catch {
        // the others still get the line
      }
    }
  };

/** One parsed line, as a test reads it. */
export type LoggedEntry = { time: string; level: LogLevel; event: string; [field: string]: unknown };

/** A logger for tests: the lines exactly as they would be written, and the same lines parsed. */
export const createMemoryLogger = (now?: () => Date) => {
  const lines: string[] = [];
  const logger = createLogger((line) => void lines.push(line), now);
  return {
    ...logger,
    lines,
    entries: (): LoggedEntry[] => lines.map((l) => JSON.parse(l) as LoggedEntry),
    /** The entries of one event name. */
    find: (event: string): LoggedEntry[] =>
      lines.map((l) => JSON.parse(l) as LoggedEntry).filter((e) => e.event === event),
  };
};

/** A memory logger with its lines. */
export type MemoryLogger = ReturnType<typeof createMemoryLogger>;
