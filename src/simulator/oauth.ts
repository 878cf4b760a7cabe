/**
 * The simulator's side of Sign in with Slack: `GET /oauth/v2/authorize` (auto-consent, 302 back to the
 * loopback redirect) and `POST /api/oauth.v2.access` (PKCE code exchange and refresh-token rotation),
 * answering like Slack does for an org-wide user-token install.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';

/** What the OAuth endpoints need from the running simulator; pass the same object on every call. */
export type OAuthSimContext = {
  enterpriseId: string;
  enterpriseName: string;
  adminUserId: string;
  clientId: string;
  /**
   * Registers a new valid admin token; with `rotating`, an `xoxe.xoxp-…` one that expires after
   * `ttlSeconds`; `scopes` are the granted ones, `clientId` the app it belongs to.
   */
  issueToken(options?: {
    rotating?: boolean;
    ttlSeconds?: number;
    scopes?: readonly string[];
    clientId?: string;
  }): string;
  revokeToken(token: string): void;
  /** Clock in ms since epoch. */
  now(): number;
  /** When set, tokens rotate: access tokens expire after this many seconds and come with refresh tokens. */
  tokenTtlSeconds?: number;
  /** When true, the authorize page answers access_denied (as if the admin clicked Cancel). */
  denyConsent?: boolean;
  appId?: string;
  /**
   * The app's registered redirect URLs: a redirect_uri must match one exactly (scheme, host, port,
   * path), else bad_redirect_uri. Unset: any http://localhost|127.0.0.1:<port>/callback is accepted.
   */
  redirectUris?: readonly string[];
};

/** A code waiting for its exchange; `redirectUri` is null when the authorize call sent none. */
type PendingCode = { challenge: string; redirectUri: string | null; scopes: string[]; expiresAt: number };
type OAuthStore = {
  codes: Map<string, PendingCode>;
  refreshTokens: Map<string, { accessToken: string; scopes: string[] }>;
};

const CODE_TTL_MS = 10 * 60 * 1000;
const stores = new WeakMap<OAuthSimContext, OAuthStore>();

const storeFor = (ctx: OAuthSimContext): OAuthStore => {
  let store = stores.get(ctx);
  if (!store) {
    store = { codes: new Map(), refreshTokens: new Map() };
    stores.set(ctx, store);
  }
  return store;
};

/** Forgets every pending code and refresh token issued for this context. */
export const resetOAuthState = (ctx: OAuthSimContext): void => void stores.delete(ctx);

/** Is this an allowed loopback redirect: http://localhost|127.0.0.1:PORT/callback? */
export const isLoopbackRedirect = (raw: string): boolean => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  return (
    url.protocol === 'http:' &&
    (url.hostname === 'localhost' || url.hostname === '127.0.0.1') &&
    url.port !== '' &&
    url.pathname === '/callback' &&
    url.search === '' &&
    url.hash === '' &&
    url.username === '' &&
    url.password === ''
  );
};

/** Does `raw` match a registered redirect URL exactly: scheme, host, port, path (and query)? */
export const matchesRegisteredRedirect = (raw: string, registered: readonly string[]): boolean => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return false;
  }
  if (url.username || url.password || url.hash) return false;
  return registered.some((r) => {
    let reg: URL;
    try {
      reg = new URL(r);
    } catch {
      return false;
    }
    return (
      reg.protocol === url.protocol &&
      reg.hostname === url.hostname &&
      reg.port === url.port &&
      reg.pathname === url.pathname &&
      reg.search === url.search
    );
  });
};

const isAllowedRedirect = (raw: string, ctx: OAuthSimContext): boolean =>
  ctx.redirectUris ? matchesRegisteredRedirect(raw, ctx.redirectUris) : isLoopbackRedirect(raw);

