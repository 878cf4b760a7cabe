/** A tiny fake Slack for the auth tests (the simulator's OAuth endpoints) and a fetch-driven browser. */
import { createServer, type Server } from 'node:http';
import { handleOAuthRequest, type OAuthSimContext } from '../../../simulator/oauth';

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
