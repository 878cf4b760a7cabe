/**
 * One error type for everything a Slack call can throw: Slack's own `{ ok: false, error }` answers,
 * 429s, network failures, HTTP errors, unreadable bodies and our own argument checks.
 */
import { ErrorCode as SdkErrorCode } from '@slack/web-api';
import type { ErrorCode } from '../../shared/result';
import { LOCAL_ERROR_CODES, SLACK_ERROR_CODES, type SlackErrorCategory } from './error-codes';

export type { SlackErrorCategory } from './error-codes';

/** A code's category and admin-facing message. */
export type SlackErrorClass = { category: SlackErrorCategory; message: string; known: boolean };

/** Classifies a Slack (or Admit-local) error code; unknown codes are not retried and shown raw. */
export function classifySlackError(code: string): SlackErrorClass {
  const entry = Object.hasOwn(SLACK_ERROR_CODES, code)
    ? SLACK_ERROR_CODES[code]
    : Object.hasOwn(LOCAL_ERROR_CODES, code)
      ? LOCAL_ERROR_CODES[code]
      : undefined;
  if (entry) return { category: entry[0], message: entry[1], known: true };
  return {
    category: 'unknown',
    message: `Slack returned an error Admit does not know: "${code}".`,
    known: false,
  };
}

/** Whether the action queue may retry a failure of this category on its own. */
export function isRetryableCategory(category: SlackErrorCategory): boolean {
  return category === 'retryable' || category === 'network';
}

/** Maps a category onto the closed set of error codes the renderer understands. */
export function appErrorCodeFor(category: SlackErrorCategory): ErrorCode {
  switch (category) {
    case 'reauth':
      return 'slack_auth';
    case 'permission':
      return 'slack_permission';
    case 'conflict':
      return 'slack_conflict';
    case 'not_possible':
      return 'slack_not_possible';
    case 'network':
      return 'offline';
    case 'app_not_installed':
      return 'slack_permission';
    case 'invalid_input':
    case 'malformed_response':
      return 'internal';
    default:
      return 'slack_error';
  }
}

/**
 * Methods that only read: Slack changes nothing when it receives one, so a lost answer is said
 * without the "may or may not have received" warning meant for decisions.
 */
export const isReadMethod = (method: string): boolean =>
  /\.(list|info)$/.test(method) || method === 'auth.test' || method === 'api.test';

const READ_WORDING: Readonly<Record<string, string>> = {
  network_timeout:
    'Slack did not answer in time. Admit was only reading, so nothing changed; it will read again.',
  network_reset:
    'The connection to Slack broke before it answered. Admit was only reading, so nothing changed; it will read again.',
};

/** Extra facts about a failure. */
export type SlackApiErrorDetails = {
  retryAfterMs?: number;
  status?: number;
  needed?: string;
  cause?: unknown;
};

/** A failed Slack call, classified: `code` is Slack's (or one of LOCAL_ERROR_CODES), `message` is human. */
export class SlackApiError extends Error {
  readonly code: string;
  readonly category: SlackErrorCategory;
  readonly method: string;
  readonly retryAfterMs?: number;
  readonly status?: number;

  constructor(code: string, method: string, details: SlackApiErrorDetails = {}, message?: string) {
    const c = classifySlackError(code);
    const needed = details.needed ? ` (needs ${details.needed})` : '';
    const base = (isReadMethod(method) ? READ_WORDING[code] : undefined) ?? c.message;
    super(message ?? base + needed, details.cause === undefined ? undefined : { cause: details.cause });
    this.name = 'SlackApiError';
    this.code = code;
    this.category = c.category;
    this.method = method;
    if (details.retryAfterMs !== undefined) this.retryAfterMs = details.retryAfterMs;
    if (details.status !== undefined) this.status = details.status;
  }
}

/** Arguments that break one of Slack's documented rules, caught before any network call. */
export class SlackArgumentError extends SlackApiError {
  /** The rule that was broken, e.g. "exactly one of team_id or enterprise_id". */
  readonly rule: string;
  constructor(method: string, rule: string) {
    super('invalid_argument', method, {}, `${method}: ${rule}`);
    this.name = 'SlackArgumentError';
    this.rule = rule;
  }
}

/** Default wait when Slack answers 429 without a usable Retry-After header: one full minute window. */
export const DEFAULT_RETRY_AFTER_MS = 60_000;

const CODE_SHAPE = /^[a-z][a-z0-9_.]*$/;

type SdkLikeError = {
  code?: unknown;
  data?: { error?: unknown; needed?: unknown; response_metadata?: { retryAfter?: unknown } };
  retryAfter?: unknown;
  statusCode?: unknown;
  original?: unknown;
  message?: unknown;
};

