import { describe, expect, it } from 'vitest';
import { planApproval, type RequestedScope } from './approval';

const requested: RequestedScope[] = [
  { name: 'chat:write', tokenType: 'bot' },
  { name: 'commands', tokenType: 'bot' },
  { name: 'search:read', tokenType: 'user' },
];

describe('planApproval: never more than the admin chose', () => {
  it('approves what was requested when nothing was deselected', () => {
    expect(planApproval('Zoom', requested, undefined)).toEqual({ ok: true, send: {} });
  });

  it('sends both lists exactly when some scopes were left out', () => {
    expect(
      planApproval('Zoom', requested, { botScopes: ['chat:write'], userScopes: ['search:read'] }),
    ).toEqual({
      ok: true,
      send: { botScopes: ['chat:write'], userScopes: ['search:read'] },
    });
  });

  it.each([
    ['an empty user list', { botScopes: ['chat:write'], userScopes: [] }, /user token scopes.*user_scopes/],
    ['a missing user list', { botScopes: ['chat:write'] }, /user token scopes/],
    ['an empty bot list', { botScopes: [], userScopes: ['search:read'] }, /bot token scopes.*bot_scopes/],
  ])('refuses %s, which Slack would read as every requested scope', (_name, chosen, reason) => {
    const plan = planApproval('Zoom', requested, chosen);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.reason).toMatch(reason);
    expect(!plan.ok && plan.reason).toMatch(/restrict the app instead/);
  });

  it('refuses a scope that was never requested', () => {
    const plan = planApproval('Zoom', requested, {
      botScopes: ['chat:write', 'admin'],
      userScopes: ['search:read'],
    });
    expect(plan).toEqual({
      ok: false,
      reason: 'Zoom did not request the bot token scope admin; Admit approves only requested scopes.',
    });
  });

  it('leaves out the list of a token type nothing was requested for', () => {
    const botOnly = requested.filter((s) => s.tokenType === 'bot');
    expect(planApproval('Zoom', botOnly, { botScopes: ['commands'], userScopes: [] })).toEqual({
      ok: true,
      send: { botScopes: ['commands'] },
    });
  });
});
