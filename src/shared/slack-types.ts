/**
 * Slack's admin.apps domain as Admit reads it, written from `shared/reference/slack-methods/*.json`
 * (the SDK's own `app_requested` types are wrong). Schemas parse Slack's responses at the edge,
 * keeping unknown fields out and failing loudly on a shape we do not understand.
 */
import { z } from 'zod';

export const TeamIdSchema = z.string().regex(/^T[A-Z0-9]{2,}$/, 'a workspace ID starts with T');
export const EnterpriseIdSchema = z.string().regex(/^E[A-Z0-9]{2,}$/, 'an org ID starts with E');
export const AppIdSchema = z.string().regex(/^A[A-Z0-9]{2,}$/, 'an app ID starts with A');
export const RequestIdSchema = z.string().regex(/^Ar[A-Z0-9]{2,}$/, 'a request ID starts with Ar');

export const TokenTypeSchema = z.enum(['bot', 'user']);
export type TokenType = z.infer<typeof TokenTypeSchema>;

/** One OAuth scope as Slack lists it on a request or an approved/restricted app. */
export const ScopeSchema = z.object({
  name: z.string(),
  description: z.string().default(''),
  is_sensitive: z.boolean().default(false),
  token_type: TokenTypeSchema,
  is_optional: z.boolean().optional(),
  is_approved: z.boolean().optional(),
});
export type Scope = z.infer<typeof ScopeSchema>;

export const DeveloperTypeSchema = z.enum(['internal', 'third_party', 'slack']);
export type DeveloperType = z.infer<typeof DeveloperTypeSchema>;

export const AppSchema = z.object({
  id: z.string(),
  name: z.string(),
  description: z.string().default(''),
  help_url: z.string().default(''),
  privacy_policy_url: z.string().default(''),
  app_homepage_url: z.string().default(''),
  app_directory_url: z.string().default(''),
  is_app_directory_approved: z.boolean().default(false),
  is_internal: z.boolean().default(false),
  developer_type: z.string().default('third_party'),
  socket_mode_enabled: z.boolean().optional(),
  icons: z.record(z.string(), z.string()).default({}),
  additional_info: z.string().default(''),
});
export type App = z.infer<typeof AppSchema>;

export const ResolutionStatusSchema = z.enum(['approved', 'restricted']);
export type ResolutionStatus = z.infer<typeof ResolutionStatusSchema>;

/** The decision an admin made before this request, with the scopes it covered. */
export const PreviousResolutionSchema = z.object({
  status: ResolutionStatusSchema,
  scopes: z.array(ScopeSchema).default([]),
});
export type PreviousResolution = z.infer<typeof PreviousResolutionSchema>;

export const AppRequestSchema = z.object({
  id: z.string(),
  app: AppSchema,
  previous_resolution: PreviousResolutionSchema.nullable().default(null),
  user: z.object({ id: z.string(), name: z.string().default(''), email: z.string().default('') }),
  team: z.object({ id: z.string(), name: z.string().default(''), domain: z.string().default('') }),
  enterprise: z
    .object({ id: z.string(), name: z.string().default(''), domain: z.string().default('') })
    .optional(),
  scopes: z.array(ScopeSchema).default([]),
  message: z.string().default(''),
  is_user_app_collaborator: z.boolean().default(false),
  date_created: z.number(),
});
export type AppRequest = z.infer<typeof AppRequestSchema>;

/** An app already approved or restricted at a workspace or the org (approved.list / restricted.list). */
export const ResolvedAppSchema = z.object({
  app: AppSchema,
  scopes: z.array(ScopeSchema).default([]),
  date_updated: z.number().default(0),
  last_resolved_by: z.object({ actor_id: z.string(), actor_type: z.string() }).optional(),
});
export type ResolvedApp = z.infer<typeof ResolvedAppSchema>;

export const TeamSchema = z.object({
  id: z.string(),
  name: z.string(),
  discoverability: z.string().optional(),
  primary_owner: z.object({ user_id: z.string(), email: z.string() }).optional(),
  team_url: z.string().optional(),
});
export type Team = z.infer<typeof TeamSchema>;

export const AuthTestSchema = z.object({
  url: z.string().default(''),
  team: z.string().default(''),
  user: z.string().default(''),
  team_id: z.string().default(''),
  user_id: z.string().default(''),
  enterprise_id: z.string().optional(),
  is_enterprise_install: z.boolean().optional(),
});
export type AuthTest = z.infer<typeof AuthTestSchema>;
