/** Pure builders for the decisions an admin queues: which target, which scopes, which display names. */
import type { ActionRequest } from '../../../shared/actions';
import { planApproval, type ApprovalPlan } from '../../../shared/approval';
import type { RequestDetail, RequestSummary, ScopeDiff, ScopeDiffRow } from '../../../shared/view-types';

export type DecisionKind = ActionRequest['kind'];
/** Where a decision applies: the request's own workspace, or the whole org. */
export type Level = 'workspace' | 'org';

export type DecisionContext = {
  enterpriseId: string;
  enterpriseName: string;
  level: Level;
  note: string;
  /** Only for approve: the scopes chosen in "Scope changes", when some were deselected. */
  scopes?: { botScopes?: string[]; userScopes?: string[] };
};

/** The key of a scope in the selection: token type and name. */
export const scopeKey = (row: Pick<ScopeDiffRow, 'tokenType' | 'name'>): string =>
  `${row.tokenType}:${row.name}`;

/**
 * The scopes to approve given the optional scopes the admin deselected, or undefined when nothing
 * was deselected (then approve sends no scope lists at all).
 */
export const chosenScopes = (
  diff: ScopeDiff,
  deselected: ReadonlySet<string>,
): { botScopes: string[]; userScopes: string[] } | undefined => {
  const requested = [...diff.bot, ...diff.user].filter((row) => row.requested);
  const dropped = requested.filter((row) => row.optional && deselected.has(scopeKey(row)));
  if (dropped.length === 0) return undefined;
  const keep = (rows: ScopeDiffRow[]) =>
    rows
      .filter((row) => row.requested && !(row.optional && deselected.has(scopeKey(row))))
      .map((r) => r.name);
  return { botScopes: keep(diff.bot), userScopes: keep(diff.user) };
};

/**
 * Whether an approval of the open request, with the optional scopes the admin deselected, can be
 * sent as chosen (see shared/approval.ts: Slack cannot be told "none of this token type").
 */
export const approvalPlan = (detail: RequestDetail, deselected: ReadonlySet<string>): ApprovalPlan =>
  planApproval(
    detail.appName,
    [...detail.scopeDiff.bot, ...detail.scopeDiff.user]
      .filter((row) => row.requested)
      .map((row) => ({ name: row.name, tokenType: row.tokenType })),
    chosenScopes(detail.scopeDiff, deselected),
  );

/** A request made for the whole org carries the org's id where a workspace id would be. */
const requestTarget = (r: RequestSummary) =>
  r.level === 'org' ? { enterpriseId: r.teamId } : { teamId: r.teamId };

/** Builds the action for one decision on one request. */
export const buildDecision = (kind: DecisionKind, r: RequestSummary, ctx: DecisionContext): ActionRequest => {
  const org = ctx.level === 'org';
  const display = {
    appName: r.appName,
    targetName: org ? ctx.enterpriseName : r.teamName,
    ...(ctx.note.trim() ? { note: ctx.note.trim() } : {}),
  };
  // A whole-org request is decided by its request_id with enterprise_id; a workspace request decided
  // for the whole org becomes a decision on the app there (app_id with enterprise_id).
  const target =
    r.level === 'org' ? requestTarget(r) : org ? { enterpriseId: ctx.enterpriseId } : requestTarget(r);
  const requestId = org && r.level !== 'org' ? {} : { requestId: r.id };
  switch (kind) {
    case 'approve':
      return { kind, appId: r.appId, target, ...requestId, ...(ctx.scopes ?? {}), ...display };
    case 'restrict':
      return { kind, appId: r.appId, target, ...requestId, ...display };
    case 'cancel':
      return {
        kind,
        requestId: r.id,
        target: requestTarget(r),
        appId: r.appId,
        ...display,
        targetName: r.teamName,
      };
    case 'clearResolution':
      return { kind, appId: r.appId, target, ...display };
    case 'uninstall':
      return {
        kind,
        appId: r.appId,
        target: org || r.level === 'org' ? { enterpriseId: ctx.enterpriseId } : { teamIds: [r.teamId] },
        ...display,
      };
  }
};

/** The verb the live region and the palette use for a kind. */
export const kindLabel: Record<DecisionKind, string> = {
  approve: 'Approve',
  restrict: 'Restrict',
  cancel: 'Cancel request',
  clearResolution: 'Clear resolution',
  uninstall: 'Uninstall',
};
