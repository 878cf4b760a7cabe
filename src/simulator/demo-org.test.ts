import { describe, expect, it } from 'vitest';
import {
  AppRequestSchema,
  AppIdSchema,
  EnterpriseIdSchema,
  RequestIdSchema,
  TeamIdSchema,
} from '../shared/slack-types';
import { createDemoOrg } from './demo-org';

describe('demo org', () => {
  const org = createDemoOrg();
  const requests = org.requests;

  it('is deterministic', () => {
    expect(JSON.stringify(createDemoOrg())).toBe(JSON.stringify(org));
  });

  it('has 60 pending workspace-level requests over at least 3 workspaces', () => {
    expect(requests).toHaveLength(60);
    const teams = new Set(requests.map((r) => r.team.id));
    expect(teams.size).toBeGreaterThanOrEqual(3);
    for (const t of teams) expect(org.teams.map((x) => x.id)).toContain(t);
    expect(requests.every((r) => r.team.id !== org.enterprise.id)).toBe(true);
  });

  it('uses Slack-shaped, unique IDs', () => {
    EnterpriseIdSchema.parse(org.enterprise.id);
    expect(org.enterprise.name).toBe('Acme Corp');
    for (const t of org.teams) TeamIdSchema.parse(t.id);
    for (const r of requests) {
      RequestIdSchema.parse(r.id);
      AppIdSchema.parse(r.app.id);
      expect(r.user.id).toMatch(/^W[A-Z0-9]+$/);
      AppRequestSchema.strict().parse(r);
    }
    expect(new Set(requests.map((r) => r.id)).size).toBe(60);
    expect(new Set(org.apps.map((a) => a.app.id)).size).toBe(org.apps.length);
  });

  it('has the variety the inbox needs', () => {
    const apps = new Map(requests.map((r) => [r.app.id, r.app]));
    expect(apps.size).toBeGreaterThanOrEqual(25);
    const types = new Set([...apps.values()].map((a) => a.developer_type));
    expect(types).toEqual(new Set(['internal', 'third_party', 'slack']));
    expect([...apps.values()].some((a) => a.is_app_directory_approved)).toBe(true);
    expect([...apps.values()].some((a) => !a.is_app_directory_approved)).toBe(true);
    for (const a of apps.values()) {
      for (const url of [a.privacy_policy_url, a.help_url, a.app_homepage_url])
        expect(url).toMatch(/^https:\/\//);
      expect(a.description).not.toBe('');
    }
    const scopes = requests.flatMap((r) => r.scopes);
    expect(scopes.some((s) => s.is_sensitive)).toBe(true);
    expect(scopes.some((s) => s.is_optional)).toBe(true);
    expect(new Set(scopes.map((s) => s.token_type))).toEqual(new Set(['bot', 'user']));
    expect(scopes.every((s) => s.description.length > 0)).toBe(true);
    expect(requests.some((r) => r.message === '')).toBe(true);
    expect(requests.some((r) => r.message.length > 0)).toBe(true);
    expect(new Set(requests.map((r) => r.user.email)).size).toBeGreaterThan(5);
  });

  it('has previous resolutions whose scopes differ from the new request (added, removed, unchanged)', () => {
    const withPrev = requests.filter((r) => r.previous_resolution);
    expect(withPrev.length).toBeGreaterThanOrEqual(4);
    expect(withPrev.some((r) => r.previous_resolution!.status === 'restricted')).toBe(true);
    const diffs = withPrev.map((r) => {
      const now = new Set(r.scopes.map((s) => s.name));
      const before = new Set(r.previous_resolution!.scopes.map((s) => s.name));
      return {
        added: [...now].filter((n) => !before.has(n)).length,
        removed: [...before].filter((n) => !now.has(n)).length,
        same: [...now].filter((n) => before.has(n)).length,
      };
    });
    expect(diffs.some((d) => d.added > 0 && d.removed > 0 && d.same > 0)).toBe(true);
  });

  it('spreads dates over about 60 days, all distinct', () => {
    const dates = requests.map((r) => r.date_created);
    expect(new Set(dates).size).toBe(60);
    expect(Math.max(...dates) - Math.min(...dates)).toBeGreaterThan(40 * 86_400);
    expect(Math.max(...dates) - Math.min(...dates)).toBeLessThanOrEqual(61 * 86_400);
  });

  it('has existing resolutions at workspace and org level and one protected app', () => {
    const targets = new Set(org.resolutions.map((r) => r.target));
    expect(targets.has(org.enterprise.id)).toBe(true);
    expect([...targets].some((t) => t.startsWith('T'))).toBe(true);
    expect(org.resolutions.some((r) => r.status === 'restricted')).toBe(true);
    expect(org.protectedAppIds).toHaveLength(1);
    expect(org.apps.find((a) => a.app.id === org.protectedAppIds[0])?.app.name).toBe(
      'Okta SCIM Provisioning',
    );
  });
});
