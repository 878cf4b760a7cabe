/** Test helpers for the auth tests: free ports, refused-connection checks and a tiny OAuth simulator server. */
import { createServer, type Server } from 'node:http';
import { connect, createServer as createNetServer } from 'node:net';
import { handleOAuthRequest, type OAuthSimContext } from '../../simulator/oauth';

/** A port that was free a moment ago on 127.0.0.1. */
export const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const server = createNetServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });

/** Several distinct free ports. */
export const freePorts = async (count: number): Promise<number[]> => {
  const ports = new Set<number>();
  while (ports.size < count) ports.add(await freePort());
  return [...ports];
};

/** Resolves with the error code of a TCP connect (e.g. ECONNREFUSED), or 'connected'. */
export const tryConnect = (port: number, host = '127.0.0.1'): Promise<string> =>
  new Promise((resolve) => {
    const socket = connect({ port, host });
    socket.once('connect', () => {
      socket.destroy();
      resolve('connected');
    });
    socket.once('error', (err: NodeJS.ErrnoException) => resolve(err.code ?? 'error'));
  });

/** Is ::1 usable on this machine? */
export const hasIpv6Loopback = (): Promise<boolean> =>
  new Promise((resolve) => {
    const server = createNetServer();
    server.once('error', () => resolve(false));
    server.listen(0, '::1', () => server.close(() => resolve(true)));
  });

/** A running fake Slack: the simulator's OAuth endpoints plus auth.test and auth.revoke. */
export type FakeSlack = {
  apiUrl: string;
  ctx: OAuthSimContext;
  tokens: Map<string, { revoked: boolean }>;
  calls: { path: string; body: string }[];
  /** Override auth.test's answer (e.g. a workspace-level token). */
  authTestBody?: Record<string, unknown>;
  /** Moves the fake's clock (ms). */
  setNow(ms: number): void;
  close(): Promise<void>;
};

/** Starts a fake Slack on an ephemeral port. */
export const startFakeSlack = async (overrides: Partial<OAuthSimContext> = {}): Promise<FakeSlack> => {
  const tokens = new Map<string, { revoked: boolean }>();
  let clock = Date.now();
  let n = 0;
  const ctx: OAuthSimContext = {
    enterpriseId: 'E0ADMITORG',
    enterpriseName: 'Admit Test Org',
    adminUserId: 'W0ADMIN01',
    clientId: '1234.5678',
    issueToken: (o) => {
      const token = `${o?.rotating ? 'xoxe.' : ''}xoxp-${++n}-${Math.random().toString(36).slice(2)}`;
      tokens.set(token, { revoked: false });
      return token;
    },
    revokeToken: (t) => tokens.set(t, { revoked: true }),
    now: () => clock,
    ...overrides,
  };
  const fake: FakeSlack = {
    apiUrl: '',
    ctx,
    tokens,
    calls: [],
    setNow: (ms) => {
      clock = ms;
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    if (req.url?.startsWith('/api/') && !req.url.startsWith('/api/oauth.v2.access')) {
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1] ?? '';
        const path = req.url ?? '';
        fake.calls.push({ path, body: Buffer.concat(chunks).toString() });
        const known = tokens.get(token);
        let body: unknown = { ok: false, error: 'invalid_auth' };
        if (known && !known.revoked && path.startsWith('/api/auth.test')) {
          body = fake.authTestBody ?? {
            ok: true,
            url: 'https://admit-test.enterprise.slack.com/',
            team: ctx.enterpriseName,
            user: 'ada',
            team_id: ctx.enterpriseId,
            user_id: ctx.adminUserId,
            enterprise_id: ctx.enterpriseId,
            is_enterprise_install: true,
          };
        } else if (known && path.startsWith('/api/auth.revoke')) {
          ctx.revokeToken(token);
          body = { ok: true, revoked: true };
        }
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      });
      return;
    }
    if (req.url?.startsWith('/api/oauth.v2.access')) fake.calls.push({ path: req.url, body: '' });
    if (!handleOAuthRequest(req, res, ctx)) {
      res.writeHead(404);
      res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const address = server.address();
  fake.apiUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/api/`;
  return fake;
};

/** A fetch-driven "browser": opens the authorize URL, follows Slack's 302 to the loopback callback. */
export const fakeBrowser =
  (seen: { status?: number; page?: string; location?: string } = {}) =>
  (url: string): void => {
    void (async () => {
      const authorize = await fetch(url, { redirect: 'manual' });
      const location = authorize.headers.get('location');
      seen.location = location ?? undefined;
      if (!location) return;
      const callback = await fetch(location);
      seen.status = callback.status;
      seen.page = await callback.text();
    })();
  };
