/**
 * The one active org: `activate` closes the current one, then opens the given org's session (store,
 * queue, sync) with its clients. Only one org is active at a time.
 */
import path from 'node:path';
import { AdmitError } from '../../shared/result';
import type { AccountSummary, SessionState } from '../../shared/view-types';
import type { OrgCredentials } from '../auth';
import type { SlackAdminClient } from '../slack';
import type { AccountDeps } from './account-deps';
import { createOrgClients, type OrgClients } from './org-clients';
import { openOrgStoreInSteps } from '../store/org-store';
import { openOrgSession, type OrgSession } from './org-session';

/** The signed-in org. */
export type ActiveOrg = {
  account: AccountSummary;
  org: OrgSession;
  client: SlackAdminClient;
  /** With a rotating token, once the session has closed: a refresh under way lands in the vault first. */
  closeTokens?: () => Promise<void>;
  closeDemo?: () => Promise<void>;
};

/** The demo org's simulator, as far as activation needs it. */
export type DemoOrg = { apiUrl: string; close(): Promise<void> };

/** Where an org's local data lives (the demo's in `orgs/demo/`). */
export const orgDir = (dataDir: string, enterpriseId: string, demo: boolean): string =>
  path.join(dataDir, 'orgs', demo ? 'demo' : enterpriseId);

/** Opens an org's session: its store a step at a time, then its queue, sync and monitor. */
const openOrg = async (
  deps: AccountDeps,
  announce: () => Promise<SessionState>,
  credentials: OrgCredentials,
  clients: OrgClients,
  demo?: DemoOrg,
): Promise<OrgSession> => {
  const dir = orgDir(deps.dataDir, credentials.enterpriseId, demo !== undefined);
  // Opened a step at a time, so signing in leaves the window's requests a turn between the steps.
  const opened = await openOrgStoreInSteps(dir);
  try {
    return openOrgSession({
      dir,
      opened,
      enterpriseId: credentials.enterpriseId,
      client: clients.client,
      sendClient: clients.sendClient,
      limiter: deps.limiter,
      actor: { id: credentials.user.id, name: credentials.user.name },
      emit: deps.emit,
      syncIntervalMs: deps.syncIntervalMs,
      onProblems: () => void announce(),
      onNewRequests: deps.onNewRequests,
      logger: deps.logger,
      listWorker: deps.listWorker,
      icons: { fetch: deps.fetch, apiUrl: demo?.apiUrl ?? deps.apiUrl },
    });
  } catch (error) {
    opened.store.close(); // the session never started: its store is not left open
    throw error;
  }
};

/** Creates the holder of the active org; `announce` tells the renderer the session changed. */
export const createOrgActivation = (deps: AccountDeps, announce: () => Promise<SessionState>) => {
  let active: ActiveOrg | null = null;
  /** Why the org's local data could not be opened (newer build, read-only folder, full disk). */
  let openProblem: string | null = null;

  // One activation or deactivation at a time: opening a store takes several turns of the event loop,
  // and two sign-ins interleaved there would open the same org twice and leave one session running.
  let turn: Promise<unknown> = Promise.resolve();
  const inTurn = <T>(fn: () => Promise<T>): Promise<T> => {
    const run = turn.then(fn);
    turn = run.catch(() => undefined);
    return run;
  };

  const deactivateNow = async (): Promise<void> => {
    const previous = active;
    active = null;
    if (!previous) return;
    try {
      await previous.org.close();
    } finally {
      // After the session: its queue's last sends and its reads may still refresh the token.
      await previous.closeTokens?.();
    }
    await previous.closeDemo?.();
  };

  const activateNow = async (credentials: OrgCredentials, demo?: DemoOrg): Promise<void> => {
    await deactivateNow();
    const clients = createOrgClients(deps, credentials, demo);
    let org: OrgSession;
    try {
      org = await openOrg(deps, announce, credentials, clients, demo);
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
      client: clients.client,
      closeTokens: clients.closeTokens,
      closeDemo: demo?.close,
    };
    if (!demo) deps.lastOrg.set(credentials.enterpriseId);
    // The inbox opens from the cache at once; Slack is read in the background.
    void org
      .sync()
      .catch((error: unknown) =>
        deps.logger?.warn('sync.failed', { enterpriseId: credentials.enterpriseId, reason: 'first', error }),
      );
  };

  return {
    /** Closes the active org (if any) and opens this one; resolves with the session the window shows. */
    activate: async (credentials: OrgCredentials, demo?: DemoOrg): Promise<SessionState> => {
      await inTurn(() => activateNow(credentials, demo));
      return announce();
    },
    deactivate: (): Promise<void> => inTurn(deactivateNow),
    /** The active org, or null when signed out. */
    current: (): ActiveOrg | null => active,
    /** The active org; signed out is a `not_signed_in` error. */
    require: (): ActiveOrg => {
      if (!active) throw new AdmitError('not_signed_in', 'Sign in to an Enterprise org first.');
      return active;
    },
    /** Why the last org could not be opened, until one opens. */
    openProblem: (): string | null => openProblem,
  };
};

/** The holder of the active org. */
export type OrgActivation = ReturnType<typeof createOrgActivation>;
