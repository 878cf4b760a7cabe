import { describe, expect, it } from 'vitest';
import {
  createDemoOrg,
  DEMO_CERTIFIED_REQUEST_COUNT,
  DEMO_ORG_LEVEL_REQUEST_COUNT,
  DEMO_REQUEST_COUNT,
  DEMO_WORKSPACE_REQUEST_COUNT,
} from './demo-org';
import { generateOrg } from './generate-org';
import type { OrgData } from './types';
import type { WireApp } from './wire-types';

// Slack-shaped IDs, written here from Slack's examples (T…, E…, A…, Ar…, W…), not from Admit's schemas.
const TEAM_ID = /^T[A-Z0-9]{2,}$/;
const ENTERPRISE_ID = /^E[A-Z0-9]{2,}$/;
const APP_ID = /^A[A-Z0-9]{2,}$/;
const REQUEST_ID = /^Ar[A-Z0-9]{2,}$/;
const USER_ID = /^W[A-Z0-9]+$/;

const NULLABLE_APP_FIELDS: (keyof WireApp)[] = [
  'description',
  'help_url',
  'privacy_policy_url',
  'app_homepage_url',
  'app_directory_url',
  'additional_info',
  'icons',
];

const certifiedIds = (org: OrgData): Set<string> =>
  new Set(org.apps.filter((a) => a.certified).map((a) => a.app.id));

