import { describe, expect, it } from 'vitest';
import type { AppRequest } from '../../shared/models';
import { ApprovalRuleSchema, parseRules, type ApprovalRuleInput } from '../../shared/rules';
import { makeRequest } from '../store/test-support/fixtures';
import { actionFor, dryRun, factsOfRequest, factsOfSummary, firstMatch, matchesConditions } from './engine';
import { toSummary } from '../inbox/summary';

const rule = (input: Partial<ApprovalRuleInput>) =>
  ApprovalRuleSchema.parse({ name: 'r', then: 'approve', ...input });

/** App 1 on T001: third party, not in the directory, a sensitive scope, no previous resolution. */
const base = makeRequest(1);
const withApp = (patch: Partial<AppRequest['app']>, request: AppRequest = base): AppRequest => ({
  ...request,
  app: { ...request.app, ...patch },
});
/** App 3: previously approved for chat:write only, so two of its scopes are new. */
const reRequest = makeRequest(3);
const noNewScopes: AppRequest = {
  ...reRequest,
  previous_resolution: { status: 'approved', scopes: reRequest.scopes },
};
const orgLevel = makeRequest(2, 'E0ACME');

describe('matchesConditions', () => {
  const cases: [string, ApprovalRuleInput['when'], AppRequest, boolean][] = [
    ['no conditions match everything', {}, base, true],
    ['appIds: listed', { appIds: ['A00001', 'A00009'] }, base, true],
    ['appIds: not listed', { appIds: ['A00009'] }, base, false],
    [
      'developerTypes: third_party',
      { developerTypes: ['third_party'] },
      withApp({ developer_type: 'third_party' }),
      true,
    ],
    [
      'developerTypes: internal vs slack',
      { developerTypes: 'internal' },
      withApp({ developer_type: 'slack' }),
      false,
    ],
    [
      'directoryApproved: true',
      { directoryApproved: true },
      withApp({ is_app_directory_approved: true }),
      true,
    ],
    [
      'directoryApproved: false vs approved',
      { directoryApproved: false },
      withApp({ is_app_directory_approved: true }),
      false,
    ],
    ['hasSensitiveScopes: true', { hasSensitiveScopes: true }, base, true],
    ['hasSensitiveScopes: false', { hasSensitiveScopes: false }, base, false],
    ['hasNewScopes: scopes beyond the previous approval', { hasNewScopes: true }, reRequest, true],
    ['hasNewScopes: false when nothing new', { hasNewScopes: false }, noNewScopes, true],
    ['hasNewScopes: everything is new without a previous resolution', { hasNewScopes: true }, base, true],
    ['previousResolution: none', { previousResolution: ['none'] }, base, true],
    ['previousResolution: approved', { previousResolution: ['approved'] }, reRequest, true],
    ['previousResolution: restricted vs approved', { previousResolution: ['restricted'] }, reRequest, false],
    ['scopesAny: one present', { scopesAny: ['files:read', 'chat:write'] }, base, true],
    ['scopesAny: none present', { scopesAny: ['files:read'] }, base, false],
    ['scopesNone: one present', { scopesNone: ['channels:history'] }, base, false],
    ['scopesNone: none present', { scopesNone: ['files:read'] }, base, true],
    ['workspaces: the request’s team', { workspaces: ['T001'] }, base, true],
    ['workspaces: another team', { workspaces: ['T002'] }, base, false],
    ['workspaces: "org" matches an org-level request', { workspaces: ['org'] }, orgLevel, true],
    ['workspaces: "org" does not match a workspace request', { workspaces: ['org'] }, base, false],
    ['all conditions must hold (AND)', { appIds: ['A00001'], hasSensitiveScopes: false }, base, false],
  ];
  it.each(cases)('%s', (_name, when, request, expected) => {
    expect(matchesConditions(rule({ when }).when, factsOfRequest(request))).toBe(expected);
    // An inbox row gives the same answer, so suggestions on rows agree with the dry run.
    expect(matchesConditions(rule({ when }).when, factsOfSummary(toSummary(request)))).toBe(expected);
  });
});

describe('firstMatch and dryRun', () => {
  const rules = [
    rule({
      name: 'Block history readers',
      then: 'restrict',
      when: { scopesAny: ['channels:history'], appIds: ['A00001'] },
    }),
    rule({ name: 'Re-requests', then: 'approve', when: { previousResolution: 'approved' } }),
    rule({ name: 'Everything else', then: 'review' }),
  ];
  const requests = [base, makeRequest(2), reRequest, makeRequest(6), makeRequest(4)];

  it('lets the first matching rule decide', () => {
    expect(firstMatch(rules, factsOfRequest(base))?.rule.name).toBe('Block history readers');
    expect(firstMatch(rules, factsOfRequest(reRequest))?.index).toBe(1);
    expect(firstMatch(rules, factsOfRequest(makeRequest(2)))?.index).toBe(2);
    expect(firstMatch(rules.slice(0, 2), factsOfRequest(makeRequest(2)))).toBeNull();
  });

  it('counts each request once, for the rule that decides it', () => {
    expect(dryRun(rules, requests, 2)).toEqual([
      { count: 1, sample: ['App 1'] },
      { count: 2, sample: ['App 3', 'App 6'] },
      { count: 2, sample: ['App 2', 'App 4'] },
    ]);
  });
});

