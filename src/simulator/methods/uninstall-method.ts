/** admin.apps.uninstall: from listed workspaces (team_ids, max 100) or the whole org (enterprise_id). */
import { commaList } from './args';
import { failure, success, type MethodDef } from './method-types';

const MAX_TEAMS = 100;

/** admin.apps.uninstall with Slack's documented argument errors. */
export const uninstall: MethodDef = {
  mutates: true,
  handler: ({ params, state }) => {
    const appId = params.app_id;
    if (!appId) return failure('invalid_arguments');
    const entry = state.apps.get(appId);
    if (!entry) return failure('app_not_found');
    const teamIds = commaList(params.team_ids);
    const enterpriseId = params.enterprise_id;
    if (teamIds.length > 0 === Boolean(enterpriseId)) return failure('specify_enterprise_or_teams');
    if (teamIds.length > MAX_TEAMS) return failure('too_many_teams');
    if (teamIds.some((id) => !state.teams.has(id))) return failure('teams_not_found');
    if (enterpriseId && enterpriseId !== state.org.enterprise.id) return failure('enterprise_not_found');
    if (state.org.protectedAppIds.includes(appId)) return failure('can_not_uninstall');
    // Slack: "Organization-deployed apps cannot be uninstalled from specific workspaces using this API."
    if (entry.orgDeployed && teamIds.length > 0) return failure('must_revoke_access');
    const at = Math.floor(state.now() / 1000);
    state.uninstalls.push(
      enterpriseId
        ? { app_id: appId, enterprise_id: enterpriseId, at }
        : { app_id: appId, team_ids: teamIds, at },
    );
    return success();
  },
};
