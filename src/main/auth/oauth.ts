/**
 * Sign in with Slack from the main process: OAuth v2 with PKCE (no client secret) over a loopback
 * redirect. Opens the system browser on Slack's authorize page, waits for the one valid callback,
 * exchanges the code, and accepts the token only if it is an org-level (Enterprise) install.
 * See docs/ for the full flow.
 */
import { AdmitError } from '../../shared/result';
import type { AuthTest } from '../../shared/models';
import { REFRESH_TOKEN_LIFETIME_MS, type OrgCredentials } from './credentials';
import { SlackApiError } from '../slack/errors';
import { DEFAULT_REDIRECT_PORTS, startLoopbackReceiver } from './loopback';
import { authTest, exchangeCode, revokeQuietly, type UserGrant } from './oauth-access';
import { createOAuthState, createPkcePair } from './pkce';

/** The user scopes Admit asks for: read and act on app requests, and name workspaces. */
export const ADMIT_USER_SCOPES: readonly string[] = [
  'admin.apps:read',
  'admin.apps:write',
  'admin.teams:read',
];

/** Opens a URL in the system browser (Electron: shell.openExternal; browser host: a new tab). */
export type UrlOpener = (url: string) => void | Promise<void>;

/** Everything a sign-in needs; side effects are injected. */
export type SignInOptions = {
  /** Slack's Web API base, e.g. https://slack.com/api/ or the simulator's http://127.0.0.1:PORT/api/. */
  apiUrl: string;
  clientId: string;
  openUrl: UrlOpener;
  /** Registered redirect ports, tried in order. */
  ports?: readonly number[];
  /** How long to wait for the browser; default 10 minutes. */
  timeoutMs?: number;
  fetch?: typeof fetch;
  /** Clock in ms; default Date.now. */
  now?: () => number;
  /** Managed policy: only these orgs may be signed into (empty or absent: any). */
  allowedEnterpriseIds?: readonly string[];
  /** Aborting cancels the sign-in and closes the port. */
  signal?: AbortSignal;
  /** Loopback bind addresses; default 127.0.0.1 and ::1. */
  hosts?: readonly string[];
  /** Told the authorize URL once the receiver listens (e.g. to offer "copy link" in the UI). */
  onAuthorizeUrl?: (url: string) => void;
};

/** The authorize page for an API base: `…/api/` → `…/oauth/v2/authorize` on the same origin. */
export const authorizeEndpointFor = (apiUrl: string): string => {
  const api = new URL(apiUrl);
  const base = api.pathname.replace(/\/api\/?$/, '/');
  return new URL(`${base.endsWith('/') ? base : `${base}/`}oauth/v2/authorize`, api.origin).href;
};

/** Builds the full authorize URL for one attempt. */
export const buildAuthorizeUrl = (args: {
  apiUrl: string;
  clientId: string;
  redirectUri: string;
  state: string;
  codeChallenge: string;
  scopes?: readonly string[];
}): string => {
  const url = new URL(authorizeEndpointFor(args.apiUrl));
  url.searchParams.set('client_id', args.clientId);
  url.searchParams.set('user_scope', (args.scopes ?? ADMIT_USER_SCOPES).join(','));
  url.searchParams.set('redirect_uri', args.redirectUri);
  url.searchParams.set('state', args.state);
  url.searchParams.set('code_challenge', args.codeChallenge);
  url.searchParams.set('code_challenge_method', 'S256');
  return url.href;
};

const ORG_INSTALL_HELP =
  'Admit needs a token for the whole Enterprise Grid org, but Slack issued one for a single workspace. ' +
  'An Org Owner or Org Admin must enable org-wide installation for the Admit app (app settings → ' +
  'Org Level Apps), install it on the organization (not a workspace) from the org dashboard, ' +
  'and then sign in again choosing the organization.';

/** Rejects anything but an org-level install; both oauth.v2.access and auth.test must agree. */
export const assertOrgInstall = (grant: UserGrant, identity: AuthTest): string => {
  const enterpriseId = identity.enterprise_id ?? '';
  if (
    !grant.isEnterpriseInstall ||
    !grant.enterpriseId ||
    identity.is_enterprise_install !== true ||
    !enterpriseId ||
    enterpriseId !== grant.enterpriseId
  ) {
    throw new AdmitError('slack_permission', ORG_INSTALL_HELP);
  }
  return enterpriseId;
};

/** Rejects an org that managed policy does not allow. */
export const assertAllowedOrg = (enterpriseId: string, allowed: readonly string[] | undefined): void => {
  if (allowed && allowed.length > 0 && !allowed.includes(enterpriseId)) {
    throw new AdmitError(
      'policy',
      `Your organization's policy does not allow Admit to manage org ${enterpriseId}.`,
    );
  }
};

