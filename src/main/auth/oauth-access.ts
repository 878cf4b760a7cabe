/**
 * Slack's oauth.v2.access (code exchange and refresh) and auth.test over an injected fetch. Failures are
 * SlackApiErrors from the shared error table, so sign-in, refresh and the queue read them alike.
 */
import { z } from 'zod';
import { AdmitError } from '../../shared/result';
import type { AuthTest } from '../../shared/models';
import { toAuthTest, WireAuthTestSchema, WireOAuthV2AccessSchema } from '../slack/wire';
import { classifySlackError, httpStatusError, SlackApiError, toSlackApiError } from '../slack/errors';

/** What a successful oauth.v2.access gives Admit, normalized from either response shape. */
export type UserGrant = {
  accessToken: string;
  refreshToken?: string;
  expiresInSeconds?: number;
  userId: string;
  scopes: string[];
  enterpriseId?: string;
  enterpriseName?: string;
  teamId?: string;
  isEnterpriseInstall: boolean;
};

/** Where and how to call Slack. */
export type SlackHttp = {
  apiUrl: string;
  fetch?: typeof fetch;
  /** How long one call may take, answer read included; default OAUTH_TIMEOUT_MS. */
  timeoutMs?: number;
};

/**
 * The most one OAuth or auth call may take (the same 30 s as every other Slack call). A refresh that
 * never answered used to hold every call waiting on the token, and closing the app, indefinitely.
 * A timed-out call is `network_timeout`: it may have reached Slack (a refresh may have rotated the
 * token), so it is never taken for an answer.
 */
export const OAUTH_TIMEOUT_MS = 30_000;

// Slack's oauth.v2.access body, written from the reference (src/main/slack/wire.ts).
const AccessResponseSchema = WireOAuthV2AccessSchema;

const FailureSchema = z.object({
  ok: z.literal(false),
  error: z.string(),
  needed: z.string().optional(),
});

/** Is this Slack error code one that only a new sign-in fixes? (The error table decides.) */
export const isReauthError = (code: string): boolean => classifySlackError(code).category === 'reauth';

/**
 * One form POST to Slack. Every failure is a SlackApiError classified by the error table: a fetch that
 * rejects is a network failure, a status other than 200 goes by its status, `{ ok: false }` by its code.
 */
const call = async (http: SlackHttp, method: string, init: RequestInit): Promise<unknown> => {
  const doFetch = http.fetch ?? fetch;
  let response: Response;
  let text: string;
  try {
    const signal = AbortSignal.timeout(http.timeoutMs ?? OAUTH_TIMEOUT_MS);
    response = await doFetch(new URL(method, http.apiUrl), { ...init, signal });
    text = await response.text();
  } catch (cause) {
    throw toSlackApiError(cause, method);
  }
  if (response.status !== 200) {
    const retryAfter = Number(response.headers.get('retry-after') ?? Number.NaN);
    throw httpStatusError(response.status, method, Number.isFinite(retryAfter) ? retryAfter : undefined);
  }
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch (cause) {
    throw new SlackApiError('unreadable_response', method, { cause });
  }
  const failure = FailureSchema.safeParse(body);
  if (failure.success) {
    const { error, needed } = failure.data;
    throw new SlackApiError(error, method, needed ? { needed } : {});
  }
  return body;
};

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

const unexpectedShape = (method: string): SlackApiError =>
  new SlackApiError(
    'malformed_response',
    method,
    {},
    `${classifySlackError('malformed_response').message} (${method})`,
  );

const toGrant = (body: unknown): UserGrant => {
  const parsed = AccessResponseSchema.safeParse(body);
  if (!parsed.success) throw unexpectedShape('oauth.v2.access');
  const r = parsed.data;
  // Code exchange: the user token is in authed_user. Refresh of a user token: it is at the top level.
  const user = r.authed_user?.access_token
    ? r.authed_user
    : r.token_type === 'user' && r.access_token
      ? { ...r, id: r.user_id ?? r.authed_user?.id ?? '' }
      : undefined;
  if (!user?.access_token) {
    throw new AdmitError(
      'slack_permission',
      'Slack did not return a user token. Admit needs admin user scopes.',
    );
  }
  return {
    accessToken: user.access_token,
    ...(user.refresh_token ? { refreshToken: user.refresh_token } : {}),
    ...(typeof user.expires_in === 'number' ? { expiresInSeconds: user.expires_in } : {}),
    userId: user.id,
    scopes: (user.scope ?? '').split(',').filter(Boolean),
    ...(r.enterprise ? { enterpriseId: r.enterprise.id, enterpriseName: r.enterprise.name ?? '' } : {}),
    ...(r.team ? { teamId: r.team.id } : {}),
    isEnterpriseInstall: r.is_enterprise_install === true,
  };
};

/** Exchanges an authorization code (PKCE, no client secret) for a user token. */
export const exchangeCode = async (
  http: SlackHttp,
  args: { clientId: string; code: string; codeVerifier: string; redirectUri: string },
): Promise<UserGrant> =>
  toGrant(
    await call(
      http,
      'oauth.v2.access',
      form({
        client_id: args.clientId,
        code: args.code,
        code_verifier: args.codeVerifier,
        redirect_uri: args.redirectUri,
        grant_type: 'authorization_code',
      }),
    ),
  );

/** Trades a (single-use) refresh token for a new access token and a new refresh token. */
export const refreshUserToken = async (
  http: SlackHttp,
  args: { clientId: string; refreshToken: string },
): Promise<UserGrant> =>
  toGrant(
    await call(
      http,
      'oauth.v2.access',
      form({ client_id: args.clientId, grant_type: 'refresh_token', refresh_token: args.refreshToken }),
    ),
  );

/** auth.test with a bearer token: who is this token, and is it an org-level install? */
export const authTest = async (http: SlackHttp, token: string): Promise<AuthTest> => {
  const body = await call(http, 'auth.test', {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
    body: '',
  });
  const parsed = WireAuthTestSchema.safeParse(body);
  if (!parsed.success) throw unexpectedShape('auth.test');
  // This bare fetch does not read the x-oauth-scopes header; the grant's own `scope` says what was granted.
  return toAuthTest(parsed.data, null);
};

/** auth.revoke, best effort: used to discard a token Admit will not keep. Never throws. */
export const revokeQuietly = async (http: SlackHttp, token: string): Promise<void> => {
  try {
    await call(http, 'auth.revoke', {
      method: 'POST',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: '',
    });
  } catch {
    // Nothing more to do: the token was never stored.
  }
};
