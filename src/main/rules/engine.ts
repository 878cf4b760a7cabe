/** Matching app requests against approval rules: pure, first match wins. */
import { targetId, type ActionRequest, type RuleRef } from '../../shared/actions';
import type { AppRequest } from '../../shared/models';
import type { ApprovalRule, RuleConditions } from '../../shared/rules';
import type { RequestSummary } from '../../shared/view-types';
import { WHOLE_ORG_LABEL } from '../inbox/labels';
import { newScopes } from '../inbox/summary';

/** The rule that decides a request, and its position in the list. */
export type RuleMatch = { index: number; rule: ApprovalRule };

const some = <T>(values: readonly T[] | undefined, test: (v: T) => boolean): boolean =>
  values === undefined || values.some(test);

/** What rules look at, from a cached request or from its inbox row. */
export type RuleFacts = {
  appId: string;
  developerType: string;
  directoryApproved: boolean;
  hasSensitiveScopes: boolean;
  /** Scopes beyond the previous resolution (every scope when there was none). */
  hasNewScopes: boolean;
  previousResolution: 'approved' | 'restricted' | 'none';
  scopes: readonly string[];
  /** The request's workspace ID, or `org` for an org-level request. */
  where: string;
};

/** The facts of a request. */
export const factsOfRequest = (request: AppRequest): RuleFacts => ({
  appId: request.app.id,
  developerType: request.app.developer_type,
  directoryApproved: request.app.is_app_directory_approved,
  hasSensitiveScopes: request.scopes.some((s) => s.is_sensitive),
  hasNewScopes: newScopes(request).length > 0,
  previousResolution: request.previous_resolution?.status ?? 'none',
  scopes: request.scopes.map((s) => s.name),
  where: request.level === 'org' ? 'org' : targetId(request.target),
});

/** The same facts from an inbox row (which counts new scopes only against a previous resolution). */
export const factsOfSummary = (r: RequestSummary): RuleFacts => ({
  appId: r.appId,
  developerType: r.developerType,
  directoryApproved: r.directoryApproved,
  hasSensitiveScopes: r.sensitiveCount > 0,
  hasNewScopes: r.previousStatus ? r.newScopeCount > 0 : r.scopeCount > 0,
  previousResolution: r.previousStatus ?? 'none',
  scopes: r.scopeNames,
  where: r.level === 'org' ? 'org' : r.teamId,
});

/** Do all of a rule's conditions hold? (No conditions: every request.) */
export const matchesConditions = (when: RuleConditions, f: RuleFacts): boolean => {
  const bool = (wanted: boolean | undefined, actual: boolean): boolean =>
    wanted === undefined || wanted === actual;
  return (
    some(when.appIds, (id) => id === f.appId) &&
    some(when.developerTypes, (t) => t === f.developerType) &&
    bool(when.directoryApproved, f.directoryApproved) &&
    bool(when.hasSensitiveScopes, f.hasSensitiveScopes) &&
    bool(when.hasNewScopes, f.hasNewScopes) &&
    some(when.previousResolution, (p) => p === f.previousResolution) &&
    some(when.scopesAny, (s) => f.scopes.includes(s)) &&
    (when.scopesNone ?? []).every((s) => !f.scopes.includes(s)) &&
    some(when.workspaces, (w) => w === f.where)
  );
};

/** The first rule whose conditions all hold, or null. */
export const firstMatch = (rules: readonly ApprovalRule[], facts: RuleFacts): RuleMatch | null => {
  const index = rules.findIndex((rule) => matchesConditions(rule.when, facts));
  const rule = rules[index];
  return rule ? { index, rule } : null;
};

/** How many requests a rule decides now, and the first few app names (for the Rules view). */
export type RuleCount = { count: number; sample: string[] };

/** Per rule, the requests it would decide under first-match semantics (a request counts once). */
export const dryRun = (
  rules: readonly ApprovalRule[],
  requests: Iterable<AppRequest>,
  sampleSize = 3,
): RuleCount[] => {
  const counts: RuleCount[] = rules.map(() => ({ count: 0, sample: [] }));
  for (const request of requests) {
    const match = firstMatch(rules, factsOfRequest(request));
    const entry = match ? counts[match.index] : undefined;
    if (!entry) continue;
    entry.count++;
    if (entry.sample.length < sampleSize) entry.sample.push(request.app.name || request.app.id);
  }
  return counts;
};

/** "Approve", "Restrict", "Cancel", "Leave for review": a rule's outcome in words. */
export const outcomeLabel = (rule: Pick<ApprovalRule, 'then'>): string =>
  ({ approve: 'Approve', restrict: 'Restrict', cancel: 'Cancel', review: 'Leave for review' })[rule.then];

/** Who made a rule's decision: the rule itself (`auto`, after a sync), or an admin accepting it. */
export type DecidedBy = RuleRef['by'];

/** The note an action from a rule carries, so the queue panel and the audit log name the rule. */
export const ruleNote = (rule: ApprovalRule, by: DecidedBy): string =>
  `${by === 'rule' ? 'Decided' : 'Suggested'} by rule "${rule.name}"`;

/** A decision made from a rule: the action, and the rule the audit log names as its maker. */
export type RuleAction = ActionRequest & { rule: RuleRef };

/**
 * The decision a rule makes for a request, ready to queue: an approval of every requested scope
 * (main plans the exact lists), at the request's workspace or, with `level: org`, the whole org.
 * A `review` rule queues nothing.
 */
export const actionFor = (
  rule: ApprovalRule,
  request: AppRequest,
  enterpriseId: string,
  by: DecidedBy,
): RuleAction | null => {
  if (rule.then === 'review') return null;
  const common = {
    requestId: request.id,
    appId: request.app.id,
    note: ruleNote(rule, by),
    rule: { name: rule.name.slice(0, 200), by },
  };
  const appName = request.app.name.slice(0, 200);
  // A cancel answers the request itself, so it goes where the request was made.
  if (rule.then === 'cancel') {
    return { kind: 'cancel', ...common, appName, target: request.target, targetName: request.targetName };
  }
  const atOrg = rule.level === 'org' || request.level === 'org';
  return {
    kind: rule.then,
    ...common,
    appName,
    target: atOrg ? { enterpriseId } : { teamId: targetId(request.target) },
    targetName: (atOrg ? WHOLE_ORG_LABEL : request.targetName).slice(0, 200),
  };
};
