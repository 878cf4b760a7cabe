/**
 * The session: what is loaded once signed in (the inbox, the queue, the connection, the settings,
 * the saved decisions), what changes when the session does, and the sign-in and sign-out commands.
 */
import type { AdmitApi } from '../../../shared/contract';
import type { SessionState } from '../../../shared/view-types';
import type { AppStore } from './app-store';
import type { InboxLoader } from './inbox-loader';
import type { Unwrap } from './unwrap';

type SessionDeps = { unwrap: Unwrap; inbox: InboxLoader; loadSaved: () => Promise<void> };

/** Binds loading the signed-in session to the API and the store. */
export const createSessionLoader = (api: AdmitApi, store: AppStore, deps: SessionDeps) => {
  const get = store.getState;
  const { unwrap, inbox } = deps;

  const loadRest = async (): Promise<void> => {
    const [queue, connection, settings] = await Promise.all([
      api.actions.list(),
      api.connection.get(),
      api.settings.get(),
      deps.loadSaved(),
    ]);
    const q = unwrap(queue);
    if (q) get().setQueue(q);
    const c = unwrap(connection);
    if (c) get().setConnection(c);
    const st = unwrap(settings);
    if (st) get().setSettings(st);
  };

  return {
    /** Reads the session, and everything else once signed in. */
    refresh: async (): Promise<void> => {
      const session = unwrap(await api.session.get());
      if (!session) return;
      get().setSession(session);
      if (session.status === 'signed_in') await Promise.all([inbox.load(), loadRest()]);
    },
    /** `session:changed`: signed out empties the inbox; signed in (again, or elsewhere) loads anew. */
    onChanged: (session: SessionState): void => {
      get().setSession(session);
      get().resetInventories();
      if (session.status === 'signed_out') inbox.cancel();
      else void Promise.all([inbox.load(), loadRest()]);
    },
  };
};

/** Binds the sign-in, switch and sign-out commands. */
export const createSessionCommands = (api: AdmitApi, store: AppStore, unwrap: Unwrap) => {
  const get = store.getState;
  return {
    connectDemo: async (): Promise<void> => {
      get().showError(null);
      unwrap(await api.session.connectDemo());
    },
    connectToken: async (token: string): Promise<boolean> => {
      get().showError(null);
      return unwrap(await api.session.connectToken({ token })) !== undefined;
    },
    /**
     * Sign in with Slack. Main opens the system browser in Electron; in the browser host it hands the
     * URL back and the page opens it in a new tab (still within the click's user activation).
     */
    signIn: async (): Promise<boolean> => {
      get().showError(null);
      const started = unwrap(await api.session.signIn());
      if (!started) return false;
      if (!started.opened && started.authorizeUrl) {
        window.open(started.authorizeUrl, '_blank', 'noopener,noreferrer');
      }
      return true;
    },
    cancelSignIn: async (): Promise<void> => {
      unwrap(await api.session.cancelSignIn());
    },
    switchTo: async (enterpriseId: string): Promise<void> => {
      get().showError(null);
      unwrap(await api.session.switch({ enterpriseId }));
    },
    /** Signs out, first showing any unsent actions that signing out would drop. */
    signOut: async (force = false): Promise<void> => {
      get().setOverlay(null);
      const result = unwrap(await api.session.signOut({ force }));
      if (result && !result.signedOut && result.unsent.length > 0) {
        get().setOverlay({ kind: 'signOut', unsent: result.unsent.length });
      }
    },
  };
};
