/**
 * Slack's rate-limit tier for each method in the committed Slack facts (`src/slack-facts`, the method
 * JSON's `rate_limits`), kept as a small table so the packaged app need not ship the facts file.
 * `method-tiers.test.ts` fails when this table and the facts disagree; change both together.
 */

/** Slack's rate tiers; `t5` is what the reference calls auth.test's and oauth's "special" tier. */
export type SlackTier = 't1' | 't2' | 't3' | 't4' | 't5';

/** Calls per minute per method per org that each tier allows (Slack's published budgets). */
export const TIER_CALLS_PER_MINUTE: Readonly<Record<SlackTier, number>> = {
  t1: 1,
  t2: 20,
  t3: 50,
  t4: 100,
  // "Special" has no single published number; pace it like tier 4 to stay safe.
  t5: 100,
};

/** Method → tier, from the reference data. */
export const METHOD_TIERS: Readonly<Record<string, SlackTier>> = {
  'admin.apps.activities.list': 't3',
  'admin.apps.approve': 't2',
  'admin.apps.approved.list': 't2',
  'admin.apps.clearResolution': 't2',
  'admin.apps.config.lookup': 't2',
  'admin.apps.config.set': 't3',
  'admin.apps.mcp.servers.list': 't3',
  'admin.apps.mcp.servers.permissions.list': 't3',
  'admin.apps.mcp.servers.permissions.set': 't3',
  'admin.apps.permissions.add': 't2',
  'admin.apps.permissions.list': 't3',
  'admin.apps.permissions.remove': 't2',
  'admin.apps.permissions.set': 't2',
  'admin.apps.requests.cancel': 't2',
  'admin.apps.requests.list': 't2',
  'admin.apps.restrict': 't2',
  'admin.apps.restricted.list': 't2',
  'admin.apps.uninstall': 't1',
  'admin.teams.list': 't3',
  'api.test': 't4',
  'apps.uninstall': 't1',
  'auth.revoke': 't3',
  'auth.teams.list': 't2',
  'auth.test': 't5',
  'oauth.access': 't4',
  'oauth.v2.access': 't5',
  'oauth.v2.exchange': 't3',
  'oauth.v2.user.access': 't5',
  'tooling.tokens.rotate': 't5',
};

/** The tier Slack assigns to a method; unknown methods get the strictest tier we call (t1). */
export function tierOf(method: string): SlackTier {
  return Object.hasOwn(METHOD_TIERS, method) ? (METHOD_TIERS[method] ?? 't1') : 't1';
}

/** Calls per minute allowed for a method. */
export function callsPerMinute(method: string): number {
  return TIER_CALLS_PER_MINUTE[tierOf(method)];
}
