/** Turns Slack's app requests into the compact rows and detail views the renderer shows. */
import type { AppRequest, Scope } from '../../shared/slack-types';
import type { ActionView, RequestDetail, RequestSummary } from '../../shared/view-types';
import { maxRisk } from './scope-catalog';
import { buildScopeDiff } from './scope-diff';

const scopeKey = (s: Pick<Scope, 'name' | 'token_type'>): string => `${s.token_type}:${s.name}`;

/** Requested scopes that the previous resolution did not cover (all of them when there was none). */
export const newScopes = (request: AppRequest): Scope[] => {
  const before = new Set((request.previous_resolution?.scopes ?? []).map(scopeKey));
  return request.scopes.filter((s) => !before.has(scopeKey(s)));
};

/** The smallest icon Slack gives that still looks sharp at 32 px on a 2x display. */
const iconUrl = (icons: Record<string, string>): string =>
  icons['image_64'] ?? icons['image_72'] ?? icons['image_48'] ?? icons['image_96'] ?? '';

/** One inbox row for a request. */
export const toSummary = (request: AppRequest): RequestSummary => ({
  id: request.id,
  appId: request.app.id,
  appName: request.app.name,
  appIconUrl: iconUrl(request.app.icons),
  developerType: request.app.developer_type,
  directoryApproved: request.app.is_app_directory_approved,
  teamId: request.team.id,
  teamName: request.team.name,
  requesterName: request.user.name,
  createdAt: request.date_created,
  scopeCount: request.scopes.length,
  sensitiveCount: request.scopes.filter((s) => s.is_sensitive).length,
  newScopeCount: request.previous_resolution ? newScopes(request).length : 0,
  previousStatus: request.previous_resolution?.status ?? null,
  risk: maxRisk(request.scopes),
  scopeNames: request.scopes.map((s) => s.name),
});

/**
 * Everything the detail view shows for a request. `approvedScopes` is what is approved for the
 * app at the request's workspace now; `queued` the decision waiting to be sent, if any.
 */
export const toDetail = (
  request: AppRequest,
  approvedScopes: readonly Scope[] = [],
  queued: ActionView | null = null,
): RequestDetail => {
  const app = request.app;
  const links = [
    { label: 'App directory', url: app.app_directory_url },
    { label: 'Homepage', url: app.app_homepage_url },
    { label: 'Help', url: app.help_url },
    { label: 'Privacy policy', url: app.privacy_policy_url },
  ].filter((l) => l.url.startsWith('https://'));
  return {
    ...toSummary(request),
    appDescription: app.description,
    requesterEmail: request.user.email,
    message: request.message,
    links,
    scopes: request.scopes,
    previousScopes: request.previous_resolution?.scopes ?? [],
    scopeDiff: buildScopeDiff(request.scopes, request.previous_resolution?.scopes ?? null, approvedScopes),
    queued,
  };
};
