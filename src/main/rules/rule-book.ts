/**
 * The approval rules in force: managed ones from policy (locked, first), then the admin's own from
 * settings. Personal rules may only suggest unless policy `AllowPersonalAutoRules` is true.
 */
import { AdmitError } from '../../shared/result';
import { parseRules, type ApprovalRule, type RuleSource } from '../../shared/rules';

/** A personal `auto` rule without policy `AllowPersonalAutoRules`: refused, never stored. */
export class PersonalAutoRuleError extends AdmitError {
  constructor(readonly ruleNames: string[]) {
    super(
      'policy',
      `Your organization allows personal rules to suggest only: ${ruleNames.map((n) => `"${n}"`).join(', ')} cannot decide by itself (apply: auto).`,
    );
    this.name = 'PersonalAutoRuleError';
  }
}

/** A rule and where it came from. */
export type RuleEntry = { rule: ApprovalRule; source: RuleSource };

export type RuleBookOptions = {
  /** Policy `ApprovalRules`, already checked rule by rule. */
  policyRules?: readonly ApprovalRule[];
  /** Policy `AllowPersonalAutoRules`. */
  allowPersonalAuto?: boolean;
  /** Where personal rules are kept (settings). */
  personal: { get(): unknown[]; set(rules: unknown[]): void };
};

export type CheckedPersonalRules = { rules: ApprovalRule[]; problems: string[] };

/** Creates the rule book. */
export const createRuleBook = (o: RuleBookOptions) => {
  const allowAuto = o.allowPersonalAuto === true;
  const policyEntries: RuleEntry[] = (o.policyRules ?? []).map((rule) => ({ rule, source: 'policy' }));

  /**
   * Checks personal rules as the admin wrote them: a bad rule, or an `auto` one policy does not
   * allow, is left out and described (for saved rules, and for a draft's dry run).
   */
  const check = (raw: unknown): CheckedPersonalRules => {
    const parsed = parseRules(raw);
    const rules: ApprovalRule[] = [];
    const problems = [...parsed.problems];
    for (const rule of parsed.rules) {
      if (rule.apply === 'auto' && !allowAuto) {
        problems.push(
          `"${rule.name}": your organization allows personal rules to suggest only; this rule is ignored`,
        );
      } else rules.push(rule);
    }
    return { rules, problems };
  };

  const personal = (): CheckedPersonalRules => check(o.personal.get());

  return {
    allowPersonalAuto: allowAuto,
    check,
    /** Managed rules, then the personal ones (a draft's, when given): the order they are tried in. */
    entries: (draft?: readonly ApprovalRule[]): RuleEntry[] => [
      ...policyEntries,
      ...(draft ?? personal().rules).map((rule): RuleEntry => ({ rule, source: 'personal' })),
    ],
    /** Why saved personal rules are left out (policy may have changed since they were saved). */
    problems: (): string[] => personal().problems,
    /**
     * Replaces the personal rules. Every rule must be valid (an `invalid_input` error names each
     * bad one), and an `auto` rule needs policy `AllowPersonalAutoRules` (PersonalAutoRuleError).
     */
    setPersonal: (raw: unknown[]): ApprovalRule[] => {
      const parsed = parseRules(raw);
      if (parsed.problems.length > 0) throw new AdmitError('invalid_input', parsed.problems.join('\n'));
      const auto = parsed.rules.filter((r) => r.apply === 'auto').map((r) => r.name);
      if (auto.length > 0 && !allowAuto) throw new PersonalAutoRuleError(auto);
      o.personal.set(parsed.rules);
      return parsed.rules;
    },
  };
};

export type RuleBook = ReturnType<typeof createRuleBook>;
