/**
 * The two Slack clients an org session gets: one for reads (paced by the shared limiter) and one for
 * the queue's sends, both asking a token manager for a fresh token when the org's token rotates.
 */
import { createTokenManager, type OrgCredentials, type TokenManager } from '../auth';
import { withFreshTokenRetry } from '../auth/token-manager';
import { createSlackAdminClient, type SlackAdminClient } from '../slack';
import type { AccountDeps } from './account-deps';

/**
 * A rotating token's manager: the client asks it for a token before each call, and its failures are
 * already classified (a dead refresh token is `reauth`, so the queue pauses for sign-in).
 */
const tokenManager = (deps: AccountDeps, credentials: OrgCredentials): TokenManager | null =>
  credentials.refreshToken && deps.oauth.clientId
    ? createTokenManager({
        vault: deps.vault,
        enterpriseId: credentials.enterpriseId,
        clientId: deps.oauth.clientId,
        apiUrl: deps.apiUrl,
        fetch: deps.fetch,
        initial: credentials,
      })
    : null;

/** An org's two clients, and how to close them once its session has closed. */
export type OrgClients = {
  client: SlackAdminClient;
  sendClient: SlackAdminClient;
  /**
   * With a rotating token, once the org's session has closed: waits for a refresh under way (its new
   * refresh token written to the vault) and starts no more.
   */
  closeTokens?: () => Promise<void>;
};

/** Builds the org's read client and send client; the demo's token never rotates. */
export const createOrgClients = (
  deps: AccountDeps,
  credentials: OrgCredentials,
  demo?: { apiUrl: string },
): OrgClients => {
  const tokens = demo ? null : tokenManager(deps, credentials);
  const clientOptions = {
    token: tokens ? () => tokens.getAccessToken() : credentials.accessToken,
    apiUrl: demo?.apiUrl ?? deps.apiUrl,
    orgId: credentials.enterpriseId,
    fetch: deps.fetch,
    timeoutMs: deps.slackTimeoutMs,
  };
  // A rotating token Slack rejects (token_expired, invalid_auth) gets one refresh and one retry;
  // a second rejection reaches the queue, which pauses for sign-in.
  const rotating = (c: SlackAdminClient): SlackAdminClient => (tokens ? withFreshTokenRetry(c, tokens) : c);
  const client = rotating(
    createSlackAdminClient({ ...clientOptions, limiter: deps.limiter, listWorker: deps.listWorker }),
  );
  // The queue takes its rate-limit slot before marking an action `sending` (so it stays undoable
  // while it waits); its sends must not take a second slot. 429s still pause the shared limiter.
  const sendClient = rotating(
    createSlackAdminClient({
      ...clientOptions,
      limiter: { ...deps.limiter, acquire: async () => undefined },
    }),
  );
  return { client, sendClient, ...(tokens ? { closeTokens: () => tokens.close() } : {}) };
};
