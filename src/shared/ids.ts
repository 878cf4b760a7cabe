/**
 * The shapes and limits of what Slack identifies things by, checked wherever an ID or a list enters
 * Admit (the contract's inputs, the Slack client's arguments): Slack's IDs are uppercase letters and
 * digits after a fixed prefix, never empty, never long.
 */
import { z } from 'zod';

/** Longest ID Admit accepts (Slack's are about 9 to 12 characters). */
export const MAX_ID_LENGTH = 32;

const slackId = (pattern: RegExp, message: string) => z.string().max(MAX_ID_LENGTH).regex(pattern, message);

export const TeamIdSchema = slackId(/^T[A-Z0-9]{2,}$/, 'a workspace ID starts with T');
export const EnterpriseIdSchema = slackId(/^E[A-Z0-9]{2,}$/, 'an org ID starts with E');
export const AppIdSchema = slackId(/^A[A-Z0-9]{2,}$/, 'an app ID starts with A');
export const RequestIdSchema = slackId(/^Ar[A-Z0-9]{2,}$/, 'a request ID starts with Ar');

/** Most workspaces one uninstall names (admin.apps.uninstall `team_ids`). */
export const MAX_TEAM_IDS = 100;
/** Most scopes one approval lists per token type (Slack apps ask for far fewer). */
export const MAX_SCOPES = 200;

/** One OAuth scope name, as it goes into a comma list (`chat:write`, `users:read.email`). */
export const ScopeNameSchema = z
  .string()
  .max(100)
  .regex(/^[A-Za-z0-9_.:-]+$/, 'a scope name like chat:write');
export const ScopeListSchema = z.array(ScopeNameSchema).max(MAX_SCOPES);
