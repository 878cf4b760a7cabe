/**
 * Sign-in and the signed-in org: OAuth (auth/sign-in-flow.ts), token paste and the demo org
 * (demo-org.ts) all end in `activate` (org-activation.ts), which opens that org's session (store,
 * queue, sync) with a client whose token comes from the vault's credentials. Only one org is active
 * at a time; switching closes the other one first.
 */
import { AdmitError } from '../../shared/result';
import type { SessionState } from '../../shared/view-types';
import { createSignInFlow, identifyToken, type OrgCredentials } from '../auth';
import type { AccountDeps } from './account-deps';
import { connectDemo } from './demo-org';
import { createOrgActivation } from './org-activation';
import type { OrgSession } from './org-session';
import { sessionState } from './session-view';
import { signOut } from './sign-out';

export type { AccountDeps, DemoLauncher } from './account-deps';

/** Creates the account manager. */
export const createAccounts = (deps: AccountDeps) => {
  const state = (): Promise<SessionState> => sessionState(deps, orgs);
  const announce = async (): Promise<SessionState> => {
    const s = await state();
    deps.emit('session:changed', s);
    return s;
  };
  const orgs = createOrgActivation(deps, announce);
  const identify = (token: string, apiUrl: string): Promise<OrgCredentials> =>
    identifyToken(
      { fetch: deps.fetch, limiter: deps.limiter, allowedEnterpriseIds: deps.oauth.allowedEnterpriseIds },
      token,
      apiUrl,
    );
  const signIn = createSignInFlow({
    ...deps,
    onSignedIn: async (credentials) => {
      await deps.vault.save(credentials);
      await orgs.activate(credentials);
    },
  });

  return {
    state,
    requireOrg: (): OrgSession => orgs.require().org,
    connectDemo: (): Promise<SessionState> => connectDemo(deps, orgs, identify, orgs.activate),
    connectToken: async (token: string): Promise<SessionState> => {
      const credentials = await identify(token, deps.apiUrl);
      await deps.vault.save(credentials);
      return orgs.activate(credentials);
    },
    signIn: signIn.start,
    cancelSignIn: signIn.cancel,
    /** Reopens the last org at launch, from its cache, when its credentials are still readable. */
    restore: async (): Promise<SessionState> => {
      const accounts = await deps.vault.list();
      const id = deps.lastOrg.get() ?? accounts[0]?.enterpriseId;
      const credentials = id ? await deps.vault.load(id) : null;
      return credentials ? orgs.activate(credentials) : state();
    },
    switchTo: async (enterpriseId: string): Promise<SessionState> => {
      const credentials = await deps.vault.load(enterpriseId);
      if (!credentials)
        throw new AdmitError('not_signed_in', `No usable credentials for ${enterpriseId}: sign in again.`);
      return orgs.activate(credentials);
    },
    signOut: (force: boolean) => signOut(deps, orgs, force, announce),
    /** Closes the active org, then waits for the vault's writes under way (a sign-in's, a rotated token's). */
    close: async (): Promise<void> => {
      signIn.cancel();
      await orgs.deactivate();
      await deps.vault.settled();
    },
  };
};
