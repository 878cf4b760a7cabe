import { describe, expect, it } from 'vitest';
import { ApprovalRuleSchema } from '../../shared/rules';
import { createRuleBook, PersonalAutoRuleError } from './rule-book';

const managed = ApprovalRuleSchema.parse({ name: 'Managed', then: 'restrict', when: { appIds: ['A1'] } });

const book = (allowPersonalAuto?: boolean, stored: unknown[] = []) => {
  let saved = stored;
  const b = createRuleBook({
    policyRules: [managed],
    allowPersonalAuto,
    personal: { get: () => saved, set: (rules) => (saved = rules) },
  });
  return { b, saved: () => saved };
};

describe('the rule book', () => {
  it('lists managed rules first, then personal ones', () => {
    const { b, saved } = book();
    b.setPersonal([{ name: 'Mine', then: 'approve', when: { developerTypes: 'internal' } }]);
    expect(saved()).toEqual([
      {
        name: 'Mine',
        then: 'approve',
        apply: 'suggest',
        level: 'workspace',
        when: { developerTypes: ['internal'] },
      },
    ]);
    expect(b.entries().map((e) => [e.rule.name, e.source])).toEqual([
      ['Managed', 'policy'],
      ['Mine', 'personal'],
    ]);
  });

  it('refuses a personal auto rule unless policy allows it, with a typed error', () => {
    const auto = [{ name: 'Auto', then: 'approve', apply: 'auto' }];
    const { b, saved } = book(false);
    expect(() => b.setPersonal(auto)).toThrow(PersonalAutoRuleError);
    try {
      b.setPersonal(auto);
    } catch (error) {
      expect(error).toMatchObject({ code: 'policy', ruleNames: ['Auto'] });
    }
    expect(saved()).toEqual([]);
    expect(book(true).b.setPersonal(auto)[0]?.apply).toBe('auto');
  });

  it('refuses invalid rules, naming each', () => {
    const { b } = book();
    expect(() =>
      b.setPersonal([
        { name: 'A', then: 'approve' },
        { name: 'B', then: 'maybe' },
      ]),
    ).toThrow(/rule 2 \("B"\): then: must be approve, restrict, cancel or review/);
  });

  it('leaves out a saved auto rule once policy no longer allows it, and says so', () => {
    const { b } = book(false, [{ name: 'Old auto', then: 'approve', apply: 'auto', when: {} }]);
    expect(b.entries().map((e) => e.rule.name)).toEqual(['Managed']);
    expect(b.problems()).toEqual([
      '"Old auto": your organization allows personal rules to suggest only; this rule is ignored',
    ]);
  });
});
