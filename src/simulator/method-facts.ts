/**
 * Per-method facts the simulator enforces, read from Slack's documented data (`src/slack-facts`, Slack's
 * reference as committed JSON, not Admit's code): the rate tier and the scope a method needs.
 */
import { methodFacts, TIER_BUDGETS, tierOfMethod } from '../slack-facts';

/** Slack's rate tiers; `t5` is the reference's name for the "special" tier of auth.test and oauth. */
export type SimTier = 't1' | 't2' | 't3' | 't4' | 't5';

/** Calls per minute per tier (Slack's published budgets, from `src/slack-facts/tier-budgets.json`). */
export const TIER_CALLS_PER_MINUTE: Readonly<Record<SimTier, number>> = TIER_BUDGETS;

const isTier = (t: string | undefined): t is SimTier =>
  t !== undefined && Object.hasOwn(TIER_CALLS_PER_MINUTE, t);

/** The tier Slack documents for a method, or undefined (then it is not limited). */
export function simTierOf(method: string): SimTier | undefined {
  const tier = tierOfMethod(method);
  return isTier(tier) ? tier : undefined;
}

/**
 * The user-token scopes a method accepts (any one of them will do); empty when it needs none.
 * Slack writes admin.teams.list's scope without a token type (`any`).
 */
export function neededScopes(method: string): string[] {
  const facts = methodFacts(method);
  if (!facts || facts.noScopeRequired) return [];
  return (facts.scopes.user ?? facts.scopes.any ?? []).filter((s) => s !== 'none');
}
