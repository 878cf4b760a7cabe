/** Argument rules shared by the admin.apps methods. */
import type { SimulatorState } from '../state';

/** Where an action applies: one workspace or the whole org. */
export type Target = { kind: 'team' | 'enterprise'; id: string };

/** How a method words the target errors it documents. */
export type TargetRules = {
  /** Error when neither team_id nor enterprise_id is given; undefined means "optional". */
  missing?: string;
  /** Error for an enterprise_id that is not this org. */
  unknownEnterprise: string;
};

/** Applies "exactly one of team_id or enterprise_id" and checks the IDs exist. */
export function parseTarget(
  params: Record<string, string | undefined>,
  state: SimulatorState,
  rules: TargetRules,
): { target: Target | undefined } | { error: string } {
  const { team_id: teamId, enterprise_id: enterpriseId } = params;
  if (teamId && enterpriseId) return { error: 'too_many_teams_provided' };
  if (teamId)
    return state.teams.has(teamId) ? { target: { kind: 'team', id: teamId } } : { error: 'team_not_found' };
  if (enterpriseId) {
    return enterpriseId === state.org.enterprise.id
      ? { target: { kind: 'enterprise', id: enterpriseId } }
      : { error: rules.unknownEnterprise };
  }
  return rules.missing ? { error: rules.missing } : { target: undefined };
}

/** Splits a Slack comma list, ignoring blanks. */
export const commaList = (raw: string | undefined): string[] =>
  (raw ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);

/** Slack booleans arrive as "1", "true" or "0", "false". */
export const truthy = (raw: string | undefined): boolean => raw === '1' || raw === 'true';
