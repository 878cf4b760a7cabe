/**
 * Sign-in and the signed-in org: OAuth, token paste and the demo org all end in `activate`, which
 * opens that org's session (store, queue, sync) with a client whose token comes from the vault's
 * credentials. Only one org is active at a time; switching closes the other one first.
 */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '../log';
import type { EventSink } from '../../shared/contract';
import { AdmitError } from '../../shared/result';
import type {
  AccountSummary,
  RequestSummary,
  SessionState,
  SignInOptionsView,
  SignOutResult,
} from '../../shared/view-types';
import {
  createTokenManager,
  signInWithSlack,
  type OrgCredentials,
  type TokenManager,
  type Vault,
} from '../auth';
import { missingAdmitScopes, MissingScopesError } from '../auth/oauth';
import { withFreshTokenRetry } from '../auth/token-manager';
import { createSlackAdminClient, type RateLimiter, type SlackAdminClient } from '../slack';
import type { ListWorker } from '../slack/list-worker-port';
import { isDatabaseInUse, ORG_DB_FILE } from '../store/org-store';
import { openOrgSession, type OrgSession } from './org-session';

/** Starts a Slack simulator with the demo org; the service signs into it. */
export type DemoLauncher = () => Promise<{ apiUrl: string; token: string; close(): Promise<void> }>;

export type AccountDeps = {
  dataDir: string;
  apiUrl: string;
  fetch?: typeof fetch;
  /** Where inbox syncs read and store their pages (see sync/worker/). */
  listWorker?: ListWorker;
  emit: EventSink;
  vault: Vault;
  limiter: RateLimiter;
  launchDemo?: DemoLauncher;
  /** Opens the system browser; absent in the browser host, where the page opens the URL itself. */
  openUrl?: (url: string) => Promise<void>;
  oauth: { clientId: string | null; redirectPorts: number[]; allowedEnterpriseIds: string[] };
  /** Remembers which org to reopen at the next launch. */
  lastOrg: { get(): string | null; set(enterpriseId: string | null): void };
  problems: () => string[];
  syncIntervalMs?: number;
  /** Told of the requests a sync brought to an org's cache (not its first sync). */
  onNewRequests?: (added: RequestSummary[]) => void;
  /** How long one Slack call may take before it counts as a network failure (default 30 s). */
  slackTimeoutMs?: number;
  /** Where background failures go (redacted). */
  logger?: Logger;
};

type Active = {
  account: AccountSummary;
  org: OrgSession;
  client: SlackAdminClient;
  closeDemo?: () => Promise<void>;
};

