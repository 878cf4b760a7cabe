/** Builders for realistic Slack objects in store and sync tests: Slack's wire shape, mapped as the client maps it. */
import type { AppRequest, ResolvedApp } from '../../../shared/models';
import { toAppRequest, toResolvedApp, WireRequestSchema, WireResolvedAppSchema } from '../../slack/wire';

/** A request as Slack sends it; `n` varies ids, dates and scopes. `teamId` E… makes an org-level one. */
export const makeWireRequest = (
  n: number,
  teamId = 'T001',
  extra: Record<string, unknown> = {},
): Record<string, unknown> => ({
  id: `Ar${String(n).padStart(6, '0')}`,
  app: {
    id: `A${String(n % 500).padStart(5, '0')}`,
    name: `App ${n}`,
    description: `Does useful thing number ${n} for the team, with a description of realistic length.`,
    help_url: null,
    icons: {
      image_64: `https://example.com/icons/${n}-64.png`,
      image_48: `https://example.com/icons/${n}-48.png`,
    },
    app_directory_url: `https://slack.com/apps/A${n}`,
  },
  user: { id: `U${n}`, name: `user${n}`, email: `user${n}@example.com` },
  team: teamId.startsWith('E') ? null : { id: teamId, name: `Team ${teamId}`, domain: teamId.toLowerCase() },
  enterprise: teamId.startsWith('E') ? { id: teamId, name: 'Acme', domain: 'acme' } : null,
  scopes: [
    { name: 'chat:write', description: 'Send messages', is_sensitive: false, token_type: 'bot' },
    { name: 'channels:history', description: 'Read history', is_sensitive: true, token_type: 'bot' },
    { name: 'users:read', description: 'See people', is_sensitive: false, token_type: 'user' },
  ],
  previous_resolution:
    n % 3 === 0
      ? {
          status: 'approved',
          scopes: [{ name: 'chat:write', description: null, is_sensitive: false, token_type: 'bot' }],
        }
      : null,
  message: `Please approve app ${n}`,
  date_created: 1_700_000_000 + n,
  ...extra,
});

/** A valid app request in Admit's model, mapped from the wire shape. */
export const makeRequest = (n: number, teamId = 'T001', extra: Record<string, unknown> = {}): AppRequest =>
  toAppRequest(
    WireRequestSchema.parse(makeWireRequest(n, teamId, extra)),
    teamId.startsWith('E') ? { enterpriseId: teamId } : { teamId },
  );

/** A resolved (approved or restricted) app entry. */
export const makeResolved = (appId: string, extra: Record<string, unknown> = {}): ResolvedApp =>
  toResolvedApp(
    WireResolvedAppSchema.parse({
      app: { id: appId, name: `App ${appId}` },
      scopes: [],
      date_updated: 1,
      ...extra,
    }),
    false,
  );
