/** Every Web API method the simulator serves, by Slack method name. */
import { apiTest, authRevoke, authTest } from './auth-methods';
import { approve, cancelRequest, clearResolution, restrict } from './decision-methods';
import { approvedList, requestsList, restrictedList, teamsList } from './list-methods';
import type { MethodDef } from './method-types';
import { uninstall } from './uninstall-method';

/** Method name → handler. */
export const METHODS: Record<string, MethodDef> = {
  'api.test': apiTest,
  'auth.test': authTest,
  'auth.revoke': authRevoke,
  'admin.teams.list': teamsList,
  'admin.apps.requests.list': requestsList,
  'admin.apps.requests.cancel': cancelRequest,
  'admin.apps.approve': approve,
  'admin.apps.restrict': restrict,
  'admin.apps.clearResolution': clearResolution,
  'admin.apps.uninstall': uninstall,
  'admin.apps.approved.list': approvedList,
  'admin.apps.restricted.list': restrictedList,
};