describe('actionFor', () => {
  it('approves every requested scope at the workspace, naming the rule', () => {
    expect(actionFor(rule({ name: 'Ok' }), base, 'E0ACME', 'admin')).toEqual({
      kind: 'approve',
      requestId: base.id,
      appId: 'A00001',
      appName: 'App 1',
      target: { teamId: 'T001' },
      targetName: base.targetName,
      note: 'Suggested by rule "Ok"',
      rule: { name: 'Ok', by: 'admin' },
    });
  });

  it('decides at the org with level org; a decision the rule made by itself says so', () => {
    expect(
      actionFor(rule({ then: 'restrict', level: 'org', apply: 'auto', name: 'X' }), base, 'E0ACME', 'rule'),
    ).toMatchObject({
      kind: 'restrict',
      target: { enterpriseId: 'E0ACME' },
      targetName: 'Whole org',
      note: 'Decided by rule "X"',
    });
  });

  it('cancels where the request was made, and queues nothing for review', () => {
    expect(actionFor(rule({ then: 'cancel', level: 'org' }), base, 'E0ACME', 'admin')).toMatchObject({
      kind: 'cancel',
      target: { teamId: 'T001' },
    });
    expect(actionFor(rule({ then: 'review' }), base, 'E0ACME', 'admin')).toBeNull();
  });
});

describe('parseRules', () => {
  const cases: [string, unknown, string][] = [
    ['a missing outcome', { name: 'A' }, 'rule 1 ("A"): then: must be approve, restrict, cancel or review'],
    [
      'an unknown outcome',
      { name: 'A', then: 'allow' },
      'rule 1 ("A"): then: must be approve, restrict, cancel or review',
    ],
    ['a missing name', { then: 'approve' }, 'rule 1: name: must be a name'],
    [
      'a misspelt condition',
      { name: 'A', then: 'approve', when: { appId: ['A1'] } },
      'rule 1 ("A"): when: unknown field "appId"',
    ],
    [
      'a bad developer type',
      { name: 'A', then: 'approve', when: { developerTypes: ['partner'] } },
      'rule 1 ("A"): when.developerTypes.0: must be one of internal, third_party, slack',
    ],
    [
      'a bad workspace',
      { name: 'A', then: 'approve', when: { workspaces: ['acme'] } },
      'rule 1 ("A"): when.workspaces.0: must be a workspace ID (T…) or "org"',
    ],
    [
      'a non-boolean flag',
      { name: 'A', then: 'approve', when: { hasNewScopes: 'yes' } },
      'rule 1 ("A"): when.hasNewScopes: must be true or false',
    ],
    [
      'a bad apply',
      { name: 'A', then: 'approve', apply: 'always' },
      'rule 1 ("A"): apply: must be suggest or auto',
    ],
    [
      'a bad level',
      { name: 'A', then: 'approve', level: 'team' },
      'rule 1 ("A"): level: must be workspace or org',
    ],
    [
      'an empty list',
      { name: 'A', then: 'approve', when: { appIds: [] } },
      'rule 1 ("A"): when.appIds: must list at least one value',
    ],
  ];
  it.each(cases)('describes %s', (_name, raw, message) => {
    expect(parseRules([raw])).toEqual({ rules: [], problems: [`${message}; this rule is ignored`] });
  });

  it('keeps the good rules in order, fills in defaults, and reads a JSON string', () => {
    const good = { name: 'Good', then: 'approve', when: { appIds: 'A1' } };
    const { rules, problems } = parseRules(
      JSON.stringify([good, { name: 'Bad' }, { name: 'Also', then: 'review' }]),
    );
    expect(rules.map((r) => r.name)).toEqual(['Good', 'Also']);
    expect(rules[0]).toEqual({
      name: 'Good',
      then: 'approve',
      apply: 'suggest',
      level: 'workspace',
      when: { appIds: ['A1'] },
    });
    expect(problems).toEqual([
      'rule 2 ("Bad"): then: must be approve, restrict, cancel or review; this rule is ignored',
    ]);
    expect(parseRules('[nope').problems).toEqual(['is not valid JSON']);
    expect(parseRules({}).problems).toEqual(['must be a list of rules']);
  });
});
