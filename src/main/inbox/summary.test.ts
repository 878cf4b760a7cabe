import { describe, expect, it } from 'vitest';
import { makeRequest, makeResolved } from '../store/test-support/fixtures';
import { toDetail, toSummary } from './summary';

describe('request summary and detail', () => {
  it('shows a whole-org request as "Whole org", at the org level', () => {
    const org = makeRequest(1, 'E001');
    expect(toSummary(org)).toMatchObject({ teamId: 'E001', teamName: 'Whole org', level: 'org' });
    expect(toDetail(org)).toMatchObject({ suggestedLevel: 'org', levelNote: null });
  });

  it('a workspace request for an app resolved at the org defaults to an org-level decision, saying why', () => {
    const ws = makeRequest(1, 'T001');
    const approvedAtOrg = makeResolved(ws.app.id, {
      scopes: [{ name: 'chat:write', token_type: 'bot', description: null, is_sensitive: false }],
    });
    const detail = toDetail(ws, { approvedScopes: approvedAtOrg.scopes, orgResolution: 'approved' });
    expect(detail.suggestedLevel).toBe('org');
    expect(detail.levelNote).toBe(
      `${ws.app.name} is approved for the whole org, so this decision applies to the whole org by default: a decision at Team T001 alone would not change the org-level one.`,
    );
    // What is approved at the org counts as approved now in the scope diff.
    expect(detail.scopeDiff.bot.find((r) => r.name === 'chat:write')?.vsApproved).toBe('unchanged');
    expect(toDetail(ws)).toMatchObject({ suggestedLevel: 'workspace', levelNote: null, orgResolution: null });
  });
});
