/**
 * Admit's built-in view of how risky each Slack scope is, so the inbox can rank requests and the
 * scope diff can flag what deserves a closer look. Slack's own `is_sensitive` flag always wins
 * upward: a scope Slack calls sensitive is never shown below "high".
 */
import type { Scope } from '../../shared/models';
import type { Risk } from '../../shared/view-types';

/** Scopes that read private content, act as an admin, or reveal people's contact details. */
const HIGH = new Set([
  'admin',
  'channels:history',
  'groups:history',
  'im:history',
  'mpim:history',
  'files:read',
  'search:read',
  'users:read.email',
  'identity.email',
  'chat:write.customize',
  'client',
  'post',
  'read',
  'identify',
]);

/** Prefixes whose every scope is high risk (org and workspace administration, audit, DLP). */
const HIGH_PREFIXES = ['admin.', 'auditlogs:', 'dnd:write', 'usergroups:write', 'users.profile:write'];

/** Write scopes change things in Slack; reading lists of people and channels is medium. */
const MEDIUM_SUFFIXES = [':write', ':manage', ':write.public', ':write.topic', ':write.invites'];
const MEDIUM = new Set([
  'users:read',
  'channels:read',
  'groups:read',
  'im:read',
  'mpim:read',
  'team:read',
  'incoming-webhook',
  'bot',
  'remote_files:share',
]);

const order: Record<Risk, number> = { low: 0, medium: 1, high: 2 };

/** The risk of one scope by name, before Slack's sensitivity flag is taken into account. */
export const catalogRisk = (name: string): Risk => {
  if (HIGH.has(name) || HIGH_PREFIXES.some((p) => name.startsWith(p))) return 'high';
  if (MEDIUM.has(name) || MEDIUM_SUFFIXES.some((s) => name.endsWith(s))) return 'medium';
  return 'low';
};

/** The risk Admit shows for a scope: the catalog's, raised to high when Slack marks it sensitive. */
export const scopeRisk = (scope: Pick<Scope, 'name' | 'is_sensitive'>): Risk =>
  scope.is_sensitive ? 'high' : catalogRisk(scope.name);

/** The highest risk among scopes (low for none). */
export const maxRisk = (scopes: readonly Pick<Scope, 'name' | 'is_sensitive'>[]): Risk =>
  scopes.reduce<Risk>((worst, s) => {
    const r = scopeRisk(s);
    return order[r] > order[worst] ? r : worst;
  }, 'low');

/** Orders risks for sorting: high first. */
export const riskRank = (risk: Risk): number => order[risk];
