/**
 * Keeps one org's user token fresh when Slack rotates tokens: refreshes shortly before expiry, lets
 * concurrent callers share one refresh, and persists the new (single-use) refresh token before the new
 * access token is used, so a crash cannot leave Admit holding only a spent refresh token.
 */
import { AdmitError } from '../../shared/result';
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
};

/** Hands out a valid access token for one org. */
export type TokenManager = {
  /** A token valid for at least the refresh margin; refreshes first when needed. */
  getAccessToken(): Promise<string>;
  /** Refreshes now (e.g. Slack answered token_expired); shares an in-flight refresh. */
  refreshNow(): Promise<string>;
  /** The credentials in use, if loaded. */
  current(): OrgCredentials | null;
};

const signInAgain = (why: string): AdmitError => new AdmitError('slack_auth', `${why} Sign in again.`);

/** Creates the token manager for one org. */
export const createTokenManager = (options: TokenManagerOptions): TokenManager => {
  const now = options.now ?? Date.now;
  const margin = options.refreshMarginMs ?? DEFAULT_REFRESH_MARGIN_MS;
  const http: SlackHttp = { apiUrl: options.apiUrl, ...(options.fetch ? { fetch: options.fetch } : {}) };
  let credentials: OrgCredentials | null = options.initial ?? null;
  let inflight: Promise<string> | null = null;

  const load = async (): Promise<OrgCredentials> => {
    credentials ??= await options.vault.load(options.enterpriseId);
    if (!credentials) throw new AdmitError('not_signed_in', `Not signed in to org ${options.enterpriseId}.`);
    return credentials;
  };

  const refresh = async (): Promise<string> => {
    const current = await load();
    if (!current.refreshToken) throw signInAgain('Your Slack token expired and cannot be renewed.');
    const at = now();
    if (current.refreshExpiresAt !== undefined && at >= current.refreshExpiresAt) {
      throw signInAgain('Your Slack sign-in expired after 30 days without use.');
    }
    const grant = await refreshUserToken(http, {
      clientId: options.clientId,
      refreshToken: current.refreshToken,
    });
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
    return next.accessToken;
  };

  const refreshNow = (): Promise<string> => {
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
  };
};