/** Creates the account manager. */
export const createAccounts = (deps: AccountDeps) => {
  let active: Active | null = null;
  let signIn: AbortController | null = null;
  /** Why the org's local data could not be opened (newer build, read-only folder, full disk). */
  let openProblem: string | null = null;

  const orgDir = (enterpriseId: string, demo: boolean): string =>
    path.join(deps.dataDir, 'orgs', demo ? 'demo' : enterpriseId);

  const options = async (): Promise<SignInOptionsView> => {
    const vaultStatus = deps.vault.status();
    const stored = await deps.vault.list();
    return {
      demoAvailable: deps.launchDemo !== undefined,
      oauthAvailable: deps.oauth.clientId !== null,
      accounts: stored.map((a) => ({
        enterpriseId: a.enterpriseId,
        enterpriseName: a.enterpriseName,
        userName: a.userName,
        isDemo: false,
        tokenStorage: a.storage,
      })),
      tokenStorage: vaultStatus.storage,
      storageNote: vaultStatus.reason ?? null,
      problems: [
        ...deps.problems(),
        ...deps.vault.problems(),
        // A recovered database, a full disk; or why the last org could not be opened at all.
        ...(active?.org.problems() ?? []),
        ...(openProblem ? [openProblem] : []),
      ],
    };
  };

  const state = async (): Promise<SessionState> =>
    active
      ? { status: 'signed_in', account: active.account, ...(await options()) }
      : { status: 'signed_out', ...(await options()) };

  const announce = async (): Promise<SessionState> => {
    const s = await state();
    deps.emit('session:changed', s);
    return s;
  };

  const deactivate = async (): Promise<void> => {
    const previous = active;
    active = null;
    if (!previous) return;
    await previous.org.close();
    await previous.closeDemo?.();
  };

  /**
   * A rotating token's manager: the client asks it for a token before each call, and its failures are
   * already classified (a dead refresh token is `reauth`, so the queue pauses for sign-in).
   */
  const tokenManager = (credentials: OrgCredentials): TokenManager | null =>
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

  const activate = async (
    credentials: OrgCredentials,
    demo?: { apiUrl: string; close(): Promise<void> },
  ): Promise<SessionState> => {
    await deactivate();
    const tokens = demo ? null : tokenManager(credentials);
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
    let org: OrgSession;
    try {
      org = openOrgSession({
        dir: orgDir(credentials.enterpriseId, demo !== undefined),
        enterpriseId: credentials.enterpriseId,
        client,
        sendClient,
        limiter: deps.limiter,
        actor: { id: credentials.user.id, name: credentials.user.name },
        emit: deps.emit,
        syncIntervalMs: deps.syncIntervalMs,
        icons: { fetch: deps.fetch, apiUrl: clientOptions.apiUrl },
        onProblems: () => void announce(),
        onNewRequests: deps.onNewRequests,
        logger: deps.logger,
        listWorker: deps.listWorker,
      });
    } catch (error) {
      // Kept for the connect screen too: at launch (restore) nobody else hears this error.
      openProblem = error instanceof Error ? error.message : String(error);
      void announce();
      throw error;
    }
    openProblem = null;
    active = {
      account: {
        enterpriseId: credentials.enterpriseId,
        enterpriseName: credentials.enterpriseName,
        userName: credentials.user.name,
        isDemo: demo !== undefined,
        tokenStorage: demo ? 'memory' : deps.vault.status().storage,
      },
      org,
      client,
      closeDemo: demo?.close,
    };
    if (!demo) deps.lastOrg.set(credentials.enterpriseId);
    // The inbox opens from the cache at once; Slack is read in the background.
    void org
      .sync()
      .catch((error: unknown) =>
        deps.logger?.warn('sync.failed', { enterpriseId: credentials.enterpriseId, reason: 'first', error }),
      );
    return announce();
  };

  /**
   * auth.test on a token: it must be an org-level install of an allowed org with Admit's scopes, read
   * from Slack's `x-oauth-scopes` header (`grantedScopes`). When Slack sent no header (`null`) the
   * scopes are unknown, not missing: the token is accepted, and a missing one shows as `missing_scope`
   * on the first call that needs it.
   */
  const identify = async (token: string, apiUrl: string): Promise<OrgCredentials> => {
    const probe = createSlackAdminClient({
      token,
      apiUrl,
      orgId: 'sign-in',
      fetch: deps.fetch,
      limiter: deps.limiter,
    });
    const auth = await probe.authTest();
    if (!auth.enterprise_id || !auth.is_enterprise_install) {
      throw new AdmitError(
        'slack_permission',
        'This token belongs to one workspace, not to an Enterprise org. Ask an org owner or admin to install your Slack app on the whole org (org-level install), then use the token of that install.',
      );
    }
    const allowed = deps.oauth.allowedEnterpriseIds;
    if (allowed.length > 0 && !allowed.includes(auth.enterprise_id)) {
      throw new AdmitError(
        'policy',
        `Your organization's policy does not allow Admit to manage org ${auth.enterprise_id}.`,
      );
    }
    const granted = auth.grantedScopes?.filter(Boolean) ?? null;
    const missing = missingAdmitScopes(granted);
    if (missing.length > 0) {
      throw new MissingScopesError(
        missing,
        "Add them as User Token Scopes in the Slack app's OAuth & Permissions page, reinstall the app on the org, and use the new token.",
      );
    }
    return {
      enterpriseId: auth.enterprise_id,
      enterpriseName: auth.team,
      accessToken: token,
      user: { id: auth.user_id, name: auth.user },
      scopes: granted ?? [],
    };
  };

  /**
   * The demo never deletes a database another process has open (an Admit that did not take the data
   * folder's lock, e.g. an older build): that process's queue would vanish under it.
   */
  const refuseIfInUse = (dir: string): void => {
    if (isDatabaseInUse(path.join(dir, ORG_DB_FILE))) {
      throw new AdmitError(
        'policy',
        `Another Admit process has the demo org open in ${dir}, so Admit did not delete it. Close the other Admit, then start the demo again.`,
      );
    }
  };

  const requireActive = (): Active => {
    if (!active) throw new AdmitError('not_signed_in', 'Sign in to an Enterprise org first.');
    return active;
  };

  return {
    state,
    requireOrg: (): OrgSession => requireActive().org,
    connectDemo: async (): Promise<SessionState> => {
      if (!deps.launchDemo) throw new AdmitError('policy', 'Your organization has turned off the demo org.');
      await deactivate();
      refuseIfInUse(orgDir('', true));
      await rm(orgDir('', true), { recursive: true, force: true }); // every demo starts fresh
      const demo = await deps.launchDemo();
      try {
        return await activate(await identify(demo.token, demo.apiUrl), demo);
      } catch (error) {
        await demo.close();
        throw error;
      }
    },
    connectToken: async (token: string): Promise<SessionState> => {
      const credentials = await identify(token, deps.apiUrl);
      await deps.vault.save(credentials);
      return activate(credentials);
    },
    signIn: async (): Promise<{ authorizeUrl: string; opened: boolean }> => {
      const clientId = deps.oauth.clientId;
      if (!clientId) {
        throw new AdmitError(
          'policy',
          'Sign-in with Slack needs a Slack client ID (managed policy SlackClientId or ADMIT_SLACK_CLIENT_ID). Use a token instead.',
        );
      }
      signIn?.abort();
      const controller = new AbortController();
      signIn = controller;
      let announceUrl: (url: string) => void = () => undefined;
      const url = new Promise<string>((resolve) => (announceUrl = resolve));
      const flow = signInWithSlack({
        apiUrl: deps.apiUrl,
        clientId,
        fetch: deps.fetch,
        ports: deps.oauth.redirectPorts,
        allowedEnterpriseIds: deps.oauth.allowedEnterpriseIds,
        signal: controller.signal,
        openUrl: async (u) => deps.openUrl?.(u),
        onAuthorizeUrl: announceUrl,
      });
      void flow
        .then(async (credentials) => {
          await deps.vault.save(credentials);
          await activate(credentials);
          deps.emit('session:signInFinished', {
            ok: true,
            message: `Signed in to ${credentials.enterpriseName}.`,
          });
        })
        .catch((error: unknown) => {
          const message = error instanceof Error ? error.message : String(error);
          deps.emit('session:signInFinished', { ok: false, message });
        })
        .finally(() => {
          if (signIn === controller) signIn = null;
        });
      const authorizeUrl = await Promise.race([url, flow.then(() => '')]);
      return { authorizeUrl, opened: deps.openUrl !== undefined };
    },
    cancelSignIn: (): boolean => {
      if (!signIn) return false;
      signIn.abort();
      signIn = null;
      return true;
    },
    /** Reopens the last org at launch, from its cache, when its credentials are still readable. */
    restore: async (): Promise<SessionState> => {
      const accounts = await deps.vault.list();
      const id = deps.lastOrg.get() ?? accounts[0]?.enterpriseId;
      const credentials = id ? await deps.vault.load(id) : null;
      return credentials ? activate(credentials) : state();
    },
    switchTo: async (enterpriseId: string): Promise<SessionState> => {
      const credentials = await deps.vault.load(enterpriseId);
      if (!credentials)
        throw new AdmitError('not_signed_in', `No usable credentials for ${enterpriseId}: sign in again.`);
      return activate(credentials);
    },
    signOut: async (force: boolean): Promise<SignOutResult> => {
      const current = requireActive();
      const unsent = current.org.queueView().actions.filter((a) => a.state !== 'done');
      if (unsent.length > 0 && !force) return { signedOut: false, unsent };
      if (!current.account.isDemo) {
        await current.client
          .authRevoke()
          .catch((error: unknown) =>
            deps.logger?.warn('session.revoke_failed', { enterpriseId: current.account.enterpriseId, error }),
          );
      }
      await deactivate();
      await rm(orgDir(current.account.enterpriseId, current.account.isDemo), {
        recursive: true,
        force: true,
      });
      if (!current.account.isDemo) {
        await deps.vault.remove(current.account.enterpriseId);
        deps.lastOrg.set(null);
      }
      await announce();
      return { signedOut: true, unsent };
    },
    close: async (): Promise<void> => {
      signIn?.abort();
      await deactivate();
    },
  };
};
