/** Where an org-scoped Slack call applies, in Slack's wire form, and the one mapping to and from Admit's `Target`. */
import type { Target } from '../../shared/actions';

/** One workspace (`team_id`) or the whole org (`enterprise_id`), as Slack's admin methods take it. */
export type SlackTarget = { team_id: string } | { enterprise_id: string };

/** Admit's target in Slack's wire form. */
export const toSlackTarget = (target: Target): SlackTarget =>
  'teamId' in target ? { team_id: target.teamId } : { enterprise_id: target.enterpriseId };

/** Slack's wire form back in Admit's terms (where a listed item was read). */
export const fromSlackTarget = (target: SlackTarget): Target =>
  'team_id' in target ? { teamId: target.team_id } : { enterpriseId: target.enterprise_id };
