import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS } from '../policy/load-policy';
import { DEFAULT_REDIRECT_PORTS } from './loopback';
import { ADMIT_USER_SCOPES, missingAdmitScopes } from './oauth';

type Manifest = {
  display_information: { name: string; description?: string };
  oauth_config: { redirect_urls: string[]; scopes: { user?: string[]; bot?: string[] } };
  settings: Record<string, unknown>;
};

const manifest = JSON.parse(
  readFileSync(path.join(import.meta.dirname, '../../../resources/slack-app-manifest.json'), 'utf8'),
) as Manifest;

describe('the Slack app manifest (resources/slack-app-manifest.json)', () => {
  it('asks for exactly the user scopes Admit requires at sign-in, and no bot scopes', () => {
    const user = manifest.oauth_config.scopes.user ?? [];
    expect([...user].sort()).toEqual([...ADMIT_USER_SCOPES].sort());
    expect(missingAdmitScopes(user)).toEqual([]);
    expect(manifest.oauth_config.scopes.bot ?? []).toEqual([]);
  });

  it('registers the loopback callback of every default redirect port', () => {
    const expected = DEFAULT_REDIRECT_PORTS.map((port) => `http://localhost:${port}/callback`);
    expect(manifest.oauth_config.redirect_urls).toEqual(expected);
    expect(DEFAULT_SETTINGS.redirectPorts).toEqual([...DEFAULT_REDIRECT_PORTS]);
  });

  it('installs org-wide with rotating tokens, within Slack’s limits', () => {
    expect(manifest.settings).toMatchObject({ org_deploy_enabled: true, token_rotation_enabled: true });
    expect(manifest.display_information.name.length).toBeLessThanOrEqual(35);
    expect((manifest.display_information.description ?? '').length).toBeLessThanOrEqual(140);
  });
});
