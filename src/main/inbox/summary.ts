/** Turns Slack's app requests into the compact rows and detail views the renderer shows. */
import { targetId } from '../../shared/actions';
import type { App, AppRequest, Scope } from '../../shared/models';
import type { ActionView, RequestDetail, RequestSummary } from '../../shared/view-types';
import { WHOLE_ORG_LABEL } from './labels';
import { maxRisk } from './scope-catalog';
import { buildScopeDiff } from './scope-diff';

const scopeKey = (s: Pick<Scope, 'name' | 'token_type'>): string => `${s.token_type}:${s.name}`;

/** Requested scopes that the previous resolution did not cover (all of them when there was none). */
export const newScopes = (request: AppRequest): Scope[] => {
  const before = new Set((request.previous_resolution?.scopes ?? []).map(scopeKey));
  return request.scopes.filter((s) => !before.has(scopeKey(s)));
};

/** The smallest icon Slack gives that still looks sharp at 32 px on a 2x display. */
export const iconUrl = (icons: Record<string, string>): string =>
  icons['image_64'] ?? icons['image_72'] ?? icons['image_48'] ?? icons['image_96'] ?? '';

/** An app's links that may be opened: https only. */
export const appLinks = (app: App): { label: string; url: string }[] =>
  [
    { label: 'App directory', url: app.app_directory_url },
    { label: 'Homepage', url: app.app_homepage_url },
    { label: 'Help', url: app.help_url },
    { label: 'Privacy policy', url: app.privacy_policy_url },
  ].filter((l) => l.url.startsWith('https://'));

/** One inbox row for a request. */
export const toSummary = (request: AppRequest): RequestSummary => ({
  id: request.id,
  appId: request.app.id,
  appName: request.app.name,
  appIconUrl: iconUrl(request.app.icons),
  developerType: request.app.developer_type,
  directoryApproved: request.app.is_app_directory_approved,
  teamId: targetId(request.target),
  teamName: request.level === 'org' ? WHOLE_ORG_LABEL : request.targetName,
  level: request.level,
  requesterName: request.user.name,
  createdAt: request.date_created,
  scopeCount: request.scopes.length,
  sensitiveCount: request.scopes.filter((s) => s.is_sensitive).length,
  newScopeCount: request.previous_resolution ? newScopes(request).length : 0,
  previousStatus: request.previous_resolution?.status ?? null,
  risk: maxRisk(request.scopes),
  scopeNames: request.scopes.map((s) => s.name),
});

/** What is decided for the app now, at the request's own workspace and at the org. */
export type ResolutionContext = {
  /** Scopes approved for the app now: at the workspace and, since it applies everywhere, at the org. */
  approvedScopes: readonly Scope[];
  orgResolution: 'approved' | 'restricted' | null;
};

const NO_CONTEXT: ResolutionContext = { approvedScopes: [], orgResolution: null };

/**
 * Where a decision should apply by default. A request made for the whole org is decided there; so
 * is one for an app already resolved at the org, since a workspace decision would not change what
 * the org-level one says for every workspace.
 */
const levelFor = (
  request: AppRequest,
  orgResolution: ResolutionContext['orgResolution'],
): Pick<RequestDetail, 'suggestedLevel' | 'levelNote'> => {
  if (request.level === 'org') return { suggestedLevel: 'org', levelNote: null };
  if (orgResolution) {
    return {
      suggestedLevel: 'org',
      levelNote: `${request.app.name} is ${orgResolution} for the whole org, so this decision applies to the whole org by default: a decision at ${request.targetName} alone would not change the org-level one.`,
    };
  }
  return { suggestedLevel: 'workspace', levelNote: null };
};

/**
 * Everything the detail view shows for a request: `context` is what is decided for the app now,
 * `queued` the decision waiting to be sent, if any.
 */
export const toDetail = (
  request: AppRequest,
  context: ResolutionContext = NO_CONTEXT,
  queued: ActionView | null = null,
): RequestDetail => {
  const app = request.app;
  const links = appLinks(app);
  return {
    ...toSummary(request),
    appDescription: app.description,
    requesterEmail: request.user.email,
    message: request.message,
    links,
    scopes: request.scopes,
    previousScopes: request.previous_resolution?.scopes ?? [],
    scopeDiff: buildScopeDiff(
      request.scopes,
      request.previous_resolution?.scopes ?? null,
      context.approvedScopes,
    ),
    queued,
    orgResolution: context.orgResolution,
    ...levelFor(request, context.orgResolution),
  };
};
