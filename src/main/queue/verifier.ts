/**
 * Decides from Slack's current state whether an action took effect. Used after a crash left an
 * action `sending`, and after Slack answered with a conflict or an uncertain error. Only evidence
 * counts: a resolution dated before the action was queued (`date_updated` is in seconds) does not
 * prove the action applied, and an approval is checked against the scopes it sent.
 */
import type { AppRequest, ResolvedApp, Scope } from '../../shared/models';
import { targetId, type Action, type Target } from '../../shared/actions';
import { toSlackTarget, type SlackTarget } from '../slack/target';
import type { ActionVerifier, VerifyResult } from './queue-ports';

type Listed<T> = { items: T[] };

/** The read calls the verifier needs (a subset of SlackAdminClient). */
export type VerifySlackPort = {
  listRequests(target: SlackTarget): Promise<Listed<AppRequest>>;
  listApproved(target: SlackTarget): Promise<Listed<ResolvedApp>>;
  listRestricted(target: SlackTarget): Promise<Listed<ResolvedApp>>;
};

type Status = 'approved' | 'restricted' | 'none';
/** What Slack shows for an app at one place: its status, since when (seconds; 0 unknown), which scopes. */
type Seen = { status: Status; since: number; scopes: Scope[] };

const resolutionOf = async (slack: VerifySlackPort, target: Target, appId: string): Promise<Seen> => {
  const wire = toSlackTarget(target);
  const [approved, restricted] = await Promise.all([slack.listApproved(wire), slack.listRestricted(wire)]);
  const a = approved.items.find((r) => r.app.id === appId);
  const r = restricted.items.find((x) => x.app.id === appId);
  // Both at once should not happen; the newer one is what holds.
  const pick = a && r ? (a.date_updated >= r.date_updated ? a : r) : (a ?? r);
  if (!pick) return { status: 'none', since: 0, scopes: [] };
  return { status: pick === a ? 'approved' : 'restricted', since: pick.date_updated, scopes: pick.scopes };
};

const isPending = async (slack: VerifySlackPort, target: Target, requestId: string): Promise<boolean> =>
  (await slack.listRequests(toSlackTarget(target))).items.some((r) => r.id === requestId);

const describe = (s: Status): string => (s === 'none' ? 'neither approved nor restricted' : s);
const when = (seconds: number): string =>
  seconds > 0 ? new Date(seconds * 1000).toISOString().replace('.000Z', 'Z') : 'an unknown time';
/** Did this change happen at or after the action was queued? */
const since = (seen: Seen, action: Action): boolean => seen.since >= Math.floor(action.createdAt / 1000);

/** Compares the scopes an approval sent with what Slack shows approved; null when they match. */
const scopeMismatch = (action: Extract<Action, { kind: 'approve' }>, seen: Seen): string | null => {
  const lists = [
    ['bot', action.botScopes],
    ['user', action.userScopes],
  ] as const;
  const problems: string[] = [];
  for (const [type, sent] of lists) {
    if (sent === undefined) continue; // not sent: Slack approves what was requested of that type
    const granted = new Set(seen.scopes.filter((s) => s.token_type === type).map((s) => s.name));
    const wanted = new Set(sent);
    const extra = [...granted].filter((n) => !wanted.has(n));
    const missing = [...wanted].filter((n) => !granted.has(n));
    if (extra.length > 0) problems.push(`${type} scopes beyond what was sent: ${extra.join(', ')}`);
    if (missing.length > 0) problems.push(`${type} scopes missing: ${missing.join(', ')}`);
  }
  return problems.length > 0 ? problems.join('; ') : null;
};