describe('demo org', () => {
  const org = createDemoOrg();
  const requests = org.requests;
  const workspace = requests.filter((r) => r.team !== null);
  const orgLevel = requests.filter((r) => r.team === null);

  it('is deterministic', () => {
    expect(JSON.stringify(createDemoOrg())).toBe(JSON.stringify(org));
  });

  it('has the exported counts: workspace and org-level requests, some for certified apps', () => {
    expect(requests).toHaveLength(DEMO_REQUEST_COUNT);
    expect(workspace).toHaveLength(DEMO_WORKSPACE_REQUEST_COUNT);
    expect(orgLevel).toHaveLength(DEMO_ORG_LEVEL_REQUEST_COUNT);
    expect(DEMO_WORKSPACE_REQUEST_COUNT + DEMO_ORG_LEVEL_REQUEST_COUNT).toBe(DEMO_REQUEST_COUNT);
    expect(DEMO_ORG_LEVEL_REQUEST_COUNT).toBeGreaterThanOrEqual(3);
    expect(DEMO_CERTIFIED_REQUEST_COUNT).toBeGreaterThanOrEqual(2);
    const certified = certifiedIds(org);
    expect(requests.filter((r) => certified.has(r.app.id))).toHaveLength(DEMO_CERTIFIED_REQUEST_COUNT);
    // Certified requests at both levels, so a client must combine certified=true with enterprise_id.
    expect(workspace.some((r) => certified.has(r.app.id))).toBe(true);
    expect(orgLevel.some((r) => certified.has(r.app.id))).toBe(true);
  });

  it('spreads workspace requests over at least 3 of its workspaces', () => {
    const teams = new Set(workspace.map((r) => r.team?.id));
    expect(teams.size).toBeGreaterThanOrEqual(3);
    for (const t of teams) expect(org.teams.map((x) => x.id)).toContain(t);
  });

  it('sends org-level requests with team: null and the org as enterprise', () => {
    for (const r of orgLevel) expect(r.enterprise).toEqual(org.enterprise);
  });

  it('sends workspace requests with enterprise: null mostly, and the org object on some', () => {
    const nulls = workspace.filter((r) => r.enterprise === null).length;
    expect(nulls).toBeGreaterThan(workspace.length / 2);
    expect(nulls).toBeLessThan(workspace.length);
    for (const r of workspace) if (r.enterprise) expect(r.enterprise).toEqual(org.enterprise);
  });

  it('sends null for display strings Slack may leave unset, and strings elsewhere', () => {
    const apps = requests.map((r) => r.app);
    for (const field of NULLABLE_APP_FIELDS) {
      expect(
        apps.some((a) => a[field] === null),
        `${field} null`,
      ).toBe(true);
      expect(
        apps.some((a) => a[field] !== null),
        `${field} set`,
      ).toBe(true);
    }
    expect(requests.some((r) => r.message === null)).toBe(true);
    expect(requests.some((r) => r.message === '')).toBe(true);
    expect(requests.some((r) => (r.message ?? '').length > 0)).toBe(true);
    const scopes = requests.flatMap((r) => r.scopes);
    expect(scopes.some((s) => s.description === null)).toBe(true);
    expect(scopes.some((s) => (s.description ?? '').length > 0)).toBe(true);
    // Null strings on workspace requests too, not only at org level.
    expect(workspace.some((r) => NULLABLE_APP_FIELDS.some((f) => r.app[f] === null))).toBe(true);
  });

  it('carries an undocumented extra field (clients must ignore unknown fields)', () => {
    expect(requests.some((r) => r.app.is_granular_bot_app === true)).toBe(true);
  });

  it('uses Slack-shaped, unique IDs', () => {
    expect(org.enterprise.id).toMatch(ENTERPRISE_ID);
    expect(org.enterprise.name).toBe('Acme Corp');
    for (const t of org.teams) expect(t.id).toMatch(TEAM_ID);
    for (const r of requests) {
      expect(r.id).toMatch(REQUEST_ID);
      expect(r.app.id).toMatch(APP_ID);
      expect(r.user.id).toMatch(USER_ID);
    }
    expect(new Set(requests.map((r) => r.id)).size).toBe(DEMO_REQUEST_COUNT);
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
        if (url !== null) expect(url).toMatch(/^https:\/\//);
    }
    const scopes = requests.flatMap((r) => r.scopes);
    expect(scopes.some((s) => s.is_sensitive)).toBe(true);
    expect(scopes.some((s) => s.is_optional)).toBe(true);
    expect(new Set(scopes.map((s) => s.token_type))).toEqual(new Set(['bot', 'user']));
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
    expect(new Set(dates).size).toBe(DEMO_REQUEST_COUNT);
    expect(Math.max(...dates) - Math.min(...dates)).toBeGreaterThan(40 * 86_400);
    expect(Math.max(...dates) - Math.min(...dates)).toBeLessThanOrEqual(61 * 86_400);
  });

  it('has resolutions at workspace and org level (one for a certified app), a protected and an org-deployed app', () => {
    const targets = new Set(org.resolutions.map((r) => r.target));
    expect(targets.has(org.enterprise.id)).toBe(true);
    expect([...targets].some((t) => t.startsWith('T'))).toBe(true);
    expect(org.resolutions.some((r) => r.status === 'restricted')).toBe(true);
    expect(org.resolutions.some((r) => certifiedIds(org).has(r.app_id))).toBe(true);
    expect(org.protectedAppIds).toHaveLength(1);
    expect(org.apps.find((a) => a.app.id === org.protectedAppIds[0])?.app.name).toBe(
      'Okta SCIM Provisioning',
    );
    expect(org.apps.some((a) => a.orgDeployed)).toBe(true);
  });
});

describe('generated org', () => {
  const org = generateOrg({ requests: 5_000, workspaces: 12, seed: 4 });

  it('makes about 10% of requests at org level, with team: null and the org as enterprise', () => {
    const orgLevel = org.requests.filter((r) => r.team === null);
    expect(orgLevel.length / org.requests.length).toBeGreaterThan(0.07);
    expect(orgLevel.length / org.requests.length).toBeLessThan(0.13);
    for (const r of orgLevel) expect(r.enterprise).toEqual(org.enterprise);
    expect(org.requests.some((r) => r.team !== null && r.enterprise === null)).toBe(true);
    expect(org.requests.some((r) => r.team !== null && r.enterprise !== null)).toBe(true);
  });

  it('has requests for certified apps and apps with null display strings', () => {
    const certified = certifiedIds(org);
    expect(org.requests.some((r) => certified.has(r.app.id))).toBe(true);
    expect(org.requests.some((r) => r.app.description === null && r.app.icons === null)).toBe(true);
    expect(org.requests.some((r) => r.message === null)).toBe(true);
  });

  it('is deterministic', () => {
    const again = generateOrg({ requests: 5_000, workspaces: 12, seed: 4 });
    expect(JSON.stringify(again.requests)).toBe(JSON.stringify(org.requests));
  });
});
