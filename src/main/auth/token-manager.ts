/**
 * Keeps one org's user token fresh when Slack rotates tokens: refreshes shortly before expiry, lets
 * concurrent callers share one refresh, and persists the new (single-use) refresh token before the new
 * access token is used, so a crash cannot leave Admit holding only a spent refresh token. A call whose
 * token Slack rejects anyway gets one refresh and one retry (`retryWithFreshToken`).
 *
 * Every failure is a SlackApiError with method `oauth.v2.access`. A refresh runs before the call it is
 * for, so nothing that changes an app's state was sent: its failures are network, retryable or reauth,
 * never `uncertain`, and the queue never verifies or counts a "may have reached Slack" for them.
 */
import { SlackApiError } from '../slack/errors';
import { REFRESH_TOKEN_LIFETIME_MS, type OrgCredentials } from './credentials';
import { refreshUserToken, type SlackHttp } from './oauth-access';
import type { Vault } from './vault';

/** Refresh this long before the access token expires. */
export const DEFAULT_REFRESH_MARGIN_MS = 5 * 60 * 1000;

/** What a token manager needs. */
export type TokenManagerOptions = {
  vault: Vault;
  enterpriseId: string;
  clientId: string;
  apiUrl: string;
  fetch?: typeof fetch;
  /** Clock in ms; default Date.now. */
  now?: () => number;
  refreshMarginMs?: number;
  /** Credentials already in hand (just signed in); otherwise read from the vault. */
  initial?: OrgCredentials;
  /** Told when the rotated credentials could not be saved (they are still used for this session). */
  onPersistError?: (error: unknown) => void;
  /** How long a refresh may take; default OAUTH_TIMEOUT_MS (oauth-access.ts). */
  timeoutMs?: number;
};

/** Hands out a valid access token for one org. */
export type TokenManager = {
  /** A token valid for at least the refresh margin; refreshes first when needed. */
  getAccessToken(): Promise<string>;
  /** Refreshes now (e.g. Slack answered token_expired); shares an in-flight refresh. */
  refreshNow(): Promise<string>;
  /** The credentials in use, if loaded. */
  current(): OrgCredentials | null;
  /**
   * Runs `call`; if Slack rejects the token (token_expired, invalid_auth), refreshes once — unless a
   * refresh finished while the call ran — and runs it exactly once more. A second rejection is final.
   */
  retryWithFreshToken<T>(call: () => Promise<T>): Promise<T>;
  /**
   * Starts no more refreshes and resolves once the one under way has ended, its new refresh token
   * saved: Slack spends the old one as it answers, so a refresh cut off by closing (quit, sign-out,
   * a switch of org) would lose the sign-in, and one started later would write the vault after its
   * org closed. A call that needs a refresh after this fails as `not_signed_in`.
   */
  close(): Promise<void>;
};

const REFRESH_METHOD = 'oauth.v2.access';

/** Slack codes meaning "this access token is no good", which a rotated token may fix. */
const REJECTED_TOKEN_CODES = new Set(['token_expired', 'invalid_auth']);

/** Did Slack reject the access token of a call (not the refresh itself)? */
export const isRejectedToken = (error: unknown): boolean =>
  error instanceof SlackApiError && error.method !== REFRESH_METHOD && REJECTED_TOKEN_CODES.has(error.code);

/**
 * Re-labels a failed refresh for the call that was waiting on it: that call was never sent, so no
 * network failure "may have reached Slack" (any kind is plain `network`) and Slack's `uncertain`
 * answers (internal_error, fatal_error) are `retryable`. 429, 5xx, reauth and the rest keep their code.
 */
