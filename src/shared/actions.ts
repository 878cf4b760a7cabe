/**
 * The decisions an admin can queue, and the record the queue keeps for each. Records are
 * re-validated with these schemas whenever they are read back from disk (as Signal's JobQueue
 * does), so a record written by an older or newer build, or damaged on disk, is never sent.
 */
import { z } from 'zod';
import {
  AppIdSchema,
  EnterpriseIdSchema,
  MAX_TEAM_IDS,
  RequestIdSchema,
  ScopeListSchema,
  TeamIdSchema,
} from './ids';

/** Where a decision applies: one workspace, or the whole org. */
export const TargetSchema = z.union([
  z.object({ teamId: z.string().min(1) }).strict(),
  z.object({ enterpriseId: z.string().min(1) }).strict(),
]);
export type Target = z.infer<typeof TargetSchema>;

/** Where an uninstall applies: the whole org, or a list of workspaces. */
export const UninstallTargetSchema = z.union([
  z.object({ enterpriseId: z.string().min(1) }).strict(),
  z.object({ teamIds: z.array(z.string().min(1)).min(1) }).strict(),
]);
export type UninstallTarget = z.infer<typeof UninstallTargetSchema>;

/**
 * The approval rule behind a decision: `by: 'rule'` when the rule decided by itself (`apply: auto`),
 * `by: 'admin'` when an admin accepted its suggestion. Set by main only: the renderer cannot claim it.
 */
export const RuleRefSchema = z
  .object({ name: z.string().min(1).max(200), by: z.enum(['rule', 'admin']) })
  .strict();
export type RuleRef = z.infer<typeof RuleRefSchema>;

const common = {
  id: z.string().min(1),
  createdAt: z.number(),
  note: z.string().max(2000).optional(),
  rule: RuleRefSchema.optional(),
  // Display names captured at decision time, for the queue panel and the audit log; never sent to Slack.
  appName: z.string().max(200).optional(),
  targetName: z.string().max(200).optional(),
};

export const ApproveActionSchema = z.object({
  kind: z.literal('approve'),
  ...common,
  requestId: z.string().optional(),
  appId: z.string().min(1),
  target: TargetSchema,
  botScopes: z.array(z.string()).optional(),
  userScopes: z.array(z.string()).optional(),
});
export const RestrictActionSchema = z.object({
  kind: z.literal('restrict'),
  ...common,
  requestId: z.string().optional(),
  appId: z.string().min(1),
  target: TargetSchema,
});
export const CancelActionSchema = z.object({
  kind: z.literal('cancel'),
  ...common,
  requestId: z.string().min(1),
  target: TargetSchema,
  // Not sent to Slack; kept so the audit log and the verifier can name the app.
  appId: z.string().optional(),
});
export const ClearResolutionActionSchema = z.object({
  kind: z.literal('clearResolution'),
  ...common,
  appId: z.string().min(1),
  target: TargetSchema,
});
export const UninstallActionSchema = z.object({
  kind: z.literal('uninstall'),
  ...common,
  appId: z.string().min(1),
  target: UninstallTargetSchema,
});

export const ActionSchema = z.discriminatedUnion('kind', [
  ApproveActionSchema,
  RestrictActionSchema,
  CancelActionSchema,
  ClearResolutionActionSchema,
  UninstallActionSchema,
]);
// What the renderer may send is held to Slack's shapes: IDs with their prefixes and lengths, at most
// 100 workspaces, bounded scope lists. (Records read back from disk were checked on the way in.)
const RequestTargetSchema = z.union([
  z.object({ teamId: TeamIdSchema }).strict(),
  z.object({ enterpriseId: EnterpriseIdSchema }).strict(),
]);
const RequestUninstallTargetSchema = z.union([
  z.object({ enterpriseId: EnterpriseIdSchema }).strict(),
  z.object({ teamIds: z.array(TeamIdSchema).min(1).max(MAX_TEAM_IDS) }).strict(),
]);
const bounded = { appId: AppIdSchema, target: RequestTargetSchema };
// Main assigns the id and time, and only main says a rule made a decision.
const omitAssigned = { id: true, createdAt: true, rule: true } as const;

