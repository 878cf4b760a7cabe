/**
 * The loopback redirect receiver for one sign-in: listens on 127.0.0.1 and ::1 (never 0.0.0.0) on the
 * first free registered port, accepts exactly one `GET /callback` carrying the expected `state`, and
 * closes as soon as the sign-in completes, is cancelled or times out.
 */
import {
  createServer,
  type IncomingMessage,
  type Server,
  type ServerOptions,
  type ServerResponse,
} from 'node:http';
import { isIP } from 'node:net';
import { AdmitError } from '../../shared/result';
import { secretsEqual } from './pkce';

/** Ports registered as redirect URIs in the Slack app's settings, tried in order. */
export const DEFAULT_REDIRECT_PORTS: readonly number[] = [53682, 53683, 53684];
/** How long a sign-in may wait for the browser before giving up. */
export const DEFAULT_SIGN_IN_TIMEOUT_MS = 10 * 60 * 1000;
/** The loopback addresses the receiver binds; `localhost` may resolve to either. */
export const LOOPBACK_HOSTS: readonly string[] = ['127.0.0.1', '::1'];

/** What the browser brought back on a valid callback. */
export type CallbackOutcome = { code: string };

/** How to start a receiver. */
export type LoopbackOptions = {
  /** The state sent in the authorize URL; only a callback carrying it is accepted. */
  state: string;
  ports?: readonly number[];
  /** Default 10 minutes. */
  timeoutMs?: number;
  /** Bind addresses; default 127.0.0.1 and ::1. Only loopback addresses are accepted. */
  hosts?: readonly string[];
  /** How long a peer may take to send its request; tests shorten them. */
  timeouts?: Partial<ReceiverTimeouts>;
};

/** Timeouts for one connection: headers, the whole request, idle keep-alive, and how often Node checks. */
export type ReceiverTimeouts = {
  headersMs: number;
  requestMs: number;
  keepAliveMs: number;
  checkEveryMs: number;
};

const DEFAULT_TIMEOUTS: ReceiverTimeouts = {
  headersMs: 10_000,
  requestMs: 15_000,
  keepAliveMs: 2_000,
  checkEveryMs: 1_000,
};

/** A running receiver. */
export type LoopbackReceiver = {
  port: number;
  /** `http://localhost:PORT/callback`, the redirect_uri to send to Slack. */
  redirectUri: string;
  /** The addresses actually bound (::1 is skipped when the machine has no IPv6 loopback). */
  boundHosts: string[];
  /** Resolves with the code, or rejects with an AdmitError (denied, timed out, cancelled). */
  result: Promise<CallbackOutcome>;
  /** Stops waiting: `result` rejects and the port closes. Safe to call more than once. */
  cancel(reason?: string): void;
  /** Resolves once every server has stopped listening. */
  closed: Promise<void>;
};

const CALLBACK_PATH = '/callback';

/** Is this remote address a loopback address (IPv4 127/8, ::1, or IPv4-mapped 127/8)? */
export const isLoopbackAddress = (address: string | undefined): boolean => {
  if (!address) return false;
  const v4 = address.startsWith('::ffff:') ? address.slice(7) : address;
  if (isIP(v4) === 4) return v4.startsWith('127.');
  return address === '::1';
};

/** The pages load nothing and run nothing: any web page in the browser can reach this port. */
export const LOOPBACK_PAGE_CSP =
  "default-src 'none'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'";

const HTML_ESCAPES: Record<string, string> = {
  '&': '&amp;',
  '<': '&lt;',
  '>': '&gt;',
  '"': '&quot;',
  "'": '&#39;',
};

/** Escapes text for HTML content and attribute values. */
export const escapeHtml = (text: string): string => text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c] ?? c);

// Titles and bodies are our own text; only `why` may carry what the browser brought, escaped there.
const page = (title: string, body: string): string =>
  `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${title}</title></head>` +
  `<body><h1>${title}</h1><p>${body}</p></body></html>`;

