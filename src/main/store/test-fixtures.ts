/** Builders for realistic Slack objects in store and sync tests. */
import {
  AppRequestSchema,
  ResolvedAppSchema,
  type AppRequest,
  type ResolvedApp,
} from '../../shared/slack-types';

/** A valid app request; `n` varies ids, dates and scopes. */
export const makeRequest = (n: number, teamId = 'T001', extra: Record<string, unknown> = {}): AppRequest =>
  AppRequestSchema.parse({
    id: `Ar${String(n).padStart(6, '0')}`,
    app: {
      id: `A${String(n % 500).padStart(5, '0')}`,
      name: `App ${n}`,
      description: `Does useful thing number ${n} for the team, with a description of realistic length.`,
      icons: {
        image_64: `https://example.com/icons/${n}-64.png`,
        image_48: `https://example.com/icons/${n}-48.png`,
      },
      app_directory_url: `https://slack.com/apps/A${n}`,
    },
    user: { id: `U${n}`, name: `user${n}`, email: `user${n}@example.com` },
    team: { id: teamId, name: `Team ${teamId}`, domain: teamId.toLowerCase() },
    scopes: [
      { name: 'chat:write', description: 'Send messages', is_sensitive: false, token_type: 'bot' },
      { name: 'channels:history', description: 'Read history', is_sensitive: true, token_type: 'bot' },
      { name: 'users:read', description: 'See people', is_sensitive: false, token_type: 'user' },
    ],
    previous_resolution:
      n % 3 === 0
        ? {
            status: 'approved',
            scopes: [{ name: 'chat:write', description: '', is_sensitive: false, token_type: 'bot' }],
          }
        : null,
    message: `Please approve app ${n}`,
    date_created: 1_700_000_000 + n,
    ...extra,
  });

/** A resolved (approved or restricted) app entry. */
export const makeResolved = (appId: string): ResolvedApp =>
  ResolvedAppSchema.parse({ app: { id: appId, name: `App ${appId}` }, scopes: [], date_updated: 1 });
