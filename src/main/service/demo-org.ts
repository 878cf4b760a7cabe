/** The demo org: a fresh simulator and a fresh `orgs/demo/` folder at every start. */
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { AdmitError } from '../../shared/result';
import type { SessionState } from '../../shared/view-types';
import type { OrgCredentials } from '../auth';
import { isDatabaseInUse, ORG_DB_FILE } from '../store/org-store';
import type { AccountDeps } from './account-deps';
import { orgDir, type DemoOrg, type OrgActivation } from './org-activation';

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

/** Closes the active org, wipes the demo's folder, launches the demo simulator and signs into it. */
export const connectDemo = async (
  deps: AccountDeps,
  orgs: OrgActivation,
  identify: (token: string, apiUrl: string) => Promise<OrgCredentials>,
  activate: (credentials: OrgCredentials, demo: DemoOrg) => Promise<SessionState>,
): Promise<SessionState> => {
  if (!deps.launchDemo) throw new AdmitError('policy', 'Your organization has turned off the demo org.');
  await orgs.deactivate();
  const dir = orgDir(deps.dataDir, '', true);
  refuseIfInUse(dir);
  await rm(dir, { recursive: true, force: true }); // every demo starts fresh
  const demo = await deps.launchDemo();
  try {
    return await activate(await identify(demo.token, demo.apiUrl), demo);
  } catch (error) {
    await demo.close();
    throw error;
  }
};
