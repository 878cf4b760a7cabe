/** Starts the simulator: one node:http server for /api/ (Slack Web API) and /_sim/ (test controls). */
import { createServer, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { handleApi, type ApiContext } from './api';
import { handleControl } from './control';
import { handleOAuthRequest, type OAuthSimContext } from './oauth';
import { createDemoOrg } from './demo-org';
import { createFaultControls, type FaultControls } from './faults';
import { sendJson } from './http-io';
import { createRateLimiter } from './rate-limit';
import { METHOD_TIERS } from '../main/slack/method-tiers';
import { createState, type SimulatorState } from './state';
import type { OrgData } from './types';

/** How to start a simulator. rateScale shrinks the rate window to 60 s / rateScale (0 or Infinity: no limits). */
export type SimulatorOptions = {
  port?: number;
  host?: string;
  org?: OrgData;
  rateScale?: number;
  /** OAuth: the client id the authorize page accepts, and token rotation (access tokens expire after tokenTtlSeconds). */
  oauth?: { clientId?: string; tokenTtlSeconds?: number; denyConsent?: boolean };
};

/** The client id the simulator's OAuth pages accept unless told otherwise. */
export const SIMULATOR_CLIENT_ID = '1000000001.2000000002';

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

/** Starts a Slack Web API simulator on loopback (port 0 picks a free port). */
export async function startSimulator(opts: SimulatorOptions = {}): Promise<Simulator> {
  const org = opts.org ?? createDemoOrg();
  const ctx: ApiContext = {
    state: createState(org),
    faults: createFaultControls(),
    limiter: createRateLimiter(METHOD_TIERS, opts.rateScale ?? 1),
  };
  // One context for the server's life: pending codes and refresh tokens are kept per context.
  const oauth: OAuthSimContext = {
    enterpriseId: org.enterprise.id,
    enterpriseName: org.enterprise.name,
    adminUserId: org.admin.id,
    clientId: opts.oauth?.clientId ?? SIMULATOR_CLIENT_ID,
    issueToken: (options) => ctx.state.issueToken(options),
    revokeToken: (token) => ctx.state.revokeToken(token),
    now: () => Date.now(),
    tokenTtlSeconds: opts.oauth?.tokenTtlSeconds,
    denyConsent: opts.oauth?.denyConsent,
  };
  const sockets = new Set<Socket>();
  const server = createServer((req, res) => {
    if (handleOAuthRequest(req, res, oauth)) return;
    const url = new URL(req.url ?? '/', 'http://localhost');
    const route = url.pathname.startsWith('/api/')
      ? handleApi(req, res, url, ctx)
      : url.pathname.startsWith('/_sim/')
        ? handleControl(req, res, url, ctx)
        : Promise.resolve(sendJson(res, 404, { ok: false, error: 'not_found' }));
    route.catch((err: unknown) => {
      if (!res.headersSent) sendJson(res, 500, { ok: false, error: 'internal_error', detail: String(err) });
      else res.destroy();
    });
  });
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  const host = opts.host ?? '127.0.0.1';
  const address = await listen(server, opts.port ?? 0, host);
  const hostPart = address.family === 'IPv6' ? `[${address.address}]` : address.address;
  const origin = `http://${hostPart}:${address.port}`;
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
