/** Signing out of the active org: its token revoked, its local data and its vault entry removed. */
import { rm } from 'node:fs/promises';
import type { SignOutResult } from '../../shared/view-types';
import type { AccountDeps } from './account-deps';
import { orgDir, type OrgActivation } from './org-activation';

/** Signs out unless decisions are unsent and `force` is false; then it names them instead. */
export const signOut = async (
  deps: AccountDeps,
  orgs: OrgActivation,
  force: boolean,
  announce: () => Promise<unknown>,
): Promise<SignOutResult> => {
  const current = orgs.require();
  const unsent = current.org.queueView().actions.filter((a) => a.state !== 'done');
  if (unsent.length > 0 && !force) return { signedOut: false, unsent };
  if (!current.account.isDemo) {
    await current.client
      .authRevoke()
      .catch((error: unknown) =>
        deps.logger?.warn('session.revoke_failed', { enterpriseId: current.account.enterpriseId, error }),
      );
  }
  await orgs.deactivate();
  await rm(orgDir(deps.dataDir, current.account.enterpriseId, current.account.isDemo), {
    recursive: true,
    force: true,
  });
  if (!current.account.isDemo) {
    await deps.vault.remove(current.account.enterpriseId);
    deps.lastOrg.set(null);
  }
  await announce();
  return { signedOut: true, unsent };
};