const send = (res: ServerResponse, status: number, html: string): void => {
  res.writeHead(status, {
    'content-type': 'text/html; charset=utf-8',
    'content-length': Buffer.byteLength(html),
    'cache-control': 'no-store',
    'content-security-policy': LOOPBACK_PAGE_CSP,
    'referrer-policy': 'no-referrer',
    'x-content-type-options': 'nosniff',
    connection: 'close',
  });
  res.end(html);
};

/** A callback carries everything in its URL: any body is refused before a byte of it is read. */
const declaresBody = (req: IncomingMessage): boolean =>
  req.headers['transfer-encoding'] !== undefined ||
  (req.headers['content-length'] !== undefined && req.headers['content-length'] !== '0');

/** Slack's callback URL is short; a longer target is refused (414) before it is parsed. */
const MAX_TARGET_LENGTH = 4096;

/** The callback URL, or null for a target that is not origin-form or has a bad %-encoding. */
const parseCallbackTarget = (raw: string | undefined): URL | null => {
  if (!raw?.startsWith('/') || raw.startsWith('//') || raw.startsWith('/\\')) return null;
  try {
    const url = new URL(raw, 'http://localhost');
    decodeURIComponent(url.pathname);
    return url;
  } catch {
    return null;
  }
};

const INVALID_PAGE = page(
  'Not a valid sign-in response',
  'This address only accepts Slack’s sign-in redirect.',
);
const SUCCESS_PAGE = page('Signed in to Admit', 'You can close this tab and return to Admit.');
const failurePage = (why: string): string =>
  page('Sign-in did not complete', `${escapeHtml(why)} Return to Admit to try again.`);
const TOO_LARGE_PAGE = page('Not a valid sign-in response', 'A sign-in redirect carries no body.');
const FAILED_PAGE = page('Sign-in did not complete', 'Something went wrong. Return to Admit to try again.');

type ListenError = NodeJS.ErrnoException;

const listen = (server: Server, port: number, host: string): Promise<void> =>
  new Promise((resolve, reject) => {
    const onError = (err: Error): void => reject(err);
    server.once('error', onError);
    server.listen({ port, host, exclusive: true, ipv6Only: host.includes(':') }, () => {
      server.off('error', onError);
      resolve();
    });
  });

const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    // Responses already sent carry `connection: close`; drop whatever lingers after a grace period.
    server.closeIdleConnections();
    setTimeout(() => server.closeAllConnections(), 1000).unref();
  });

// An IPv6 loopback that is simply missing on this machine, as opposed to a port someone else holds.
const IPV6_UNAVAILABLE = new Set(['EADDRNOTAVAIL', 'EAFNOSUPPORT', 'EINVAL']);

/**
 * Answers one request to the receiver. Returns what the sign-in learned from it (Slack's code, or why
 * it failed), or undefined for a request that is not Slack's redirect for this sign-in.
 */
const answerCallback = (
  req: IncomingMessage,
  res: ServerResponse,
  expectedState: string,
  done: boolean,
): CallbackOutcome | Error | undefined => {
  const refuse = (status: number, html = INVALID_PAGE): undefined => void send(res, status, html);
  if (declaresBody(req)) {
    res.once('finish', () => setTimeout(() => req.socket.destroy(), 500).unref());
    return refuse(413, TOO_LARGE_PAGE);
  }
  if (done || !isLoopbackAddress(req.socket.remoteAddress) || req.method !== 'GET') {
    return refuse(400);
  }
  if ((req.url?.length ?? 0) > MAX_TARGET_LENGTH) return refuse(414);
  const url = parseCallbackTarget(req.url);
  if (!url) return refuse(400);
  const state = url.searchParams.get('state') ?? '';
  if (url.pathname !== CALLBACK_PATH || !state || !secretsEqual(state, expectedState)) {
    return refuse(400);
  }
  const error = url.searchParams.get('error');
  const code = url.searchParams.get('code');
  if (error) {
    const denied = error === 'access_denied';
    const why = denied
      ? 'You chose not to allow Admit in Slack.'
      : `Slack reported “${error.slice(0, 200)}”.`;
    send(res, 200, failurePage(why));
    return new AdmitError(denied ? 'not_signed_in' : 'slack_error', why);
  }
  if (!code) return refuse(400);
  send(res, 200, SUCCESS_PAGE);
  return { code };
};

