/** Turns a queued decision into the one Slack call that carries it out. */
import type { Action } from '../../shared/actions';
import { toSlackTarget, type SlackAdminClient } from '../slack';

/** The queue's sender for one org's client. Org-level decisions name the app, never a request. */
export const createActionSender =
  (client: SlackAdminClient) =>
  async (action: Action): Promise<void> => {
    switch (action.kind) {
      case 'approve': {
        const id = action.requestId ? { request_id: action.requestId } : { app_id: action.appId };
        await client.approve({
          ...id,
          ...toSlackTarget(action.target),
          ...(action.botScopes ? { bot_scopes: action.botScopes } : {}),
          ...(action.userScopes ? { user_scopes: action.userScopes } : {}),
        });
        return;
      }
      case 'restrict': {
        const id = action.requestId ? { request_id: action.requestId } : { app_id: action.appId };
        await client.restrict({ ...id, ...toSlackTarget(action.target) });
        return;
      }
      case 'cancel':
        await client.cancelRequest({ request_id: action.requestId, ...toSlackTarget(action.target) });
        return;
      case 'clearResolution':
        await client.clearResolution({ app_id: action.appId, ...toSlackTarget(action.target) });
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
