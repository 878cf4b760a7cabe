/**
 * The service behind the contract: one handler per channel, used unchanged by the Electron host
 * and the browser host. It owns the session and every Slack call; the renderer only ever gets
 * view models through the handlers and events below.
 */
import type { EventSink, Handlers } from '../../shared/contract';
import { AdmitError, ok } from '../../shared/result';
import type { AppRequest } from '../../shared/slack-types';
import type { AccountSummary, SessionState, SyncStatus } from '../../shared/view-types';
import { toDetail, toSummary } from '../inbox/summary';
import { createSlackAdminClient, type SlackAdminClient } from '../slack';

/** Starts a Slack simulator with the demo org; the service signs into it. */
export type DemoLauncher = () => Promise<{ apiUrl: string; token: string; close(): Promise<void> }>;

export type ServiceDeps = {
  /** Slack Web API base, e.g. https://slack.com/api/ */
  apiUrl: string;
  /** The host's fetch (Electron passes net.fetch for the system proxy and certificate store). */
  fetch?: typeof fetch;
  emit: EventSink;
  launchDemo?: DemoLauncher;
};

type Session = {
  account: AccountSummary;
  client: SlackAdminClient;
  requests: Map<string, AppRequest>;
  order: string[]; // request ids, oldest first
  closeDemo?: () => Promise<void>;
};

export type AdmitService = { handlers: Handlers; close(): Promise<void> };

/** Creates the service; `close` stops the demo simulator if one runs. */
export const createAdmitService = (deps: ServiceDeps): AdmitService => {
  let session: Session | null = null;
  let sync: SyncStatus = { state: 'idle', lastSyncedAt: null, done: 0 };

  const sessionState = (): SessionState =>
    session
      ? { status: 'signed_in', account: session.account }
      : { status: 'signed_out', demoAvailable: deps.launchDemo !== undefined };

  const requireSession = (): Session => {
    if (!session) throw new AdmitError('not_signed_in', 'Sign in to an Enterprise org first.');
    return session;
  };

  const setSync = (next: SyncStatus): void => {
    sync = next;
    deps.emit('sync:progress', sync);
  };

  const refresh = async (s: Session): Promise<SyncStatus> => {
    setSync({ ...sync, state: 'syncing', done: 0 });
    try {
      let done = 0;
      const onPage = (): void => setSync({ ...sync, state: 'syncing', done: ++done });
      const teams = await s.client.listTeams(onPage);
      const targets = [...teams.map((t) => ({ team_id: t.id })), { enterprise_id: s.account.enterpriseId }];
      const all: AppRequest[] = [];
      for (const target of targets) all.push(...(await s.client.listRequests(target, onPage)));
      all.sort((a, b) => a.date_created - b.date_created || a.id.localeCompare(b.id));
      s.requests = new Map(all.map((r) => [r.id, r]));
      s.order = all.map((r) => r.id);
      setSync({ state: 'idle', lastSyncedAt: Date.now(), done });
      deps.emit('inbox:changed', { total: s.order.length });
    } catch (error) {
      setSync({ ...sync, state: 'error', error: error instanceof Error ? error.message : String(error) });
      throw error;
    }
    return sync;
  };

  const signIn = async (apiUrl: string, token: string, isDemo: boolean): Promise<Session> => {
    const client = createSlackAdminClient({ token, apiUrl, orgId: 'pending', fetch: deps.fetch });
    const auth = await client.authTest();
    if (!auth.enterprise_id || !auth.is_enterprise_install) {
      throw new AdmitError(
        'slack_permission',
        'This token is not an org-level install. Install your Slack app on the whole Enterprise org (not one workspace) and use that token.',
      );
    }
    const orgClient = createSlackAdminClient({ token, apiUrl, orgId: auth.enterprise_id, fetch: deps.fetch });
    return {
      account: {
        enterpriseId: auth.enterprise_id,
        enterpriseName: auth.team,
        userName: auth.user,
        isDemo,
        tokenStorage: 'memory',
      },
      client: orgClient,
      requests: new Map(),
      order: [],
    };
  };

  const replaceSession = async (next: Session | null): Promise<void> => {
    const previous = session;
    session = next;
    await previous?.closeDemo?.();
    deps.emit('session:changed', sessionState());
  };

  const handlers: Handlers = {
    'session:get': async () => ok(sessionState()),
    'session:connectDemo': async () => {
      if (!deps.launchDemo) throw new AdmitError('policy', 'The demo org is not offered here.');
      const demo = await deps.launchDemo();
      try {
        const next = await signIn(demo.apiUrl, demo.token, true);
        next.closeDemo = demo.close;
        await replaceSession(next);
        await refresh(next);
      } catch (error) {
        await demo.close();
        throw error;
      }
      return ok(sessionState());
    },
    'session:connectToken': async ({ token }) => {
      const next = await signIn(deps.apiUrl, token, false);
      await replaceSession(next);
      await refresh(next);
      return ok(sessionState());
    },
    'session:signOut': async () => {
      await replaceSession(null);
      return ok(sessionState());
    },
    'inbox:list': async ({ offset, limit }) => {
      const s = requireSession();
      const items = s.order.slice(offset, offset + limit).flatMap((id) => {
        const r = s.requests.get(id);
        return r ? [toSummary(r)] : [];
      });
      return ok({ total: s.order.length, offset, items });
    },
    'inbox:get': async ({ id }) => {
      const request = requireSession().requests.get(id);
      if (!request) throw new AdmitError('not_found', `No pending request ${id} in the inbox.`);
      return ok(toDetail(request));
    },
    'inbox:refresh': async () => ok(await refresh(requireSession())),
  };

  return { handlers, close: () => replaceSession(null) };
};
