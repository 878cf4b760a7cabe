/** The paginated list methods: admin.apps.requests.list, approved.list, restricted.list, admin.teams.list. */
import { paginate } from '../pagination';
import type { SimResolution } from '../types';
import type { WireResolutionStatus, WireResolvedApp, WireScope } from '../wire-types';
import { parseTarget, truthy } from './args';
import { failure, success, type MethodDef, type MethodResult } from './method-types';

// Newest first: invert the timestamp so keys sort ascending as strings.
const newestKey = (seconds: number, id: string): string =>
  `${String(9_999_999_999 - seconds).padStart(10, '0')}|${id}`;

/** A scope as the resolved lists show it: no request-only flags. */
export const resolvedScope = ({ name, description, is_sensitive, token_type }: WireScope): WireScope => ({
  name,
  description,
  is_sensitive,
  token_type,
});

/**
 * admin.apps.requests.list: pending requests of one workspace (team_id) or those made at org level
 * (enterprise_id). Requests for certified apps are left out unless certified=true.
 */
export const requestsList: MethodDef = {
  handler: ({ params, state }) => {
    const t = parseTarget(params, state, {
      missing: 'no_team_or_enterprise_provided',
      unknownEnterprise: 'enterprise_not_found',
    });
    if ('error' in t) return failure(t.error);
    const target = t.target?.id ?? '';
    // Undocumented: `certified` says "Include requests for certified apps" (default false). Read as "in
    // addition to the others": with true, certified apps' requests come along with every other request.
    const certified = truthy(params.certified);
    // Undocumented: with enterprise_id, only requests made at org level (team: null) are listed; a
    // workspace's requests are listed with its team_id.
    const items = state.pendingFor(target).filter((r) => certified || !state.isCertified(r.app.id));
    const page = paginate(
      items,
      (r) => newestKey(r.date_created, r.id),
      params,
      `requests:${target}:${certified ? 'c' : ''}`,
      'invalid_arguments',
    );
    if ('error' in page) return failure(page.error);
    return success({ app_requests: page.items, response_metadata: { next_cursor: page.nextCursor } });
  },
};

function resolvedList(status: WireResolutionStatus, field: string): MethodDef {
  return {
    handler: ({ params, state }): MethodResult => {
      const t = parseTarget(params, state, {
        missing: 'invalid_arguments',
        unknownEnterprise: 'invalid_arguments',
      });
      if ('error' in t) return failure(t.error);
      const target = t.target?.id ?? '';
      // Slack: "Limit the results to only include certified apps. When false, no certified apps will
      // appear in the result."
      const certified = truthy(params.certified);
      const items: SimResolution[] = [];
      for (const r of state.resolutions.values())
        if (r.target === target && r.status === status && state.isCertified(r.app_id) === certified)
          items.push(r);
      const keyOf = (r: SimResolution): string => newestKey(r.date_updated, r.app_id);
      items.sort((a, b) => (keyOf(a) < keyOf(b) ? -1 : 1));
      const page = paginate(
        items,
        keyOf,
        params,
        `${status}:${target}:${certified ? 'c' : ''}`,
        'invalid_arguments',
      );
      if ('error' in page) return failure(page.error);
      const apps = page.items.flatMap((r): WireResolvedApp[] => {
        const entry = state.apps.get(r.app_id);
        if (!entry) return [];
        return [
          {
            app: entry.app,
            scopes: r.scopes.map(resolvedScope),
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
