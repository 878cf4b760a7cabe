/**
 * The interactive "Sign in with Slack" as the service runs it: at most one sign-in at a time (a new
 * one cancels the old), the authorize URL handed back as soon as the loopback receiver listens, and
 * the outcome told later as `session:signInFinished`, since the browser may take minutes.
 */
import type { EventSink } from '../../shared/contract';
import { AdmitError } from '../../shared/result';
import type { OrgCredentials } from './credentials';
import { signInWithSlack } from './oauth';

export type SignInFlowDeps = {
  apiUrl: string;
  fetch?: typeof fetch;
  emit: EventSink;
  oauth: { clientId: string | null; redirectPorts: number[]; allowedEnterpriseIds: string[] };
  /** Opens the system browser; absent in the browser host, where the page opens the URL itself. */
  openUrl?: (url: string) => Promise<void>;
  /** Stores and opens the org a sign-in ended with (before `session:signInFinished`). */
  onSignedIn: (credentials: OrgCredentials) => Promise<void>;
};

/** A sign-in's start: the URL to open (or offer to copy) and whether Admit opened it itself. */
export type SignInStart = { authorizeUrl: string; opened: boolean };

/** Creates the sign-in flow; `start` cancels one already under way. */
export const createSignInFlow = (deps: SignInFlowDeps) => {
  let signIn: AbortController | null = null;

  const start = async (): Promise<SignInStart> => {
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
    // Not awaited: the caller gets the URL now; the outcome arrives as session:signInFinished.
    void flow
      .then(async (credentials) => {
        await deps.onSignedIn(credentials);
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
  };

  /** Cancels the sign-in under way (closing its port); false when there is none. */
  const cancel = (): boolean => {
    if (!signIn) return false;
    signIn.abort();
    signIn = null;
    return true;
  };

  return { start, cancel };
};

/** The service's sign-in flow. */
export type SignInFlow = ReturnType<typeof createSignInFlow>;
