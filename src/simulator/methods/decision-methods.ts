/** The admin decisions: admin.apps.approve, restrict, requests.cancel and clearResolution. */
import { resolutionKey } from '../state';
import type { WireResolutionStatus, WireScope, WireTokenType } from '../wire-types';
import { commaList, parseTarget, type Target } from './args';
import { resolvedScope } from './list-methods';
import { failure, success, type MethodCall, type MethodDef, type MethodResult } from './method-types';

type Subject = { appId: string; requested: WireScope[]; target: Target };

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
    // A workspace request is decided at its own workspace or for the whole org; an org-level request
    // (team: null) only with enterprise_id.
    if (target.kind === 'team' && request.team?.id !== target.id) return { error: 'invalid_request_id' };
    return { appId: request.app.id, requested: request.scopes, target };
  }
  const entry = state.apps.get(appId as string);
  if (!entry) return { error: 'invalid_app_id' };
  return { appId: entry.app.id, requested: entry.scopes, target };
}

/**
 * The scopes an approval grants. Neither bot_scopes nor user_scopes: everything requested. A list given
 * for a token type: exactly those scopes of that type, each one the app requested (else invalid_scopes).
 */
function approvedScopes(params: MethodCall['params'], requested: WireScope[]): WireScope[] | undefined {
  const lists: Record<WireTokenType, string[]> = {
    bot: commaList(params.bot_scopes),
    user: commaList(params.user_scopes),
  };
  if (lists.bot.length === 0 && lists.user.length === 0) return requested;
  const picked: WireScope[] = [];
  for (const type of ['bot', 'user'] as const) {
    const ofType = requested.filter((s) => s.token_type === type);
    // Undocumented: a token type whose list is omitted (or empty) while the other type's list is given
    // gets ALL its requested scopes. This is a deliberate worst-case reading for a client: Admit must
    // never rely on omission to mean "none of this type"; it always sends both lists.
    if (lists[type].length === 0) {
      picked.push(...ofType);
      continue;
    }
    for (const name of lists[type]) {
      const found = ofType.find((s) => s.name === name);
      if (!found) return undefined;
      picked.push(found);
    }
  }
  return picked;
}

function decide(status: WireResolutionStatus): MethodDef {
  return {
    mutates: true,
    handler: (call): MethodResult => {
      const s = subject(call);
      if ('error' in s) return failure(s.error);
      const { state } = call;
      const orgId = state.org.enterprise.id;
      if (status === 'approved' && s.target.kind === 'team') {
        // Slack: org_resolution_required, "The team_id is in an Enterprise org while app_id is certified."
        // Undocumented: the same for a request_id whose app is certified.
        if (state.isCertified(s.appId)) return failure('org_resolution_required');
        if (state.resolutions.get(resolutionKey(s.appId, orgId))?.status === 'restricted') {
          return failure('app_restricted_org_wide');
        }
      }
      const scopes = status === 'approved' ? approvedScopes(call.params, s.requested) : s.requested;
      if (!scopes) return failure('invalid_scopes');
      state.resolve(
        s.appId,
        s.target.id,
        status,
        scopes.map(resolvedScope),
        call.auth?.user.id ?? state.org.admin.id,
      );
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
    const target = t.target as Target;
    if (state.closed.has(requestId)) return failure('request_already_resolved');
    const request = state.pending.get(requestId);
    if (!request) return failure('invalid_request_id');
    if (request.team) {
      // Undocumented: a workspace request may also be cancelled with the org's enterprise_id.
      if (target.kind === 'team' && request.team.id !== target.id) return failure('invalid_request_id');
    } else if (target.kind !== 'enterprise') {
      // Slack: "enterprise_id is required for cancelling requests which are created in an Enterprise
      // organization." Undocumented: the error for a team_id instead.
      return failure('invalid_request_id');
    }
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