const verifyResolve = async (
  slack: VerifySlackPort,
  action: Extract<Action, { kind: 'approve' | 'restrict' }>,
  orgId: string | null,
): Promise<VerifyResult> => {
  const where = ` at ${targetId(action.target)}`;
  const intended: Status = action.kind === 'approve' ? 'approved' : 'restricted';
  if (action.requestId && (await isPending(slack, action.target, action.requestId))) {
    return { status: 'not_applied', description: `request ${action.requestId} is still pending` };
  }
  const here = await resolutionOf(slack, action.target, action.appId);
  if (here.status === intended && since(here, action)) {
    const mismatch = action.kind === 'approve' ? scopeMismatch(action, here) : null;
    if (mismatch) {
      return {
        status: 'conflict',
        description: `app ${action.appId} is approved${where}, but not with the scopes this action sent (${mismatch})`,
      };
    }
    return { status: 'applied', description: `app ${action.appId} is ${here.status}${where}` };
  }
  if (!action.requestId) {
    // Without a request, sending again is safe: the same decision on the same app at the same place.
    const detail = here.status === intended ? ` since ${when(here.since)}, before this action` : '';
    return {
      status: 'not_applied',
      description: `app ${action.appId} is ${describe(here.status)}${where}${detail}`,
    };
  }
  // The request is gone but nothing shows this action did it: name what Slack shows instead.
  if ('teamId' in action.target && orgId) {
    const org = await resolutionOf(slack, { enterpriseId: orgId }, action.appId);
    if (org.status !== 'none' && since(org, action)) {
      return {
        status: 'conflict',
        description: `request ${action.requestId} was resolved elsewhere: app ${action.appId} was ${org.status} for the whole org at ${when(org.since)}`,
      };
    }
  }
  if (here.status === intended) {
    return {
      status: 'conflict',
      description: `request ${action.requestId} is no longer pending, but Slack shows no sign this action applied: app ${action.appId} has been ${here.status}${where} since ${when(here.since)}, before this action`,
    };
  }
  return {
    status: 'conflict',
    description: `request ${action.requestId} was resolved elsewhere: app ${action.appId} is ${describe(here.status)}${where}`,
  };
};

const verifyCancel = async (
  slack: VerifySlackPort,
  action: Extract<Action, { kind: 'cancel' }>,
  orgId: string | null,
): Promise<VerifyResult> => {
  const where = ` at ${targetId(action.target)}`;
  if (await isPending(slack, action.target, action.requestId)) {
    return { status: 'not_applied', description: `request ${action.requestId} is still pending` };
  }
  if (action.appId) {
    // A cancel leaves no resolution behind; an approval or restriction since it was queued means
    // someone else decided the request.
    const places: Target[] = [action.target];
    if ('teamId' in action.target && orgId) places.push({ enterpriseId: orgId });
    for (const place of places) {
      const seen = await resolutionOf(slack, place, action.appId);
      if (seen.status !== 'none' && since(seen, action)) {
        const at = 'enterpriseId' in place ? ' for the whole org' : ` at ${targetId(place)}`;
        return {
          status: 'conflict',
          description: `request ${action.requestId} was not cancelled: someone ${seen.status === 'approved' ? 'approved' : 'restricted'} app ${action.appId}${at} at ${when(seen.since)}`,
        };
      }
    }
  }
  return { status: 'applied', description: `request ${action.requestId} is no longer pending${where}` };
};

/**
 * Builds an ActionVerifier over Slack's list methods. `orgId` lets workspace decisions be checked
 * against org-level resolutions too. Uninstall cannot be read back from these lists and is
 * idempotent at Slack, so it reports not_applied (the queue then sends it again).
 */
export const createVerifier =
  (slack: VerifySlackPort, orgId: string | null = null): ActionVerifier =>
  async (action: Action): Promise<VerifyResult> => {
    switch (action.kind) {
      case 'approve':
      case 'restrict':
        return verifyResolve(slack, action, orgId);
      case 'cancel':
        return verifyCancel(slack, action, orgId);
      case 'clearResolution': {
        const where = ` at ${targetId(action.target)}`;
        const now = await resolutionOf(slack, action.target, action.appId);
        if (now.status === 'none')
          return { status: 'applied', description: `app ${action.appId} has no resolution${where}` };
        return { status: 'not_applied', description: `app ${action.appId} is still ${now.status}${where}` };
      }
      case 'uninstall':
        return {
          status: 'not_applied',
          description: 'uninstall cannot be confirmed from Slack; it is safe to resend',
        };
    }
  };