/** Converts whatever a WebClient call throws into a SlackApiError (idempotent on SlackApiError). */
export function toSlackApiError(err: unknown, method: string): SlackApiError {
  if (err instanceof SlackApiError) return err;
  const e = (typeof err === 'object' && err !== null ? err : {}) as SdkLikeError;
  switch (e.code) {
    case SdkErrorCode.RateLimitedError:
      return new SlackApiError('ratelimited', method, {
        retryAfterMs: secondsToMs(e.retryAfter),
        cause: err,
      });
    case SdkErrorCode.PlatformError:
      return fromPlatformError(e, method, err);
    case SdkErrorCode.HTTPError:
      return httpStatusError(typeof e.statusCode === 'number' ? e.statusCode : 0, method, undefined, err);
    case SdkErrorCode.RequestError:
      return fromRequestError(e.original, method, err);
  }
  const text = typeof e.message === 'string' ? e.message : String(err);
  // p-retry surfaces the SDK's 429-without-Retry-After as a plain Error.
  if (/rate limit|retry header/i.test(text)) {
    return new SlackApiError('ratelimited', method, { retryAfterMs: DEFAULT_RETRY_AFTER_MS, cause: err });
  }
  return fromRequestError(err, method, err);
}

/**
 * Classifies an HTTP status other than 200: 429 is `ratelimited` (Retry-After in seconds), 5xx is
 * Slack having trouble (retryable), anything else means something that is not Slack's API answered.
 */
export function httpStatusError(
  status: number,
  method: string,
  retryAfterSeconds?: number,
  cause?: unknown,
): SlackApiError {
  if (status === 429) {
    return new SlackApiError('ratelimited', method, {
      retryAfterMs: secondsToMs(retryAfterSeconds),
      status,
      cause,
    });
  }
  if (status >= 500) {
    const base = classifySlackError('http_server_error').message;
    return new SlackApiError('http_server_error', method, { status, cause }, `${base} (HTTP ${status})`);
  }
  const why =
    status === 407 ? 'a proxy that wants a sign-in' : 'a proxy, a firewall or a wrong Slack API URL';
  const message =
    `Slack's API did not answer: HTTP ${status} came back from ${why}. ` +
    'Check your proxy settings and the SlackApiUrl policy, then retry.';
  return new SlackApiError('http_error', method, { status, cause }, message);
}

function fromPlatformError(e: SdkLikeError, method: string, err: unknown): SlackApiError {
  const code = e.data?.error;
  // The SDK turns an unparseable body into { ok: false, error: <raw text> }.
  if (typeof code === 'string' && !CODE_SHAPE.test(code)) {
    return new SlackApiError('unreadable_response', method, { cause: err });
  }
  if (typeof code !== 'string') return new SlackApiError('malformed_response', method, { cause: err });
  const retryAfter = e.data?.response_metadata?.retryAfter;
  const retryAfterMs =
    retryAfter !== undefined
      ? secondsToMs(retryAfter)
      : code === 'ratelimited'
        ? DEFAULT_RETRY_AFTER_MS
        : undefined;
  const needed = typeof e.data?.needed === 'string' ? e.data.needed : undefined;
  return new SlackApiError(code, method, { retryAfterMs, needed, cause: err });
}

const OFFLINE_HINTS: readonly [RegExp, string][] = [
  [
    /ENOTFOUND|EAI_AGAIN|ERR_NAME_NOT_RESOLVED/,
    'Admit could not look up Slack’s address (DNS). Are you online?',
  ],
  [/ECONNREFUSED|ERR_CONNECTION_REFUSED/, 'The connection to Slack was refused.'],
  [/ERR_INTERNET_DISCONNECTED|ENETUNREACH|EHOSTUNREACH/, 'You appear to be offline.'],
];

/** Node's and (Electron's net.fetch) Chromium's names for a connection that broke after it was made. */
const BROKEN_MID_REQUEST = new RegExp(
  [
    'ECONNRESET',
    'EPIPE',
    'socket hang up',
    'other side closed',
    'ERR_CONNECTION_RESET',
    'ERR_CONNECTION_CLOSED',
    'ERR_EMPTY_RESPONSE',
    'ERR_CONNECTION_ABORTED',
  ].join('|'),
  'i',
);

function fromRequestError(original: unknown, method: string, err: unknown): SlackApiError {
  const facts = describe(original);
  if (/TimeoutError|AbortError|ETIMEDOUT|UND_ERR_CONNECT_TIMEOUT|ERR_TIMED_OUT|timed? ?out/i.test(facts)) {
    return new SlackApiError('network_timeout', method, { cause: err });
  }
  // A connection that broke mid-request may have delivered it: callers must check before resending.
  if (BROKEN_MID_REQUEST.test(facts)) {
    return new SlackApiError('network_reset', method, { cause: err });
  }
  const hint = OFFLINE_HINTS.find(([re]) => re.test(facts));
  const base = classifySlackError('network_error').message;
  return new SlackApiError('network_error', method, { cause: err }, hint ? `${hint[1]} ${base}` : base);
}

/** Flattens an error and its causes into one string to search for well-known failure codes. */
function describe(e: unknown, depth = 0): string {
  if (depth > 4 || e === null || e === undefined) return '';
  if (typeof e !== 'object') return String(e);
  const o = e as { name?: unknown; code?: unknown; message?: unknown; cause?: unknown };
  return [o.name, o.code, o.message, describe(o.cause, depth + 1)].filter((x) => x !== undefined).join(' ');
}

function secondsToMs(s: unknown): number {
  return typeof s === 'number' && Number.isFinite(s) && s >= 0 ? s * 1000 : DEFAULT_RETRY_AFTER_MS;
}
