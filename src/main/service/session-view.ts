/** What the connect screen and the header show about the session: accounts, storage, problems. */
import type { SessionState, SignInOptionsView } from '../../shared/view-types';
import type { AccountDeps } from './account-deps';
import type { OrgActivation } from './org-activation';

/** The sign-in choices, the vault's accounts and every problem worth telling before sign-in. */
export const signInOptions = async (deps: AccountDeps, orgs: OrgActivation): Promise<SignInOptionsView> => {
  const vaultStatus = deps.vault.status();
  const stored = await deps.vault.list();
  const openProblem = orgs.openProblem();
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
      ...(orgs.current()?.org.problems() ?? []),
      ...(openProblem ? [openProblem] : []),
    ],
  };
};

/** The session as the renderer sees it: signed in to an org, or signed out. */
export const sessionState = async (deps: AccountDeps, orgs: OrgActivation): Promise<SessionState> => {
  const active = orgs.current();
  return active
    ? { status: 'signed_in', account: active.account, ...(await signInOptions(deps, orgs)) }
    : { status: 'signed_out', ...(await signInOptions(deps, orgs)) };
};
