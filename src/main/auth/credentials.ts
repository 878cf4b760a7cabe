/** What Admit keeps per signed-in org: the user token, its rotation state and who it belongs to. */
import { z } from 'zod';

/** How long Slack keeps an unused refresh token valid. */
export const REFRESH_TOKEN_LIFETIME_MS = 30 * 24 * 60 * 60 * 1000;

/** Credentials for one org, as the vault stores them (inside the ciphertext). */
export const OrgCredentialsSchema = z.object({
  enterpriseId: z.string().min(1),
  enterpriseName: z.string().default(''),
  accessToken: z.string().min(1),
  refreshToken: z.string().min(1).optional(),
  /** When the access token expires (ms since epoch); absent when it does not expire. */
  expiresAt: z.number().optional(),
  /** When the refresh token stops working if unused (ms since epoch). */
  refreshExpiresAt: z.number().optional(),
  user: z.object({ id: z.string(), name: z.string().default('') }),
  scopes: z.array(z.string()).default([]),
});
export type OrgCredentials = z.infer<typeof OrgCredentialsSchema>;
