/**
 * Starts the simulator: one node:http server for /api/ (Slack Web API), /_sim/ (test controls) and
 * /avatars/ (app icons, as Slack's CDN serves them).
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleApi, type ApiContext } from './api';
import { handleControl } from './control';
import { handleOAuthRequest, type OAuthSimContext } from './oauth';
import { createDemoOrg } from './demo-org';
import { hostIcons, ICON_PATH, serveIcon } from './icons';
import { createFaultControls, type FaultControls } from './faults';
import {
  BodyTooLargeError,
  declaresTooLarge,
  isLoopbackHost,
  MAX_TARGET_LENGTH,
  parseTarget,
  sendJson,
} from './http-io';
import { createRateLimiter } from './rate-limit';
import { createState, SIMULATOR_CLIENT_ID, type SimulatorState } from './state';
import type { OrgData } from './types';

export { SIMULATOR_CLIENT_ID };

/** How to start a simulator. rateScale shrinks the rate window to 60 s / rateScale (0 or Infinity: no limits). */
export type SimulatorOptions = {
  port?: number;
  host?: string;
  org?: OrgData;
  rateScale?: number;
  /** The clock (ms since epoch) for token expiry, resolution dates and OAuth codes; default Date.now. */
  now?: () => number;
  /**
   * OAuth: the client id the authorize page accepts; token rotation (access tokens expire after
   * tokenTtlSeconds, then answer token_expired); the app's registered redirect URLs, which a
   * redirect_uri must match exactly (scheme, host, port, path). Without `redirectUris`, any
   * http://localhost|127.0.0.1:<port>/callback counts as registered (loopback clients on any port).
   */
  oauth?: {
    clientId?: string;
    tokenTtlSeconds?: number;
    denyConsent?: boolean;
    redirectUris?: readonly string[];
  };
  /** How long a peer may take to send its request (ms); tests shorten them. */
  timeouts?: { headers?: number; request?: number; keepAlive?: number; checkEvery?: number };
};

/** A running simulator. */
export type Simulator = {
  apiUrl: string;
  origin: string;
  adminToken: string;
  enterpriseId: string;
  state: SimulatorState;
  faults: FaultControls;
  close(): Promise<void>;
};

function listen(server: Server, port: number, host: string): Promise<AddressInfo> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve(server.address() as AddressInfo);
    });
  });
}

/** A body over the limit: 413, and the connection closes. */
const tooLarge = (req: IncomingMessage, res: ServerResponse): void => {
  // The rest of the body is never read: the answer closes the connection, then the socket goes.
  res.once('finish', () => setTimeout(() => req.socket.destroy(), 500).unref());
  sendJson(res, 413, { ok: false, error: 'request_too_large' }, { connection: 'close' });
};

/** A handler that threw: 500 (or a dropped connection once the answer has begun). */
const fail = (req: IncomingMessage, res: ServerResponse, err: unknown): void => {
  if (res.headersSent) res.destroy();
  else if (err instanceof BodyTooLargeError) tooLarge(req, res);
  else sendJson(res, 500, { ok: false, error: 'internal_error', detail: String(err) });
};

/** Sends each request to the part of the simulator that answers it. */
const routeFor =
  (oauth: OAuthSimContext, ctx: ApiContext) =>
  (req: IncomingMessage, res: ServerResponse): Promise<void> => {
    if ((req.url?.length ?? 0) > MAX_TARGET_LENGTH) {
      return Promise.resolve(sendJson(res, 414, { ok: false, error: 'request_target_too_long' }));
    }
    const url = parseTarget(req.url);
    if (!url) return Promise.resolve(sendJson(res, 400, { ok: false, error: 'invalid_request_target' }));
    // A page on another name reaching this port through DNS rebinding is refused.
    if (!isLoopbackHost(req.headers.host)) {
      return Promise.resolve(sendJson(res, 421, { ok: false, error: 'loopback_host_only' }));
    }
    if (declaresTooLarge(req)) return Promise.resolve(tooLarge(req, res));
    if (handleOAuthRequest(req, res, oauth)) return Promise.resolve();
    if (url.pathname.startsWith('/api/')) return handleApi(req, res, url, ctx);
    if (url.pathname.startsWith('/_sim/')) return handleControl(req, res, url, ctx);
    if (url.pathname.startsWith(ICON_PATH) && (req.method === 'GET' || req.method === 'HEAD')) {
      return Promise.resolve(serveIcon(url.pathname, res));
    }
    return Promise.resolve(sendJson(res, 404, { ok: false, error: 'not_found' }));
  };

/** Starts a Slack Web API simulator on loopback (port 0 picks a free port). */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const now = opts.now ?? Date.now;
  // The server listens first: the icons it serves are named by its own origin, which the data needs.
  const host = opts.host ?? '127.0.0.1';
  const t = opts.timeouts ?? {};
  const serverOptions = {
    headersTimeout: t.headers ?? 10_000,
    requestTimeout: t.request ?? 30_000,
    keepAliveTimeout: t.keepAlive ?? 5_000,
    connectionsCheckingInterval: t.checkEvery ?? 1_000,
  };
  let route: (req: IncomingMessage, res: ServerResponse) => Promise<void> = () => Promise.resolve();
  const server = createServer(serverOptions, (req, res) => {
    try {
      route(req, res).catch((err: unknown) => fail(req, res, err));
    } catch (err) {
      fail(req, res, err);
    }
  });
  const sockets = new Set<Socket>();
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const address = await listen(server, opts.port ?? 0, host);
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${hostPart}:${address.port}`;
  const org = hostIcons(opts.org ?? createDemoOrg(), origin);
  const ctx: ApiContext = {
    state: createState(org, { now }),
    faults: createFaultControls(),
    limiter: createRateLimiter(opts.rateScale ?? 1),
  };
  // One context for the server's life: pending codes and refresh tokens are kept per context.
  const oauth: OAuthSimContext = {
    enterpriseId: org.enterprise.id,
    enterpriseName: org.enterprise.name,
    adminUserId: org.admin.id,
    clientId: opts.oauth?.clientId ?? SIMULATOR_CLIENT_ID,
    issueToken: (options) => ctx.state.issueToken(options),
    revokeToken: (token) => ctx.state.revokeToken(token),
    now,
    tokenTtlSeconds: opts.oauth?.tokenTtlSeconds,
    denyConsent: opts.oauth?.denyConsent,
    redirectUris: opts.oauth?.redirectUris,
  };
  route = routeFor(oauth, ctx);
  return {
    apiUrl: `${origin}/api/`,
    origin,
    adminToken: org.adminToken,
    enterpriseId: org.enterprise.id,
    state: ctx.state,
    faults: ctx.faults,
    close: () =>
      new Promise<void>((resolve, reject) => {
        // Keep-alive and slowMs-delayed connections would otherwise hold close() open.
        for (const s of sockets) s.destroy();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
