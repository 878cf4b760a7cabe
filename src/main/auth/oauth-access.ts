/** Slack's oauth.v2.access (code exchange and refresh) and auth.test over an injected fetch. */
import { z } from 'zod';
import { AdmitError } from '../../shared/result';
import { AuthTestSchema, type AuthTest } from '../../shared/slack-types';

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
export type SlackHttp = { apiUrl: string; fetch?: typeof fetch };

const Named = z.object({ id: z.string(), name: z.string().optional() }).nullable().optional();

const AccessResponseSchema = z.object({
  ok: z.literal(true),
  app_id: z.string().optional(),
  access_token: z.string().optional(),
  token_type: z.string().optional(),
  scope: z.string().optional(),
  refresh_token: z.string().optional(),
  expires_in: z.number().optional(),
  user_id: z.string().optional(),
  authed_user: z
    .object({
      id: z.string(),
      access_token: z.string().optional(),
      token_type: z.string().optional(),
      scope: z.string().optional(),
      refresh_token: z.string().optional(),
      expires_in: z.number().optional(),
    })
    .optional(),
  team: Named,
  enterprise: Named,
  is_enterprise_install: z.boolean().optional(),
});

const FailureSchema = z.object({ ok: z.literal(false), error: z.string() });

// Answers that mean the credential is dead: only signing in again helps.
const REAUTH_ERRORS = new Set([
  'invalid_refresh_token',
  'invalid_grant',
  'token_revoked',
  'token_expired',
  'refresh_token_expired',
  'invalid_auth',
  'not_authed',
  'account_inactive',
  'user_removed_from_team',
  'app_uninstalled',
]);

/** Is this Slack error code one that only a new sign-in fixes? */
export const isReauthError = (code: string): boolean => REAUTH_ERRORS.has(code);

const SIGN_IN_AGAIN = 'Your Slack sign-in has expired or was revoked. Sign in again.';

const call = async (http: SlackHttp, method: string, init: RequestInit): Promise<unknown> => {
  const doFetch = http.fetch ?? fetch;
  let response: Response;
  try {
    response = await doFetch(new URL(method, http.apiUrl), init);
  } catch (cause) {
    throw new AdmitError('offline', `Could not reach Slack (${method}): ${(cause as Error).message}`);
  }
  const text = await response.text();
  let body: unknown;
  try {
    body = JSON.parse(text);
  } catch {
    throw new AdmitError('slack_error', `Slack answered ${method} with HTTP ${response.status} and no JSON.`);
  }
  const failure = FailureSchema.safeParse(body);
  if (failure.success) {
    const code = failure.data.error;
    if (isReauthError(code)) throw new AdmitError('slack_auth', `${SIGN_IN_AGAIN} (${code})`);
    throw new AdmitError('slack_error', `Slack refused ${method}: ${code}.`);
  }
  return body;
};

const form = (fields: Record<string, string>): RequestInit => ({
  method: 'POST',
  headers: { 'content-type': 'application/x-www-form-urlencoded' },
  body: new URLSearchParams(fields).toString(),
});

const toGrant = (body: unknown): UserGrant => {
  const parsed = AccessResponseSchema.safeParse(body);
  if (!parsed.success)
    throw new AdmitError('slack_error', 'Slack answered oauth.v2.access in an unexpected shape.');
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
    ...(user.expires_in !== undefined ? { expiresInSeconds: user.expires_in } : {}),
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
  const parsed = AuthTestSchema.safeParse(body);
  if (!parsed.success)
    throw new AdmitError('slack_error', 'Slack answered auth.test in an unexpected shape.');
  return parsed.data;
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
