import { describe, expect, it } from 'vitest';
import { targetId } from '../../shared/actions';
import type { AppRequest, Scope } from '../../shared/models';
import type { ScopeDiffRow } from '../../shared/view-types';
import { createDemoOrg } from '../../simulator';
import { toAppRequest, toResolvedApp, WireRequestSchema, WireResolvedAppSchema } from '../slack/wire';
import { catalogRisk, maxRisk, scopeRisk } from './scope-catalog';
import { buildScopeDiff } from './scope-diff';

const key = (s: { name: string; token_type?: string; tokenType?: string }): string =>
  `${s.token_type ?? s.tokenType}:${s.name}`;

const rowsOf = (diff: ReturnType<typeof buildScopeDiff>): ScopeDiffRow[] => [...diff.bot, ...diff.user];

describe('scope diff for every demo request', () => {
  const org = createDemoOrg();
  // The demo org as Admit reads it: Slack's wire shape through the wire schemas and mapping.
  const requests: AppRequest[] = org.requests.map((w) => {
    const wire = WireRequestSchema.parse(w);
    return toAppRequest(wire, wire.team ? { teamId: wire.team.id } : { enterpriseId: org.enterprise.id });
  });
  const scopesOf = (appId: string, target: string): Scope[] => {
    const r = org.resolutions.find(
      (x) => x.app_id === appId && x.target === target && x.status === 'approved',
    );
    if (!r) return [];
    const app = org.apps.find((a) => a.app.id === appId)!.app;
    return toResolvedApp(
      WireResolvedAppSchema.parse({ app, scopes: r.scopes, date_updated: r.date_updated }),
      false,
    ).scopes;
  };
  // What is approved now for the app where the request was made: there, and at the org (which applies everywhere).
  const approvedFor = (appId: string, target: string): Scope[] => [
    ...(target === org.enterprise.id ? [] : scopesOf(appId, target)),
    ...scopesOf(appId, org.enterprise.id),
  ];

  it('covers whole-org requests too', () => {
    expect(requests.filter((r) => r.level === 'org').length).toBeGreaterThanOrEqual(3);
  });

  it.each(requests.map((r) => [`${r.app.name} on ${r.targetName} (${r.id})`, r] as const))(
    '%s: every scope is added, unchanged or removed exactly as the three lists say',
    (_name, request) => {
      const previous = request.previous_resolution?.scopes ?? null;
      const approved = approvedFor(request.app.id, targetId(request.target));
      const diff = buildScopeDiff(request.scopes, previous, approved);
      const rows = rowsOf(diff);
      const requested = new Set(request.scopes.map(key));
      const before = new Set((previous ?? []).map(key));
      const now = new Set(approved.map(key));

      // Bot and user scopes apart, each row once.
      expect(diff.bot.every((r) => r.tokenType === 'bot')).toBe(true);
      expect(diff.user.every((r) => r.tokenType === 'user')).toBe(true);
      expect(new Set(rows.map(key)).size).toBe(rows.length);
      // Every requested scope is shown, and nothing that was never requested or granted.
      for (const k of requested) expect(rows.some((r) => key(r) === k)).toBe(true);
      for (const r of rows) expect(requested.has(key(r)) || before.has(key(r)) || now.has(key(r))).toBe(true);

      for (const r of rows) {
        const k = key(r);
        expect(r.requested).toBe(requested.has(k));
        const vsPrevious =
          previous === null ? null : requested.has(k) ? (before.has(k) ? 'unchanged' : 'added') : 'removed';
        expect(r.vsPrevious, `${k} vs previous`).toBe(vsPrevious);
        if (requested.has(k))
          expect(r.vsApproved, `${k} vs approved`).toBe(now.has(k) ? 'unchanged' : 'added');
        else if (now.has(k)) expect(r.vsApproved).toBe('removed');
        const source = request.scopes.find((s) => key(s) === k);
        if (source) {
          expect(r.sensitive).toBe(source.is_sensitive);
          expect(r.optional).toBe(source.is_optional === true);
          expect(r.description).toBe(source.description);
        }
        if (r.sensitive) expect(r.risk).toBe('high');
      }
      expect(diff.hasPrevious).toBe(previous !== null);
    },
  );

  it('shows added, removed and unchanged together where the demo has them (Jira Cloud on Engineering)', () => {
    const jira = requests.find((r) => r.app.name === 'Jira Cloud' && r.targetName === 'Acme Engineering');
    const diff = buildScopeDiff(jira!.scopes, jira!.previous_resolution?.scopes ?? null, []);
    const changes = new Set(rowsOf(diff).map((r) => r.vsPrevious));
    expect(changes).toEqual(new Set(['added', 'removed', 'unchanged']));
  });
});

describe('scope risk catalog', () => {
  it('ranks admin and history scopes high, writes medium, the rest low', () => {
    expect(catalogRisk('admin')).toBe('high');
    expect(catalogRisk('channels:history')).toBe('high');
    expect(catalogRisk('admin.users:write')).toBe('high');
    expect(catalogRisk('chat:write')).toBe('medium');
    expect(catalogRisk('emoji:read')).toBe('low');
  });

  it('never shows a scope Slack calls sensitive below high, and takes the worst of a request', () => {
    expect(scopeRisk({ name: 'emoji:read', is_sensitive: true })).toBe('high');
    expect(
      maxRisk([
        { name: 'emoji:read', is_sensitive: false },
        { name: 'chat:write', is_sensitive: false },
      ]),
    ).toBe('medium');
    expect(maxRisk([])).toBe('low');
  });
});
