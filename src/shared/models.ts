/**
 * Admit's own model of Slack's admin.apps data: every display string present (empty when Slack sent
 * `null`), every request's level explicit. Slack's wire format is parsed and mapped into these once,
 * in `src/main/slack/wire.ts`; nothing else reads Slack's JSON. The schemas re-validate what the
 * cache reads back from disk.
 */
import { z } from 'zod';
import { TargetSchema } from './actions';

export { AppIdSchema, EnterpriseIdSchema, RequestIdSchema, TeamIdSchema } from './ids';

export const TokenTypeSchema = z.enum(['bot', 'user']);
export type TokenType = z.infer<typeof TokenTypeSchema>;

/** One OAuth scope on a request or a resolved app. */
export const ScopeSchema = z.object({
  name: z.string().min(1),
  description: z.string(),
  is_sensitive: z.boolean(),
  token_type: TokenTypeSchema,
  is_optional: z.boolean().optional(),
  is_approved: z.boolean().optional(),
});
export type Scope = z.infer<typeof ScopeSchema>;

export const DeveloperTypeSchema = z.enum(['internal', 'third_party', 'slack']);
export type DeveloperType = z.infer<typeof DeveloperTypeSchema>;

/** An app as Admit shows it. `name` falls back to the ID when Slack sent none. */
export const AppSchema = z.object({
  id: z.string().min(1),
  name: z.string(),
  description: z.string(),
  help_url: z.string(),
  privacy_policy_url: z.string(),
  app_homepage_url: z.string(),
  app_directory_url: z.string(),
  is_app_directory_approved: z.boolean(),
  is_internal: z.boolean(),
  /** Slack's developer type; an unknown value is kept as sent. */
  developer_type: z.string(),
  icons: z.record(z.string(), z.string()),
  additional_info: z.string(),
});
export type App = z.infer<typeof AppSchema>;

export const ResolutionStatusSchema = z.enum(['approved', 'restricted']);
export type ResolutionStatus = z.infer<typeof ResolutionStatusSchema>;

/** The decision an admin made before this request, with the scopes it covered. */
export const PreviousResolutionSchema = z.object({
  status: ResolutionStatusSchema,
  scopes: z.array(ScopeSchema),
});
export type PreviousResolution = z.infer<typeof PreviousResolutionSchema>;

/** Where a request was made: one workspace, or the whole org (Slack sends `team: null` for those). */
export const RequestLevelSchema = z.enum(['workspace', 'org']);
export type RequestLevel = z.infer<typeof RequestLevelSchema>;

export const PersonSchema = z.object({ id: z.string(), name: z.string(), email: z.string() });
export type Person = z.infer<typeof PersonSchema>;

/** A pending app request. */
export const AppRequestSchema = z.object({
  id: z.string().min(1),
  app: AppSchema,
  previous_resolution: PreviousResolutionSchema.nullable(),
  user: PersonSchema,
  level: RequestLevelSchema,
  /** The request's own target: its workspace, or the org for an org-level request. */
  target: TargetSchema,
  /** The workspace's name (or the org's, for an org-level request); the ID when Slack sent none. */
  targetName: z.string(),
  scopes: z.array(ScopeSchema),
  message: z.string(),
  is_user_app_collaborator: z.boolean(),
  /** Unix seconds, as Slack sends it. */
  date_created: z.number(),
});
export type AppRequest = z.infer<typeof AppRequestSchema>;

/** An app approved or restricted at a workspace or the org (approved.list / restricted.list). */
export const ResolvedAppSchema = z.object({
  app: AppSchema,
  scopes: z.array(ScopeSchema),
  /** Unix seconds; 0 when Slack sent none (then it proves nothing about when it changed). */
  date_updated: z.number(),
  last_resolved_by: z.object({ actor_id: z.string(), actor_type: z.string() }).nullable(),
  /** Read from the `certified=true` variant of the list. */
  certified: z.boolean(),
});
export type ResolvedApp = z.infer<typeof ResolvedAppSchema>;

/** A workspace of the org (admin.teams.list). */
export const TeamSchema = z.object({ id: z.string().min(1), name: z.string() });
export type Team = z.infer<typeof TeamSchema>;

/** Who a token is (auth.test), plus the scopes Slack says it was granted. */
export type AuthTest = {
  url: string;
  team: string;
  user: string;
  team_id: string;
  user_id: string;
  enterprise_id?: string;
  is_enterprise_install?: boolean;
  /** From Slack's `x-oauth-scopes` header; null when Slack sent none. */
  grantedScopes: string[] | null;
};