/** Admit's scopes missing from what Slack says it granted; `null` (Slack did not say) is never "missing". */
export const missingAdmitScopes = (granted: readonly string[] | null): string[] =>
  granted === null ? [] : ADMIT_USER_SCOPES.filter((s) => !granted.includes(s));

/** A sign-in whose token lacks some of Admit's scopes; shown before the inbox opens. */
export class MissingScopesError extends AdmitError {
  readonly missing: readonly string[];
  constructor(missing: readonly string[], fix: string) {
    super('slack_permission', `Slack did not grant Admit ${missing.join(', ')}. ${fix}`);
    this.name = 'MissingScopesError';
    this.missing = missing;
  }
}

/** Rejects a grant missing one of Admit's scopes (when Slack lists them). */
const assertScopes = (grant: UserGrant): void => {
  if (grant.scopes.length === 0) return;
  const missing = missingAdmitScopes(grant.scopes);
  if (missing.length > 0) {
    throw new MissingScopesError(
      missing,
      'Sign in again as an Org Owner or Org Admin and allow every permission.',
    );
  }
};

/** The exact redirect URLs the Slack app must list: one per port the receiver may use (see loopback.ts). */
export const redirectUrlsFor = (ports: readonly number[]): string[] =>
  ports.map((port) => `http://localhost:${port}/callback`);

/** The table's bad_redirect_uri message, with the exact URLs for this install's ports. */
const withRedirectUrls = (error: unknown, ports: readonly number[]): unknown => {
  if (!(error instanceof SlackApiError) || error.code !== 'bad_redirect_uri') return error;
  const urls = redirectUrlsFor(ports).join(', ');
  return new SlackApiError(
    'bad_redirect_uri',
    error.method,
    { cause: error },
    `Slack did not accept Admit's redirect URL. In the Slack app's OAuth & Permissions page, add each of these Redirect URLs exactly: ${urls}. Then sign in again.`,
  );
};

/** Turns a verified grant into what the vault stores. */
export const credentialsFrom = (
  grant: UserGrant,
  identity: AuthTest,
  enterpriseId: string,
  now: number,
): OrgCredentials => ({
  enterpriseId,
  enterpriseName: grant.enterpriseName || identity.team,
  accessToken: grant.accessToken,
  ...(grant.refreshToken
    ? { refreshToken: grant.refreshToken, refreshExpiresAt: now + REFRESH_TOKEN_LIFETIME_MS }
    : {}),
  ...(grant.expiresInSeconds !== undefined ? { expiresAt: now + grant.expiresInSeconds * 1000 } : {}),
  user: { id: identity.user_id || grant.userId, name: identity.user },
  scopes: grant.scopes,
});

/** Runs one interactive sign-in and returns verified org-level credentials (not yet stored). */
export const signInWithSlack = async (options: SignInOptions): Promise<OrgCredentials> => {
  if (options.signal?.aborted) throw new AdmitError('not_signed_in', 'Sign-in was cancelled.');
  const pkce = createPkcePair();
  const state = createOAuthState();
  const receiver = await startLoopbackReceiver({
    state,
    ...(options.ports ? { ports: options.ports } : {}),
    ...(options.hosts ? { hosts: options.hosts } : {}),
    ...(options.timeoutMs !== undefined ? { timeoutMs: options.timeoutMs } : {}),
  });
  const onAbort = (): void => receiver.cancel();
  options.signal?.addEventListener('abort', onAbort, { once: true });
  try {
    const authorizeUrl = buildAuthorizeUrl({
      apiUrl: options.apiUrl,
      clientId: options.clientId,
      redirectUri: receiver.redirectUri,
      state,
      codeChallenge: pkce.challenge,
    });
    options.onAuthorizeUrl?.(authorizeUrl);
    await options.openUrl(authorizeUrl);
    const { code } = await receiver.result;
    const http = { apiUrl: options.apiUrl, ...(options.fetch ? { fetch: options.fetch } : {}) };
    const grant = await exchangeCode(http, {
      clientId: options.clientId,
      code,
      codeVerifier: pkce.verifier,
      redirectUri: receiver.redirectUri,
    }).catch((error: unknown) => {
      throw withRedirectUrls(error, options.ports ?? DEFAULT_REDIRECT_PORTS);
    });
    try {
      const identity = await authTest(http, grant.accessToken);
      const enterpriseId = assertOrgInstall(grant, identity);
      assertAllowedOrg(enterpriseId, options.allowedEnterpriseIds);
      assertScopes(grant);
      return credentialsFrom(grant, identity, enterpriseId, (options.now ?? Date.now)());
    } catch (err) {
      await revokeQuietly(http, grant.accessToken); // a token Admit will not keep should not stay valid
      throw err;
    }
  } finally {
    options.signal?.removeEventListener('abort', onAbort);
    receiver.cancel();
  }
};