export const refreshFailure = (error: unknown): SlackApiError => {
  if (!(error instanceof SlackApiError)) {
    // Slack answered, but not with a usable grant (e.g. no user token in it).
    const message = error instanceof Error ? error.message : String(error);
    return new SlackApiError('malformed_response', REFRESH_METHOD, { cause: error }, message);
  }
  const keep = {
    cause: error,
    ...(error.status !== undefined ? { status: error.status } : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
  };
  if (error.category === 'network') return new SlackApiError('token_refresh_offline', REFRESH_METHOD, keep);
  if (error.category === 'uncertain')
    return new SlackApiError('token_refresh_unavailable', REFRESH_METHOD, keep);
  return error;
};

/** Where and how a refresh reaches Slack. */
const httpOf = (o: TokenManagerOptions): SlackHttp => ({
  apiUrl: o.apiUrl,
  ...(o.fetch ? { fetch: o.fetch } : {}),
  ...(o.timeoutMs !== undefined ? { timeoutMs: o.timeoutMs } : {}),
});

/** Creates the token manager for one org. */
export const createTokenManager = (options: TokenManagerOptions): TokenManager => {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const http = httpOf(options);
  let credentials: OrgCredentials | null = options.initial ?? null;
  let inflight: Promise<string> | null = null;
  /** Counts finished refreshes, so a rejected call can tell whether a newer token exists already. */
  let generation = 0;
  let closed = false;

  const load = async (): Promise<OrgCredentials> => {
    credentials ??= await options.vault.load(options.enterpriseId);
    if (!credentials) throw new SlackApiError('not_signed_in', REFRESH_METHOD);
    return credentials;
  };

  const refresh = async (): Promise<string> => {
    const current = await load();
    if (!current.refreshToken) throw new SlackApiError('token_not_renewable', REFRESH_METHOD);
    const at = now();
    if (current.refreshExpiresAt !== undefined && at >= current.refreshExpiresAt) {
      throw new SlackApiError('sign_in_expired', REFRESH_METHOD);
    }
    let grant: Awaited<ReturnType<typeof refreshUserToken>>;
    try {
      grant = await refreshUserToken(http, {
        clientId: options.clientId,
        refreshToken: current.refreshToken,
      });
    } catch (error) {
      throw refreshFailure(error);
    }
    const next: OrgCredentials = {
      ...current,
      accessToken: grant.accessToken,
      refreshToken: grant.refreshToken ?? current.refreshToken,
      ...(grant.refreshToken ? { refreshExpiresAt: at + REFRESH_TOKEN_LIFETIME_MS } : {}),
      expiresAt: grant.expiresInSeconds !== undefined ? at + grant.expiresInSeconds * 1000 : undefined,
      scopes: grant.scopes.length > 0 ? grant.scopes : current.scopes,
    };
    if (next.expiresAt === undefined) delete next.expiresAt;
    // The old refresh token is spent: the new one must be durable before anything relies on it.
    try {
      await options.vault.save(next);
    } catch (error) {
      options.onPersistError?.(error);
    }
    credentials = next;
    generation += 1;
    return next.accessToken;
  };

  const refreshNow = (): Promise<string> => {
    // Closed: the org's session is over, and this manager with it (the next one gets its own).
    if (closed && !inflight) return Promise.reject(new SlackApiError('not_signed_in', REFRESH_METHOD));
    inflight ??= refresh().finally(() => {
      inflight = null;
    });
    return inflight;
  };

  return {
    getAccessToken: async () => {
      if (inflight) return inflight;
      const c = await load();
      if (c.expiresAt === undefined || now() < c.expiresAt - margin) return c.accessToken;
      return refreshNow();
    },
    refreshNow,
    current: () => credentials,
    retryWithFreshToken: async <T>(call: () => Promise<T>): Promise<T> => {
      const seen = generation;
      try {
        return await call();
      } catch (error) {
        if (!isRejectedToken(error)) throw error;
        // Several calls rejected together share one refresh; one that started before a refresh
        // finished just retries with the newer token.
        if (generation === seen) await refreshNow();
        return call();
      }
    },
    close: async () => {
      closed = true;
      await inflight?.catch(() => undefined); // its failure is its caller's to report
    },
  };
};

/** Async methods only: what `withFreshTokenRetry` can wrap. */
type AsyncMethods<T> = { [K in keyof T]: T[K] extends (...args: never[]) => Promise<unknown> ? T[K] : never };

/** Wraps every method of a client so each call gets `retryWithFreshToken` (one refresh, one retry). */
export const withFreshTokenRetry = <T extends AsyncMethods<T>>(client: T, tokens: TokenManager): T => {
  const wrapped: Record<string, unknown> = {};
  for (const [name, method] of Object.entries(client) as [
    string,
    (...args: unknown[]) => Promise<unknown>,
  ][]) {
    wrapped[name] = (...args: unknown[]) => tokens.retryWithFreshToken(() => method(...args));
  }
  return wrapped as T;
};