const json = (res: ServerResponse, body: unknown): void => {
  const text = JSON.stringify(body);
  res.writeHead(200, {
    'content-type': 'application/json; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
};

const plain = (res: ServerResponse, status: number, text: string): void => {
  res.writeHead(status, {
    'content-type': 'text/plain; charset=utf-8',
    'content-length': Buffer.byteLength(text),
  });
  res.end(text);
};

const authorize = (url: URL, res: ServerResponse, ctx: OAuthSimContext): void => {
  const q = url.searchParams;
  const sent = q.get('redirect_uri');
  // Without a redirect_uri Slack uses the app's (first) registered redirect URL.
  const redirectUri = sent ?? ctx.redirectUris?.[0] ?? '';
  if (q.get('client_id') !== ctx.clientId) return plain(res, 400, 'invalid_client_id');
  if (!isAllowedRedirect(redirectUri, ctx)) return plain(res, 400, 'bad_redirect_uri');
  const back = new URL(redirectUri);
  const state = q.get('state');
  if (state !== null) back.searchParams.set('state', state);
  const challenge = q.get('code_challenge') ?? '';
  if (ctx.denyConsent || q.get('deny') === '1') {
    back.searchParams.set('error', 'access_denied');
  } else if (!q.get('user_scope')) {
    back.searchParams.set('error', 'invalid_scope');
  } else if (q.get('code_challenge_method') !== 'S256' || !/^[A-Za-z0-9_-]{43}$/.test(challenge)) {
    back.searchParams.set('error', 'invalid_request');
  } else {
    const code = `${ctx.now()}.${randomBytes(24).toString('hex')}`;
    // Undocumented here: the token is granted exactly the user scopes the authorize URL asked for.
    const scopes = (q.get('user_scope') ?? '')
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean);
    storeFor(ctx).codes.set(code, {
      challenge,
      redirectUri: sent,
      scopes,
      expiresAt: ctx.now() + CODE_TTL_MS,
    });
    back.searchParams.set('code', code);
  }
  res.writeHead(302, { location: back.href, 'cache-control': 'no-store', 'content-length': 0 });
  res.end();
};

const grant = (ctx: OAuthSimContext, scopes: string[]): Record<string, unknown> => {
  const rotating = ctx.tokenTtlSeconds !== undefined;
  const accessToken = ctx.issueToken(
    rotating
      ? { rotating: true, ttlSeconds: ctx.tokenTtlSeconds, scopes, clientId: ctx.clientId }
      : { scopes, clientId: ctx.clientId },
  );
  const user: Record<string, unknown> = {
    id: ctx.adminUserId,
    scope: scopes.join(','),
    access_token: accessToken,
    token_type: 'user',
  };
  if (rotating) {
    const refreshToken = `xoxe-1-${randomBytes(32).toString('hex')}`;
    storeFor(ctx).refreshTokens.set(refreshToken, { accessToken, scopes });
    user.refresh_token = refreshToken;
    user.expires_in = ctx.tokenTtlSeconds;
  }
  return user;
};

const orgFields = (ctx: OAuthSimContext): Record<string, unknown> => ({
  team: null,
  enterprise: { id: ctx.enterpriseId, name: ctx.enterpriseName },
  is_enterprise_install: true,
});

const exchange = (args: URLSearchParams, ctx: OAuthSimContext): Record<string, unknown> => {
  const store = storeFor(ctx);
  if (args.get('client_id') !== ctx.clientId) return { ok: false, error: 'invalid_client_id' };
  if (args.has('client_secret')) return { ok: false, error: 'bad_client_secret' }; // a public client has none
  const grantType = args.get('grant_type') ?? 'authorization_code';
  const appId = ctx.appId ?? 'A0ADMITAPP1';
  if (grantType === 'refresh_token') {
    const old = args.get('refresh_token') ?? '';
    const entry = store.refreshTokens.get(old);
    if (!entry) return { ok: false, error: 'invalid_refresh_token' };
    store.refreshTokens.delete(old); // single use
    const user = grant(ctx, entry.scopes);
    // A refreshed user token comes back at the top level, with user_id, as Slack sends it.
    return {
      ok: true,
      app_id: appId,
      user_id: ctx.adminUserId,
      scope: user.scope,
      token_type: 'user',
      access_token: user.access_token,
      refresh_token: user.refresh_token,
      expires_in: user.expires_in,
      ...orgFields(ctx),
    };
  }
  if (grantType !== 'authorization_code') return { ok: false, error: 'invalid_grant_type' };
  const code = args.get('code') ?? '';
  const pending = store.codes.get(code);
  if (!pending) return { ok: false, error: 'invalid_code' };
  store.codes.delete(code); // single use, even when the rest of the request is wrong
  if (ctx.now() > pending.expiresAt) return { ok: false, error: 'invalid_code' };
  // Slack: redirect_uri "must match the originally submitted URI (if one was sent)".
  if (pending.redirectUri !== null && args.get('redirect_uri') !== pending.redirectUri)
    return { ok: false, error: 'bad_redirect_uri' };
  const verifier = args.get('code_verifier') ?? '';
  if (!/^[A-Za-z0-9\-._~]{43,128}$/.test(verifier)) return { ok: false, error: 'invalid_code_verifier' };
  const computed = createHash('sha256').update(verifier, 'ascii').digest('base64url');
  if (computed !== pending.challenge) return { ok: false, error: 'invalid_code_verifier' };
  return { ok: true, app_id: appId, authed_user: grant(ctx, pending.scopes), ...orgFields(ctx) };
};

const readForm = async (req: IncomingMessage, url: URL): Promise<URLSearchParams | null> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req as AsyncIterable<Buffer>) {
    size += chunk.length;
    if (size > 64_000) return null;
    chunks.push(chunk);
  }
  const args = new URLSearchParams(url.search);
  const body = Buffer.concat(chunks).toString('utf8');
  const type = (req.headers['content-type'] ?? '').split(';')[0]?.trim().toLowerCase();
  if (body && type === 'application/x-www-form-urlencoded') {
    for (const [k, v] of new URLSearchParams(body)) args.set(k, v);
  } else if (body && type === 'application/json') {
    try {
      for (const [k, v] of Object.entries(JSON.parse(body) as Record<string, unknown>))
        args.set(k, String(v));
    } catch {
      return null;
    }
  }
  return args;
};

/** Handles the OAuth paths; returns false (touching nothing) for any other path. */
export function handleOAuthRequest(req: IncomingMessage, res: ServerResponse, ctx: OAuthSimContext): boolean {
  const url = new URL(req.url ?? '/', 'http://simulator.invalid');
  if (url.pathname === '/oauth/v2/authorize') {
    if (req.method !== 'GET') plain(res, 405, 'method_not_allowed');
    else authorize(url, res, ctx);
    return true;
  }
  if (url.pathname === '/api/oauth.v2.access') {
    if (req.method !== 'POST') {
      json(res, { ok: false, error: 'invalid_request' });
      return true;
    }
    readForm(req, url).then(
      (args) => json(res, args ? exchange(args, ctx) : { ok: false, error: 'invalid_form_data' }),
      () => json(res, { ok: false, error: 'internal_error' }),
    );
    return true;
  }
  return false;
}
