import { describe, expect, it } from 'vitest';
import { detailOf, summary } from '../test-support/fixtures';
import { approvalPlan, buildDecision, chosenScopes, scopeKey } from './decisions';

const r = summary(1, { teamId: 'T9', teamName: 'Acme HQ', appName: 'Zoom' });
const ctx = { enterpriseId: 'E1', enterpriseName: 'Acme Corp', level: 'workspace' as const, note: '' };

describe('scope selection', () => {
  const diff = detailOf(r).scopeDiff;

  it('sends no scope lists when nothing was deselected', () => {
    expect(chosenScopes(diff, new Set())).toBeUndefined();
  });

  it('sends the selected requested scopes of each token type once an optional one is deselected', () => {
    const dropped = new Set([scopeKey({ tokenType: 'bot', name: 'users:read.email' })]);
    expect(chosenScopes(diff, dropped)).toEqual({
      botScopes: ['chat:write', 'channels:read'],
      userScopes: ['search:read'],
    });
  });

  it('ignores a deselection of a scope that is not optional', () => {
    expect(chosenScopes(diff, new Set(['bot:chat:write']))).toBeUndefined();
  });

  it('puts the chosen scopes on the approve action', () => {
    const scopes = chosenScopes(diff, new Set(['user:search:read']));
    expect(buildDecision('approve', r, { ...ctx, scopes })).toEqual({
      kind: 'approve',
      appId: 'A1',
      requestId: r.id,
      target: { teamId: 'T9' },
      botScopes: ['chat:write', 'users:read.email', 'channels:read'],
      userScopes: [],
      appName: 'Zoom',
      targetName: 'Acme HQ',
    });
  });
});

describe('decision targets', () => {
  it('sends the request id only for workspace-level decisions', () => {
    expect(buildDecision('restrict', r, { ...ctx, level: 'org', note: ' risky ' })).toEqual({
      kind: 'restrict',
      appId: 'A1',
      target: { enterpriseId: 'E1' },
      appName: 'Zoom',
      targetName: 'Acme Corp',
      note: 'risky',
    });
  });

  it('cancels at the request’s own workspace and names the app', () => {
    expect(buildDecision('cancel', r, ctx)).toMatchObject({
      kind: 'cancel',
      requestId: r.id,
      target: { teamId: 'T9' },
      appId: 'A1',
    });
  });

  it('decides a whole-org request by request_id with enterprise_id, at either level', () => {
    const orgRequest = summary(2, { teamId: 'E1', teamName: 'Whole org', level: 'org' });
    for (const level of ['workspace', 'org'] as const) {
      for (const kind of ['approve', 'restrict', 'cancel'] as const) {
        expect(buildDecision(kind, orgRequest, { ...ctx, level })).toMatchObject({
          target: { enterpriseId: 'E1' },
          requestId: orgRequest.id,
        });
      }
    }
    expect(buildDecision('uninstall', orgRequest, ctx)).toMatchObject({ target: { enterpriseId: 'E1' } });
  });

  it('refuses an approval that leaves a token type with none of its scopes (Slack would read it as all)', () => {
    const d = detailOf(r);
    expect(approvalPlan(d, new Set()).ok).toBe(true);
    expect(approvalPlan(d, new Set(['bot:channels:read']))).toEqual({
      ok: true,
      send: { botScopes: ['chat:write', 'users:read.email'], userScopes: ['search:read'] },
    });
    const onlyUser = approvalPlan(d, new Set(['user:search:read']));
    expect(onlyUser.ok).toBe(false);
    expect(!onlyUser.ok && onlyUser.reason).toMatch(/without any of its user token scopes.*restrict/i);
  });

  it('sends no list at all for a token type the app never asked for', () => {
    const d = detailOf(r);
    const botOnly = { ...d, scopeDiff: { ...d.scopeDiff, user: [] } };
    expect(approvalPlan(botOnly, new Set(['bot:channels:read']))).toEqual({
      ok: true,
      send: { botScopes: ['chat:write', 'users:read.email'] },
    });
  });

  it('uninstalls from the workspace or from the whole org', () => {
    expect(buildDecision('uninstall', r, ctx)).toMatchObject({ target: { teamIds: ['T9'] } });
    expect(buildDecision('uninstall', r, { ...ctx, level: 'org' })).toMatchObject({
      target: { enterpriseId: 'E1' },
    });
  });
});