/** What the renderer asks to queue: an action without the id and time main assigns. */
export const ActionRequestSchema = z.discriminatedUnion('kind', [
  ApproveActionSchema.omit(omitAssigned)
    .extend({
      ...bounded,
      requestId: RequestIdSchema.optional(),
      botScopes: ScopeListSchema.optional(),
      userScopes: ScopeListSchema.optional(),
    })
    .strict(),
  RestrictActionSchema.omit(omitAssigned)
    .extend({ ...bounded, requestId: RequestIdSchema.optional() })
    .strict(),
  CancelActionSchema.omit(omitAssigned)
    .extend({ requestId: RequestIdSchema, target: RequestTargetSchema, appId: AppIdSchema.optional() })
    .strict(),
  ClearResolutionActionSchema.omit(omitAssigned).extend(bounded).strict(),
  UninstallActionSchema.omit(omitAssigned)
    .extend({ appId: AppIdSchema, target: RequestUninstallTargetSchema })
    .strict(),
]);
export type ActionRequest = z.infer<typeof ActionRequestSchema>;

/** One admin decision, exactly as it will be sent to Slack. */
export type Action = z.infer<typeof ActionSchema>;
export type ActionKind = Action['kind'];

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** What a caller hands to `enqueue`: the queue fills in `id` and `createdAt` when absent. */
export type ActionInput = DistributiveOmit<Action, 'id' | 'createdAt'> & { id?: string; createdAt?: number };

export const ActionStateSchema = z.enum(['pending', 'sending', 'done', 'conflict', 'needs_attention']);
export type ActionState = z.infer<typeof ActionStateSchema>;

export const ActorSchema = z.object({ id: z.string(), name: z.string() });
/** Who made a decision, as the audit log names them. */
export type Actor = z.infer<typeof ActorSchema>;

export const QueuedActionSchema = z.object({
  id: z.string().min(1),
  seq: z.int().min(0),
  key: z.string().min(1),
  action: ActionSchema,
  state: ActionStateSchema,
  actor: ActorSchema,
  /** Attempts that count toward maxAttempts (network failures and reauth do not). */
  attempts: z.int().min(0),
  /** Consecutive failures of any kind; drives the backoff exponent. */
  failures: z.int().min(0),
  enqueuedAt: z.number(),
  /** Start of the max-age window; reset when an admin retries. */
  ageStart: z.number(),
  updatedAt: z.number(),
  nextAttemptAt: z.number(),
  lastError: z.object({ code: z.string(), category: z.string(), message: z.string() }).optional(),
  /** Why the action stopped: a conflict's description or what needs attention. */
  outcome: z.string().optional(),
});
/** The queue's durable record of one action. */
export type QueuedAction = z.infer<typeof QueuedActionSchema>;

/** The Slack method an action calls, used to pace through the rate limiter. */
export const methodOf = (kind: ActionKind): string =>
  ({
    approve: 'admin.apps.approve',
    restrict: 'admin.apps.restrict',
    cancel: 'admin.apps.requests.cancel',
    clearResolution: 'admin.apps.clearResolution',
    uninstall: 'admin.apps.uninstall',
  })[kind];

/** The ID of a target (`T…` or `E…`), as stored and shown. */
export const targetId = (target: Target): string =>
  'teamId' in target ? target.teamId : target.enterpriseId;

/** Where an action applies, as the audit log shows it. */
export const whereOf = (action: Action): string =>
  action.kind === 'uninstall'
    ? 'teamIds' in action.target
      ? action.target.teamIds.join(' ')
      : action.target.enterpriseId
    : targetId(action.target);

/**
 * The coalescing key: decisions on the same request share a key, as do request-less decisions on
 * the same app at the same place. Only one action per key is ever in flight.
 */
export const keyOf = (action: Action): string => {
  if (
    (action.kind === 'approve' || action.kind === 'restrict' || action.kind === 'cancel') &&
    action.requestId
  ) {
    return `request:${action.requestId}`;
  }
  if (action.kind === 'uninstall') {
    const where =
      'teamIds' in action.target ? [...action.target.teamIds].sort().join(',') : action.target.enterpriseId;
    return `app:${action.appId}@${where}`;
  }
  return `app:${action.kind === 'cancel' ? '' : action.appId}@${targetId(action.target)}`;
};

/** The scopes an action approves, for the audit log. */
export const scopesOf = (action: Action): string[] =>
  action.kind === 'approve' ? [...(action.botScopes ?? []), ...(action.userScopes ?? [])] : [];
