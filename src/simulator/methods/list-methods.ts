/** The paginated list methods: admin.apps.requests.list, approved.list, restricted.list, admin.teams.list. */
import type { ResolutionStatus } from '../../shared/slack-types';
import { paginate } from '../pagination';
import type { SimResolution } from '../types';
import { parseTarget } from './args';
import { failure, success, type MethodDef, type MethodResult } from './method-types';

// Newest first: invert the timestamp so keys sort ascending as strings.
const newestKey = (seconds: number, id: string): string =>
  `${String(9_999_999_999 - seconds).padStart(10, '0')}|${id}`;

/** admin.apps.requests.list: pending requests of one workspace (team_id) or of the org (enterprise_id). */
export const requestsList: MethodDef = {
  handler: ({ params, state }) => {
    const t = parseTarget(params, state, {
      missing: 'no_team_or_enterprise_provided',
      unknownEnterprise: 'enterprise_not_found',
    });
    if ('error' in t) return failure(t.error);
    const target = t.target?.id ?? '';
    const items = state.pendingFor(target);
    const page = paginate(
      items,
      (r) => newestKey(r.date_created, r.id),
      params,
      `requests:${target}`,
      'invalid_arguments',
    );
    if ('error' in page) return failure(page.error);
    return success({ app_requests: page.items, response_metadata: { next_cursor: page.nextCursor } });
  },
};

function resolvedList(status: ResolutionStatus, field: string): MethodDef {
  return {
    handler: ({ params, state }): MethodResult => {
      const t = parseTarget(params, state, {
        missing: 'invalid_arguments',
        unknownEnterprise: 'invalid_arguments',
      });
      if ('error' in t) return failure(t.error);
      const target = t.target?.id ?? '';
      const items: SimResolution[] = [];
      for (const r of state.resolutions.values())
        if (r.target === target && r.status === status) items.push(r);
      const keyOf = (r: SimResolution): string => newestKey(r.date_updated, r.app_id);
      items.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
      const page = paginate(items, keyOf, params, `${status}:${target}`, 'invalid_arguments');
      if ('error' in page) return failure(page.error);
      const apps = page.items.flatMap((r) => {
        const entry = state.apps.get(r.app_id);
        if (!entry) return [];
        return [
          {
            app: entry.app,
            scopes: r.scopes.map(({ name, description, is_sensitive, token_type }) => ({
              name,
              description,
              is_sensitive,
              token_type,
            })),
            date_updated: r.date_updated,
            last_resolved_by: { actor_id: r.actor_id, actor_type: 'user' },
          },
        ];
      });
      return success({ [field]: apps, response_metadata: { next_cursor: page.nextCursor } });
    },
  };
}

/** admin.apps.approved.list for one workspace or the org. */
export const approvedList = resolvedList('approved', 'approved_apps');
/** admin.apps.restricted.list for one workspace or the org. */
export const restrictedList = resolvedList('restricted', 'restricted_apps');

/** admin.teams.list: the org's workspaces, by ID. */
export const teamsList: MethodDef = {
  handler: ({ params, state }) => {
    const teams = [...state.teams.values()].sort((a, b) => (a.id < b.id ? -1 : 1));
    const page = paginate(teams, (t) => t.id, params, 'teams', 'invalid_limit');
    if ('error' in page) return failure(page.error);
    return success({
      teams: page.items.map(({ id, name, discoverability, primary_owner, team_url }) => ({
        id,
        name,
        discoverability,
        primary_owner,
        team_url,
      })),
      response_metadata: { next_cursor: page.nextCursor },
    });
  },
};