/** Listens on `port` at every host; null, with nothing left open, when any of them has it taken. */
const bindPort = async (
  port: number,
  hosts: readonly string[],
  serverOptions: ServerOptions,
  handler: (req: IncomingMessage, res: ServerResponse) => void,
): Promise<{ servers: Server[]; boundHosts: string[] } | null> => {
  const bound: Server[] = [];
  const boundHosts: string[] = [];
  let busy = false;
  for (const host of hosts) {
    const server = createServer(serverOptions, handler);
    try {
      await listen(server, port, host);
      bound.push(server);
      boundHosts.push(host);
    } catch (err) {
      const code = (err as ListenError).code ?? '';
      if (host === '::1' && IPV6_UNAVAILABLE.has(code)) continue;
      busy = true;
      break;
    }
  }
  if (busy || bound.length === 0) {
    await Promise.all(bound.map(closeServer));
    return null;
  }
  return { servers: bound, boundHosts };
};

/** Starts the receiver on the first registered port free on every loopback address. */
export const startLoopbackReceiver = async (options: LoopbackOptions): Promise<LoopbackReceiver> => {
  const ports = options.ports ?? DEFAULT_REDIRECT_PORTS;
  const hosts = options.hosts ?? LOOPBACK_HOSTS;
  for (const host of hosts) {
    if (host !== '::1' && !(isIP(host) === 4 && host.startsWith('127.'))) {
      throw new AdmitError('internal', `The sign-in receiver only listens on loopback, not ${host}.`);
    }
  }
  let settle: { resolve: (o: CallbackOutcome) => void; reject: (e: Error) => void } | undefined;
  const result = new Promise<CallbackOutcome>((resolve, reject) => (settle = { resolve, reject }));
  result.catch(() => undefined); // the caller may cancel without ever awaiting `result`
  let done = false;
  let servers: Server[] = [];

  const handler = (req: IncomingMessage, res: ServerResponse): void => {
    try {
      const outcome = answerCallback(req, res, options.state, done);
      if (outcome) finish(outcome);
    } catch {
      // Whatever went wrong, the peer gets an answer and the receiver keeps waiting.
      if (!res.headersSent) send(res, 500, FAILED_PAGE);
      else res.destroy();
    }
  };

  let timer: NodeJS.Timeout | undefined;
  let closed: Promise<void> = Promise.resolve();
  const finish = (outcome: CallbackOutcome | Error): void => {
    if (done) return;
    done = true;
    if (timer) clearTimeout(timer);
    closed = Promise.all(servers.map(closeServer)).then(() => undefined);
    if (outcome instanceof Error) settle?.reject(outcome);
    else settle?.resolve(outcome);
  };

  const t = { ...DEFAULT_TIMEOUTS, ...options.timeouts };
  const serverOptions = {
    headersTimeout: t.headersMs,
    requestTimeout: t.requestMs,
    keepAliveTimeout: t.keepAliveMs,
    connectionsCheckingInterval: t.checkEveryMs,
  };
  for (const port of ports) {
    const bound = await bindPort(port, hosts, serverOptions, handler);
    if (!bound) continue;
    servers = bound.servers;
    timer = setTimeout(
      () => finish(new AdmitError('not_signed_in', 'Sign-in timed out: no answer from the browser.')),
      options.timeoutMs ?? DEFAULT_SIGN_IN_TIMEOUT_MS,
    );
    timer.unref();
    return {
      port,
      redirectUri: `http://localhost:${port}${CALLBACK_PATH}`,
      boundHosts: bound.boundHosts,
      result,
      cancel: (reason = 'Sign-in was cancelled.') => finish(new AdmitError('not_signed_in', reason)),
      get closed() {
        return closed;
      },
    };
  }
  throw new AdmitError(
    'internal',
    `Every sign-in port is in use (${ports.join(', ')}). Close the program using them and try again.`,
  );
};
