/** Turns a queued decision into the one Slack call that carries it out. */
import type { Action, Target } from '../../shared/actions';
import type { SlackAdminClient } from '../slack';

const where = (t: Target): { team_id: string } | { enterprise_id: string } =>
  'teamId' in t ? { team_id: t.teamId } : { enterprise_id: t.enterpriseId };

/** The queue's sender for one org's client. Org-level decisions name the app, never a request. */
export const createActionSender =
  (client: SlackAdminClient) =>
  async (action: Action): Promise<void> => {
    switch (action.kind) {
      case 'approve': {
        const id = action.requestId ? { request_id: action.requestId } : { app_id: action.appId };
        await client.approve({
          ...id,
          ...where(action.target),
          ...(action.botScopes ? { bot_scopes: action.botScopes } : {}),
          ...(action.userScopes ? { user_scopes: action.userScopes } : {}),
        });
        return;
      }
      case 'restrict': {
        const id = action.requestId ? { request_id: action.requestId } : { app_id: action.appId };
        await client.restrict({ ...id, ...where(action.target) });
        return;
      }
      case 'cancel':
        await client.cancelRequest({ request_id: action.requestId, ...where(action.target) });
        return;
      case 'clearResolution':
        await client.clearResolution({ app_id: action.appId, ...where(action.target) });
        return;
      case 'uninstall':
        await client.uninstall(
          'teamIds' in action.target
            ? { app_id: action.appId, team_ids: action.target.teamIds }
            : { app_id: action.appId, enterprise_id: action.target.enterpriseId },
        );
        return;
    }
  };
