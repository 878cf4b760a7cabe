/** Rule outcomes on inbox rows: what the first matching rule would do, in words. */
import type { ApprovalRule, RuleSuggestion } from '../../shared/rules';
import type { RequestSummary } from '../../shared/view-types';
import { factsOfSummary, firstMatch, outcomeLabel } from './engine';

/** The suggestion of the first rule matching a row; none when no rule matches or it says "review". */
export const suggestionFor = (
  rules: readonly ApprovalRule[],
  row: RequestSummary,
): RuleSuggestion | undefined => {
  const rule = firstMatch(rules, factsOfSummary(row))?.rule;
  if (!rule || rule.then === 'review') return undefined;
  const where = rule.then !== 'cancel' && rule.level === 'org' ? ' for the whole org' : '';
  return {
    rule: rule.name,
    then: rule.then,
    level: rule.level,
    apply: rule.apply,
    text: `Suggested: ${outcomeLabel(rule)}${where} (rule "${rule.name}")`,
  };
};

/** Rows with their suggestions set (or cleared, when the rules no longer match). */
export const withSuggestions = (
  rules: readonly ApprovalRule[],
  rows: readonly RequestSummary[],
): RequestSummary[] => {
  // No rules and nothing to clear (rows fresh from a sync carry none): the rows as they are, not a
  // copy of each of a first sync's thousands.
  if (rules.length === 0 && !rows.some((row) => row.suggestion)) return [...rows];
  return rows.map((row) => {
    const { suggestion: _old, ...rest } = row;
    const suggestion = suggestionFor(rules, rest);
    return suggestion ? { ...rest, suggestion } : rest;
  });
};
