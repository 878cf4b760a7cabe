/** The admin decisions: admin.apps.approve, restrict, requests.cancel and clearResolution. */
import type { ResolutionStatus, Scope } from '../../shared/slack-types';
import { resolutionKey } from '../state';
import { commaList, parseTarget, type Target } from './args';
import { failure, success, type MethodCall, type MethodDef, type MethodResult } from './method-types';

type Subject = { appId: string; requested: Scope[]; target: Target };

/** Resolves app_id XOR request_id plus the team/enterprise target into what to act on. */
function subject({ params, state }: MethodCall): Subject | { error: string } {
  const { app_id: appId, request_id: requestId } = params;
  if (appId && requestId) return { error: 'too_many_ids_provided' };
  if (!appId && !requestId) return { error: 'request_id_or_app_id_is_required' };
  // Slack: "Exactly one of the team_id or enterprise_id arguments is required, not both."
  const t = parseTarget(params, state, {
    missing: 'invalid_arguments',
    unknownEnterprise: 'invalid_arguments',
  });
  if ('error' in t) return t;
  const target = t.target as Target;
  if (requestId) {
    if (state.closed.has(requestId)) return { error: 'request_already_resolved' };
    const request = state.pending.get(requestId);
    if (!request) return { error: 'invalid_request_id' };
    // A workspace request can be decided on its own workspace or for the whole org.
    if (target.kind === 'team' && request.team.id !== target.id) return { error: 'invalid_request_id' };
    return { appId: request.app.id, requested: request.scopes, target };
  }
  const entry = state.apps.get(appId as string);
  if (!entry) return { error: 'invalid_app_id' };
  return { appId: entry.app.id, requested: entry.scopes, target };
}

/** Picks the approved scopes: all requested, or exactly the bot_scopes/user_scopes lists. */
function approvedScopes(params: MethodCall['params'], requested: Scope[]): Scope[] | undefined {
  if (params.bot_scopes === undefined && params.user_scopes === undefined) return requested;
  const picked: Scope[] = [];
  for (const [list, type] of [
    [params.bot_scopes, 'bot'],
    [params.user_scopes, 'user'],
  ] as const) {
    for (const name of commaList(list)) {
      const found = requested.find((s) => s.name === name && s.token_type === type);
      if (!found) return undefined;
      picked.push(found);
    }
  }
  return picked;
}

function decide(status: ResolutionStatus): MethodDef {
  return {
    mutates: true,
    handler: (call): MethodResult => {
      const s = subject(call);
      if ('error' in s) return failure(s.error);
      const { state } = call;
      const orgId = state.org.enterprise.id;
      if (status === 'approved' && s.target.kind === 'team') {
        if (state.resolutions.get(resolutionKey(s.appId, orgId))?.status === 'restricted') {
          return failure('app_restricted_org_wide');
        }
      }
      const scopes = status === 'approved' ? approvedScopes(call.params, s.requested) : s.requested;
      if (!scopes) return failure('invalid_scopes');
      const clean = scopes.map(({ name, description, is_sensitive, token_type }) => ({
        name,
        description,
        is_sensitive,
        token_type,
      }));
      state.resolve(s.appId, s.target.id, status, clean, call.auth?.user.id ?? state.org.admin.id);
      return success();
    },
  };
}

/** admin.apps.approve, with optional partial bot_scopes/user_scopes. */
export const approve = decide('approved');
/** admin.apps.restrict. */
export const restrict = decide('restricted');

/** admin.apps.requests.cancel: drops a pending request without resolving the app. */
export const cancelRequest: MethodDef = {
  mutates: true,
  handler: ({ params, state, auth }) => {
    const requestId = params.request_id;
    if (!requestId) return failure('invalid_arguments');
    const t = parseTarget(params, state, {
      missing: 'invalid_arguments',
      unknownEnterprise: 'invalid_arguments',
    });
    if ('error' in t) return failure(t.error);
    if (state.closed.has(requestId)) return failure('request_already_resolved');
    const request = state.pending.get(requestId);
    if (!request) return failure('invalid_request_id');
    if (t.target?.kind === 'team' && request.team.id !== t.target.id) return failure('invalid_request_id');
    state.cancel(requestId, auth?.user.id ?? state.org.admin.id);
    return success();
  },
};

/** admin.apps.clearResolution: removes the approval or restriction at exactly that workspace or org. */
export const clearResolution: MethodDef = {
  mutates: true,
  handler: ({ params, state }) => {
    const appId = params.app_id;
    if (!appId) return failure('invalid_arguments');
    const t = parseTarget(params, state, {
      missing: 'invalid_arguments',
      unknownEnterprise: 'invalid_arguments',
    });
    if ('error' in t) return failure(t.error);
    if (!state.apps.has(appId)) return failure('invalid_app_id');
    const key = resolutionKey(appId, (t.target as Target).id);
    if (!state.resolutions.delete(key)) return failure('no_resolution_found');
    return success();
  },
};
