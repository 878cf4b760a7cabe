/**
 * Approval rules: an ordered list, the first rule whose conditions all match a request decides it.
 * The schema lives here (not in main) because policy, settings and the renderer's rule editor all
 * validate the same shape; the matching itself is in src/main/rules/engine.ts.
 */
import { z } from 'zod';

const DEVELOPER_TYPES = ['internal', 'third_party', 'slack'] as const;
const PREVIOUS = ['approved', 'restricted', 'none'] as const;

/** A list condition that also takes one bare value (a registry string, a hand-written rule). */
const oneOrMany = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) => (typeof v === 'string' ? [v] : v),
    z.array(item).min(1, 'must list at least one value'),
  );

const id = (what: string) => z.string().trim().min(1, `must be a non-empty ${what}`).max(64);
const scopeName = z
  .string()
  .trim()
  .regex(/^[a-z0-9_.:-]{1,100}$/i, 'must be a scope name such as channels:read');

/** The conditions of a rule; every one is optional and all that are given must hold. */
export const RuleConditionsSchema = z
  .object({
    appIds: oneOrMany(id('app ID')),
    developerTypes: oneOrMany(
      z.enum(DEVELOPER_TYPES, { error: `must be one of ${DEVELOPER_TYPES.join(', ')}` }),
    ),
    directoryApproved: z.boolean({ error: 'must be true or false' }),
    hasSensitiveScopes: z.boolean({ error: 'must be true or false' }),
    hasNewScopes: z.boolean({ error: 'must be true or false' }),
    previousResolution: oneOrMany(z.enum(PREVIOUS, { error: `must be one of ${PREVIOUS.join(', ')}` })),
    scopesAny: oneOrMany(scopeName),
    scopesNone: oneOrMany(scopeName),
    workspaces: oneOrMany(
      z
        .string()
        .trim()
        .regex(/^(org|T[A-Z0-9]{2,})$/, 'must be a workspace ID (T…) or "org"'),
    ),
  })
  .partial()
  // A misspelt condition must not silently widen a rule to every request.
  .strict();
export type RuleConditions = z.infer<typeof RuleConditionsSchema>;

export const RuleOutcomeSchema = z.enum(['approve', 'restrict', 'cancel', 'review'], {
  error: 'must be approve, restrict, cancel or review',
});
/** What a matching rule does; `review` leaves the request to a person (and stops later rules). */
export type RuleOutcome = z.infer<typeof RuleOutcomeSchema>;

/** One approval rule as policy and settings store it. */
export const ApprovalRuleSchema = z
  .object({
    name: z.string({ error: 'must be a name' }).trim().min(1, 'must be a name').max(100),
    when: RuleConditionsSchema.default({}),
    then: RuleOutcomeSchema,
    apply: z.enum(['suggest', 'auto'], { error: 'must be suggest or auto' }).default('suggest'),
    level: z.enum(['workspace', 'org'], { error: 'must be workspace or org' }).default('workspace'),
  })
  .strict();
export type ApprovalRule = z.infer<typeof ApprovalRuleSchema>;
/** A rule as written, before defaults (`apply`, `level`, `when`) are filled in. */
export type ApprovalRuleInput = z.input<typeof ApprovalRuleSchema>;

/** Where a rule comes from: managed policy (locked) or the admin's own settings. */
export type RuleSource = 'policy' | 'personal';

const label = (index: number, raw: unknown): string => {
  const name =
    typeof raw === 'object' && raw !== null && typeof (raw as { name?: unknown }).name === 'string'
      ? ` ("${(raw as { name: string }).name.slice(0, 60)}")`
      : '';
  return `rule ${index + 1}${name}`;
};

/** One rule's first problem, naming its position, its name and the field: `rule 2 ("X"): when.appIds: …`. */
export const describeRuleIssue = (index: number, raw: unknown, error: z.ZodError): string => {
  const issue = error.issues[0];
  const field = issue && issue.path.length > 0 ? `${issue.path.join('.')}: ` : '';
  const message =
    issue?.code === 'unrecognized_keys' ? `unknown field ${issue.keys.map((k) => `"${k}"`).join(', ')}` : '';
  return `${label(index, raw)}: ${field}${message || (issue?.message ?? 'invalid')}`;
};

/**
 * Validates a list of rules item by item: a bad rule is left out and described, the rest are kept
 * in order. A JSON string holding the list is accepted too (a Windows registry value).
 */
export const parseRules = (raw: unknown): { rules: ApprovalRule[]; problems: string[] } => {
  let list = raw;
  if (typeof raw === 'string') {
    try {
      list = JSON.parse(raw) as unknown;
    } catch {
      return { rules: [], problems: ['is not valid JSON'] };
    }
  }
  if (!Array.isArray(list)) return { rules: [], problems: ['must be a list of rules'] };
  const rules: ApprovalRule[] = [];
  const problems: string[] = [];
  list.forEach((item: unknown, index) => {
    const parsed = ApprovalRuleSchema.safeParse(item);
    if (parsed.success) rules.push(parsed.data);
    else problems.push(`${describeRuleIssue(index, item, parsed.error)}; this rule is ignored`);
  });
  return { rules, problems };
};

/** One rule as the Rules view lists it, with what it would decide among the pending requests now. */
export type RuleView = {
  rule: ApprovalRule;
  source: RuleSource;
  /** Pending requests this rule decides now (first match: a request counts for one rule only). */
  matches: number;
  /** The first few of their app names. */
  sample: string[];
};

/** The Rules view: managed rules first, then the admin's own; and what stops a draft from saving. */
export type RulesView = {
  rules: RuleView[];
  /** Policy `AllowPersonalAutoRules`: personal rules may use `apply: auto`. */
  allowPersonalAuto: boolean;
  /** Why personal rules (a draft, or ones saved earlier) were left out, rule by rule. */
  problems: string[];
};

/** What the first matching rule would do with a request, as its inbox row shows it. */
export type RuleSuggestion = {
  rule: string;
  then: 'approve' | 'restrict' | 'cancel';
  level: 'workspace' | 'org';
  apply: 'suggest' | 'auto';
  /** In words, also in the row's accessible name: `Suggested: Approve (rule "Internal apps")`. */
  text: string;
};
