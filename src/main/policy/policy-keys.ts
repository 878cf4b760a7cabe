/**
 * The managed-policy keys Admit honours. Every key is optional; a value that fails its check is
 * reported and ignored, never fatal.
 *
 * | Key                          | Type              | Effect                                                                 |
 * |------------------------------|-------------------|------------------------------------------------------------------------|
 * | `SlackClientId`              | string            | The Slack app (client ID) used for Sign in with Slack.                  |
 * | `RedirectPorts`              | list of integers  | Loopback ports registered as redirect URIs, tried in order (1024–65535).|
 * | `SlackApiUrl`                | https URL         | Slack Web API base, e.g. `https://slack.com/api/` (GovSlack: its own). |
 * | `AllowedEnterpriseIds`       | list of `E…` IDs  | Only these orgs may be signed into; empty or absent: any org.           |
 * | `AllowPlaintextTokenStorage` | boolean           | Persist tokens even when the OS has no keyring (Linux basic_text).      |
 * | `OfferDemoOrg`               | boolean           | Show the "try the demo org" button on the sign-in screen.              |
 * | `DisableSingleKeyShortcuts`  | boolean           | Turn off one-key shortcuts (a/r/…); only modified shortcuts remain.     |
 * | `OverdueAfterDays`           | integer 1–365     | Days a request may wait before it is marked overdue (default 3).        |
 * | `DisableNotifications`       | boolean           | No desktop notifications for new requests.                             |
 * | `ApprovalRules`              | list of rules     | Managed approval rules, first match wins (see src/shared/rules.ts).    |
 * | `AllowPersonalAutoRules`     | boolean           | Admins may add personal rules that decide by themselves (`auto`).      |
 *
 * Where they are read (first match per OS; see load-policy.ts):
 * - macOS: `/Library/Managed Preferences/com.admit.app.plist`, then
 *   `/Library/Managed Preferences/<user>/com.admit.app.plist` (the per-user file wins, as in CFPreferences).
 *   XML plists are parsed directly; binary plists go through `plutil -convert json`.
 * - Windows: `HKLM\SOFTWARE\Policies\Admit` — REG_SZ, REG_DWORD (booleans: 0/1), REG_MULTI_SZ or a
 *   comma-separated REG_SZ for lists, or a subkey per list with values 1, 2, 3… (Chrome style).
 * - Linux: `/etc/admit/policy.json`, a JSON object with the keys above.
 *
 * Development overrides (win over policy in development runs and the browser host; a release build
 * ignores them, see src/main/electron/launch-switches.ts): `ADMIT_POLICY_FILE` (a JSON file used
 * instead of the OS location), `ADMIT_SLACK_CLIENT_ID`, `ADMIT_REDIRECT_PORTS` (comma list),
 * `ADMIT_ALLOW_PLAINTEXT_TOKENS` and `ADMIT_OFFER_DEMO` (true/false/1/0).
 */
import { z } from 'zod';
import { ApprovalRuleSchema, parseRules } from '../../shared/rules';

const BOOL_TEXT: Record<string, boolean> = {
  true: true,
  false: false,
  '1': true,
  '0': false,
  yes: true,
  no: false,
};

// Registries and env vars deliver text and DWORDs; plists and JSON deliver real types. Accept both.
const bool = z.preprocess((v) => {
  if (typeof v === 'number' && (v === 0 || v === 1)) return v === 1;
  if (typeof v === 'string') return BOOL_TEXT[v.trim().toLowerCase()] ?? v;
  return v;
}, z.boolean());

const list = <T extends z.ZodType>(item: T) =>
  z.preprocess(
    (v) =>
      typeof v === 'string'
        ? v
            .split(/[,\0\n]/)
            .map((s) => s.trim())
            .filter(Boolean)
        : v,
    z.array(item),
  );

const port = z.preprocess(
  (v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v),
  z.int().min(1024).max(65535),
);

const days = z.preprocess(
  (v) => (typeof v === 'string' && /^\d+$/.test(v.trim()) ? Number(v) : v),
  z.int('must be a whole number of days').min(1).max(365),
);

const httpsUrl = z
  .string()
  .trim()
  .refine((s) => URL.canParse(s) && new URL(s).protocol === 'https:', 'must be an https:// URL')
  .transform((s) => (s.endsWith('/') ? s : `${s}/`));

/** Each key's schema; the doc table above says what it does. */
export const PolicySchemas = {
  SlackClientId: z
    .string()
    .trim()
    .regex(/^[A-Za-z0-9.\-_]{1,200}$/, 'must be a Slack client ID such as 1234567890.1234567890'),
  RedirectPorts: list(port).pipe(z.array(z.int()).min(1).max(10)),
  SlackApiUrl: httpsUrl,
  AllowedEnterpriseIds: list(z.string().regex(/^E[A-Z0-9]{2,}$/, 'an org ID starts with E')),
  AllowPlaintextTokenStorage: bool,
  OfferDemoOrg: bool,
  DisableSingleKeyShortcuts: bool,
  OverdueAfterDays: days,
  DisableNotifications: bool,
  // Checked rule by rule in parsePolicyValues (a bad rule is dropped, not the key); this is its type.
  ApprovalRules: z.array(ApprovalRuleSchema),
  AllowPersonalAutoRules: bool,
} as const;

/** A policy key's name. */
export type PolicyKey = keyof typeof PolicySchemas;
/** Every policy key, in documentation order. */
export const POLICY_KEYS = Object.keys(PolicySchemas) as PolicyKey[];
/** The parsed values of the keys that were set. */
export type PolicyValues = { [K in PolicyKey]: z.output<(typeof PolicySchemas)[K]> };

/** Is this string one of the policy keys? */
export const isPolicyKey = (name: string): name is PolicyKey => Object.hasOwn(PolicySchemas, name);

/** Validates raw key/value pairs from one source; bad or unknown keys become problems, not errors. */
export const parsePolicyValues = (
  raw: Record<string, unknown>,
  source: string,
): { values: Partial<PolicyValues>; problems: string[] } => {
  const values: Partial<Record<PolicyKey, unknown>> = {};
  const problems: string[] = [];
  for (const [key, value] of Object.entries(raw)) {
    if (!isPolicyKey(key)) {
      problems.push(`${source}: unknown policy key "${key}" ignored.`);
      continue;
    }
    if (key === 'ApprovalRules') {
      // An array (JSON file, plist) or a JSON string (a Windows REG_SZ); each bad rule is one problem.
      const rules = parseRules(value);
      const unreadable = rules.problems.length === 1 && !rules.problems[0]?.startsWith('rule ');
      if (unreadable) {
        problems.push(`${source}: ApprovalRules ignored (${rules.problems[0] ?? 'invalid value'}).`);
        continue;
      }
      values.ApprovalRules = rules.rules;
      problems.push(...rules.problems.map((p) => `${source}: ApprovalRules ${p}.`));
      continue;
    }
    const parsed = PolicySchemas[key].safeParse(value);
    if (parsed.success) values[key] = parsed.data;
    else problems.push(`${source}: ${key} ignored (${parsed.error.issues[0]?.message ?? 'invalid value'}).`);
  }
  return { values: values as Partial<PolicyValues>, problems };
};
