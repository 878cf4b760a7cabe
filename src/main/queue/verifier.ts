/**
 * Decides from Slack's current state whether an action took effect. Used after a crash left an
 * action `sending`, and after Slack answered with a conflict or an uncertain error.
 */
import type { AppRequest, ResolvedApp } from '../../shared/slack-types';
import { targetId, type Action, type Target } from '../../shared/actions';
import type { ActionVerifier, VerifyResult } from './queue-ports';

/** Slack's wire form of a target; the real SlackAdminClient accepts exactly this. */
export type SlackTargetArg = { team_id: string } | { enterprise_id: string };

/** The read calls the verifier needs (a subset of SlackAdminClient). */
export type VerifySlackPort = {
  listRequests(target: SlackTargetArg): Promise<AppRequest[]>;
  listApproved(target: SlackTargetArg): Promise<ResolvedApp[]>;
  listRestricted(target: SlackTargetArg): Promise<ResolvedApp[]>;
};

/** Converts a queue target to Slack's wire form. */
export const toSlackTarget = (target: Target): SlackTargetArg =>
  'teamId' in target ? { team_id: target.teamId } : { enterprise_id: target.enterpriseId };

type Resolution = 'approved' | 'restricted' | 'none';

const resolutionOf = async (slack: VerifySlackPort, target: Target, appId: string): Promise<Resolution> => {
  const wire = toSlackTarget(target);
  const [approved, restricted] = await Promise.all([slack.listApproved(wire), slack.listRestricted(wire)]);
  if (approved.some((r) => r.app.id === appId)) return 'approved';
  if (restricted.some((r) => r.app.id === appId)) return 'restricted';
  return 'none';
};

const isPending = async (slack: VerifySlackPort, target: Target, requestId: string): Promise<boolean> =>
  (await slack.listRequests(toSlackTarget(target))).some((r) => r.id === requestId);

const describe = (r: Resolution): string => (r === 'none' ? 'neither approved nor restricted' : r);

/**
 * Builds an ActionVerifier over Slack's list methods. For approve/restrict: a request still
 * pending means not applied; the app now carrying the intended resolution means applied; any other
 * resolution is a conflict naming what Slack shows. Uninstall cannot be read back from these lists
 * and is idempotent at Slack, so it reports not_applied (the queue then sends it again).
 */
export const createVerifier =
  (slack: VerifySlackPort): ActionVerifier =>
  async (action: Action): Promise<VerifyResult> => {
    const where = action.kind === 'uninstall' ? '' : ` at ${targetId(action.target)}`;
    switch (action.kind) {
      case 'approve':
      case 'restrict': {
        const intended: Resolution = action.kind === 'approve' ? 'approved' : 'restricted';
        if (action.requestId && (await isPending(slack, action.target, action.requestId))) {
          return { status: 'not_applied', description: `request ${action.requestId} is still pending` };
        }
        const now = await resolutionOf(slack, action.target, action.appId);
        if (now === intended)
          return { status: 'applied', description: `app ${action.appId} is ${now}${where}` };
        if (!action.requestId) {
          return { status: 'not_applied', description: `app ${action.appId} is ${describe(now)}${where}` };
        }
        return {
          status: 'conflict',
          description: `request ${action.requestId} was resolved elsewhere: app ${action.appId} is ${describe(now)}${where}`,
        };
      }
      case 'cancel':
        if (await isPending(slack, action.target, action.requestId)) {
          return { status: 'not_applied', description: `request ${action.requestId} is still pending` };
        }
        return { status: 'applied', description: `request ${action.requestId} is no longer pending${where}` };
      case 'clearResolution': {
        const now = await resolutionOf(slack, action.target, action.appId);
        if (now === 'none')
          return { status: 'applied', description: `app ${action.appId} has no resolution${where}` };
        return { status: 'not_applied', description: `app ${action.appId} is still ${now}${where}` };
      }
      case 'uninstall':
        return {
          status: 'not_applied',
          description: 'uninstall cannot be confirmed from Slack; it is safe to resend',
        };
    }
  };
