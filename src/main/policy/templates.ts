/**
 * The policy templates IT imports, generated from the policy registry (`PolicySchemas` in
 * policy-keys.ts): the Windows ADMX/ADML, the macOS example profile and Jamf custom schema, the JSON
 * schema of /etc/admit/policy.json and the policy table of docs/deploying.md. Pure functions: the
 * files are written (or checked) by scripts/generate-policy-templates.mjs, and
 * src/main/policy/templates.test.ts reads them back.
 *
 * The value kind of every key (and its JSON schema) is derived from its zod schema, so a new key
 * shows up in every template; only its words (title, description, example) are written here, and
 * the `Record<PolicyKey, …>` type makes a key without them fail to compile.
 */
import { z } from 'zod';
import { LINUX_POLICY_FILE, MAC_BUNDLE_ID } from './load-policy';
import { POLICY_KEYS, PolicySchemas, type PolicyKey } from './policy-keys';
import { POLICY_REGISTRY_KEY } from './registry';

/** How a key's value is written in every source; derived from its schema (see policyKeyKind). */
export type PolicyValueKind = 'string' | 'boolean' | 'integer' | 'string-list' | 'integer-list' | 'json';

/** The words for one key: what the templates show an administrator. */
export type PolicyKeyWords = {
  /** Short name, shown as the policy's name in the Group Policy editor and in Jamf. */
  title: string;
  /** What it does (one or two sentences, plain text; `code` in backticks is kept as is). */
  description: string;
  /** A valid value, used in the example profile and checked against the schema by the tests. */
  example: unknown;
  /** Type wording for the docs table when the kind alone says too little (e.g. "https URL"). */
  typeLabel?: string;
  /** JSON schema keywords the zod schema cannot express (a refine's meaning). */
  schema?: Record<string, unknown>;
};

const EXAMPLE_RULES = [
  {
    name: 'Internal apps without sensitive scopes',
    when: { developerTypes: ['internal'], hasSensitiveScopes: false },
    then: 'approve',
    apply: 'auto',
  },
  { name: 'No file readers', when: { scopesAny: ['files:read'] }, then: 'restrict', level: 'org' },
];

/** Every key's words, in the registry's order. */
export const POLICY_KEY_WORDS: Record<PolicyKey, PolicyKeyWords> = {
  SlackClientId: {
    title: 'Slack app client ID',
    description:
      'The Slack app used for Sign in with Slack: its client ID, such as 1234567890.1234567890. Without it, Sign in with Slack is not offered (an admin can still paste a token).',
    example: '1234567890.1234567890',
  },
  RedirectPorts: {
    title: 'Loopback redirect ports',
    description:
      'The loopback ports registered as redirect URLs of the Slack app (http://localhost:PORT/callback), tried in order; 1 to 10 ports, each 1024-65535. Default: 53682, 53683, 53684.',
    example: [53682, 53683, 53684],
  },
  SlackApiUrl: {
    title: 'Slack Web API base URL',
    description: 'The Slack Web API base, an https URL. Default: https://slack.com/api/ (GovSlack: its own).',
    example: 'https://slack.com/api/',
    typeLabel: 'https URL',
    schema: { format: 'uri', pattern: '^https://' },
  },
  AllowedEnterpriseIds: {
    title: 'Allowed Enterprise org IDs',
    description:
      'Only these Enterprise orgs (IDs starting with E) may be signed into. Absent or empty: any org.',
    example: ['E0123ABCD'],
    typeLabel: 'list of `E…` IDs',
  },
  AllowPlaintextTokenStorage: {
    title: 'Allow plaintext token storage',
    description:
      'Keep tokens on disk even where the OS offers no keyring (Linux basic_text). Default: off, tokens stay in memory only there.',
    example: false,
  },
  OfferDemoOrg: {
    title: 'Offer the demo org',
    description: 'Show "Try the demo org" on the sign-in screen. Default: shown.',
    example: false,
  },
  DisableSingleKeyShortcuts: {
    title: 'Disable single-key shortcuts',
    description:
      'Turn off one-key shortcuts (a, r, …); only shortcuts with a modifier remain. Default: off (one-key shortcuts work).',
    example: false,
  },
  OverdueAfterDays: {
    title: 'Days before a request is overdue',
    description:
      'Days a request may wait before it is marked overdue, filtered and counted in the status bar (1-365). Default: 3.',
    example: 5,
  },
  DisableNotifications: {
    title: 'Disable desktop notifications',
    description:
      'No desktop notification when a sync brings new requests. Set to false to force them on. Default: shown.',
    example: true,
  },
  ApprovalRules: {
    title: 'Managed approval rules',
    description:
      'Managed approval rules, an ordered list; the first rule that matches a request decides it. Windows: one text value holding the JSON list. See "Approval rules" in docs/deploying.md.',
    example: EXAMPLE_RULES,
    typeLabel: 'list of rules (JSON)',
  },
  AllowPersonalAutoRules: {
    title: 'Allow personal automatic rules',
    description:
      'Admins may add personal rules that decide by themselves (apply: auto). Default: personal rules only suggest.',
    example: false,
  },
};

type JsonSchema = Record<string, unknown>;

const isRecord = (v: unknown): v is JsonSchema => typeof v === 'object' && v !== null && !Array.isArray(v);

/** A key's JSON schema: its zod input schema, with list sizes and the keywords zod cannot express. */
export const policyKeySchema = (key: PolicyKey): JsonSchema => {
  const options = { io: 'input', unrepresentable: 'any' } as const;
  const input: JsonSchema = z.toJSONSchema(PolicySchemas[key], options);
  const output: JsonSchema = z.toJSONSchema(PolicySchemas[key], { ...options, io: 'output' });
  delete input['$schema'];
  // A list's size is checked after its text is split (a pipe), which the input schema leaves out.
  for (const bound of ['minItems', 'maxItems']) {
    if (input['type'] === 'array' && input[bound] === undefined && output[bound] !== undefined)
      input[bound] = output[bound];
  }
  const { title, description } = POLICY_KEY_WORDS[key];
  return { title, description, ...input, ...POLICY_KEY_WORDS[key].schema };
};

/** How a key's value is written: from its schema's type (a new shape fails here, loudly). */
export const policyKeyKind = (key: PolicyKey): PolicyValueKind => {
  const schema = policyKeySchema(key);
  const type = schema['type'];
  if (type === 'string' || type === 'boolean' || type === 'integer') return type;
  if (type === 'array' && isRecord(schema['items'])) {
    const item = schema['items']['type'];
    if (item === 'string') return 'string-list';
    if (item === 'integer') return 'integer-list';
    if (item === 'object') return 'json';
  }
  throw new Error(`policy key ${key}: no template kind for the schema ${JSON.stringify(schema)}`);
};

const bounds = (key: PolicyKey): { min?: number; max?: number } => {
  const schema = policyKeySchema(key);
  const num = (v: unknown): number | undefined => (typeof v === 'number' ? v : undefined);
  const min = num(schema['minimum']);
  const max = num(schema['maximum']);
  return { ...(min === undefined ? {} : { min }), ...(max === undefined ? {} : { max }) };
};

/** The type column of the docs table. */
export const policyTypeLabel = (key: PolicyKey): string => {
  const custom = POLICY_KEY_WORDS[key].typeLabel;
  if (custom) return custom;
  const kind = policyKeyKind(key);
  const { min, max } = bounds(key);
  switch (kind) {
    case 'integer':
      return min !== undefined && max !== undefined ? `integer ${min}–${max}` : 'integer';
    case 'string-list':
      return 'list of strings';
    case 'integer-list':
      return 'list of integers';
    case 'json':
      return 'JSON';
    default:
      return kind;
  }
};

/** The registry value a kind is written as under HKLM\SOFTWARE\Policies\Admit (the docs' wording). */
export const WINDOWS_VALUE: Record<PolicyValueKind, string> = {
  string: '`REG_SZ`',
  boolean: '`REG_DWORD` 0/1',
  integer: '`REG_DWORD`',
  'string-list': 'subkey, `REG_SZ` values `1`, `2`…',
  'integer-list': 'subkey, `REG_SZ` values `1`, `2`…',
  json: '`REG_SZ` holding the JSON',
};

// ---------------------------------------------------------------- Windows: ADMX and ADML

const xml = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The registry key of the policies, as ADMX writes it (under the machine hive, class="Machine"). */
export const ADMX_KEY = POLICY_REGISTRY_KEY.replace(/^HKLM\\/, '');
/** The ADMX namespace; Intune's ingestion and the OMA-URIs name the policies after it. */
export const ADMX_NAMESPACE = 'Admit.Policies.Admit';
/** The one category every Admit policy sits in. */
export const ADMX_CATEGORY = 'Admit';
/** The `<list>` element id of a list policy (Chrome's templates name it `<Key>Desc` too). */
export const listElementId = (key: PolicyKey): string => `${key}Desc`;

const admxPolicy = (key: PolicyKey): string => {
  const kind = policyKeyKind(key);
  const head = (extra: string): string =>
    `    <policy name="${key}" class="Machine" displayName="$(string.${key})" explainText="$(string.${key}_Explain)"${extra} key="${ADMX_KEY}"`;
  const common = [
    `      <parentCategory ref="${ADMX_CATEGORY}" />`,
    '      <supportedOn ref="SUPPORTED_WIN10" />',
  ];
  const presentation = ` presentation="$(presentation.${key})"`;
  switch (kind) {
    case 'boolean':
      return [
        `${head('')} valueName="${key}">`,
        ...common,
        '      <enabledValue><decimal value="1" /></enabledValue>',
        '      <disabledValue><decimal value="0" /></disabledValue>',
        '    </policy>',
      ].join('\n');
    case 'integer': {
      const { min, max } = bounds(key);
      const range = `${min === undefined ? '' : ` minValue="${min}"`}${max === undefined ? '' : ` maxValue="${max}"`}`;
      return [
        `${head(presentation)}>`,
        ...common,
        '      <elements>',
        `        <decimal id="${key}" valueName="${key}" required="true"${range} />`,
        '      </elements>',
        '    </policy>',
      ].join('\n');
    }
    case 'string':
    case 'json':
      return [
        `${head(presentation)}>`,
        ...common,
        '      <elements>',
        `        <text id="${key}" valueName="${key}" required="true"${kind === 'json' ? ' maxLength="65535"' : ''} />`,
        '      </elements>',
        '    </policy>',
      ].join('\n');
    case 'string-list':
    case 'integer-list':
      // Chrome's layout: a subkey named after the policy, with values named 1, 2, 3… (valuePrefix="").
      return [
        `${head(presentation)}>`,
        ...common,
        '      <elements>',
        `        <list id="${listElementId(key)}" key="${ADMX_KEY}\\${key}" valuePrefix="" />`,
        '      </elements>',
        '    </policy>',
      ].join('\n');
  }
};

/** build/policy/windows/admit.admx */
export const renderAdmx = (): string =>
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!-- Generated from src/main/policy by scripts/generate-policy-templates.mjs. Do not edit. -->',
    '<policyDefinitions xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    '  <policyNamespaces>',
    `    <target prefix="admit" namespace="${ADMX_NAMESPACE}" />`,
    '  </policyNamespaces>',
    '  <resources minRequiredRevision="1.0" />',
    '  <supportedOn>',
    '    <definitions>',
    '      <definition name="SUPPORTED_WIN10" displayName="$(string.SUPPORTED_WIN10)" />',
    '    </definitions>',
    '  </supportedOn>',
    '  <categories>',
    `    <category name="${ADMX_CATEGORY}" displayName="$(string.${ADMX_CATEGORY})" />`,
    '  </categories>',
    '  <policies>',
    ...POLICY_KEYS.map(admxPolicy),
    '  </policies>',
    '</policyDefinitions>',
    '',
  ].join('\n');

const plain = (text: string): string => text.replace(/`/g, '');

const explain = (key: PolicyKey): string => {
  const kind = policyKeyKind(key);
  const value: Record<PolicyValueKind, string> = {
    string: `Writes the REG_SZ value ${key}.`,
    boolean: `Enabled writes the REG_DWORD value ${key} = 1, Disabled writes 0; Not configured leaves it to the user.`,
    integer: `Writes the REG_DWORD value ${key}.`,
    'string-list': `Writes one REG_SZ value per entry (named 1, 2, 3…) under the subkey ${key}.`,
    'integer-list': `Writes one REG_SZ value per entry (named 1, 2, 3…) under the subkey ${key}.`,
    json: `Writes the REG_SZ value ${key}, which holds the JSON list, such as: ${JSON.stringify(POLICY_KEY_WORDS[key].example)}`,
  };
  return `${plain(POLICY_KEY_WORDS[key].description)}\n\n${value[kind]} (${POLICY_REGISTRY_KEY})`;
};

const admlPresentation = (key: PolicyKey): string | null => {
  const title = xml(POLICY_KEY_WORDS[key].title);
  switch (policyKeyKind(key)) {
    case 'boolean':
      return null;
    case 'integer':
      return `      <presentation id="${key}"><decimalTextBox refId="${key}">${title}</decimalTextBox></presentation>`;
    case 'string':
    case 'json':
      return `      <presentation id="${key}"><textBox refId="${key}"><label>${title}</label></textBox></presentation>`;
    case 'string-list':
    case 'integer-list':
      return `      <presentation id="${key}"><listBox refId="${listElementId(key)}">${title}</listBox></presentation>`;
  }
};

/** build/policy/windows/en-US/admit.adml */
export const renderAdml = (): string =>
  [
    '<?xml version="1.0" encoding="utf-8"?>',
    '<!-- Generated from src/main/policy by scripts/generate-policy-templates.mjs. Do not edit. -->',
    '<policyDefinitionResources xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" revision="1.0" schemaVersion="1.0" xmlns="http://schemas.microsoft.com/GroupPolicy/2006/07/PolicyDefinitions">',
    '  <displayName>Admit</displayName>',
    '  <description>Managed policy for Admit, the Slack Enterprise app request triage app.</description>',
    '  <resources>',
    '    <stringTable>',
    `      <string id="${ADMX_CATEGORY}">Admit</string>`,
    '      <string id="SUPPORTED_WIN10">Windows 10 or later</string>',
    ...POLICY_KEYS.flatMap((key) => [
      `      <string id="${key}">${xml(POLICY_KEY_WORDS[key].title)}</string>`,
      `      <string id="${key}_Explain">${xml(explain(key))}</string>`,
    ]),
    '    </stringTable>',
    '    <presentationTable>',
    ...POLICY_KEYS.map(admlPresentation).filter((p) => p !== null),
    '    </presentationTable>',
    '  </resources>',
    '</policyDefinitionResources>',
    '',
  ].join('\n');

// ---------------------------------------------------------------- macOS: profile and Jamf schema

const plistValue = (value: unknown, indent: string): string[] => {
  if (typeof value === 'boolean') return [`${indent}<${value}/>`];
  if (typeof value === 'number' && Number.isInteger(value)) return [`${indent}<integer>${value}</integer>`];
  if (typeof value === 'string') return [`${indent}<string>${xml(value)}</string>`];
  if (Array.isArray(value))
    return [`${indent}<array>`, ...value.flatMap((v) => plistValue(v, `${indent}  `)), `${indent}</array>`];
  if (isRecord(value))
    return [
      `${indent}<dict>`,
      ...Object.entries(value).flatMap(([k, v]) => [
        `${indent}  <key>${xml(k)}</key>`,
        ...plistValue(v, `${indent}  `),
      ]),
      `${indent}</dict>`,
    ];
  throw new Error(`no plist form for ${JSON.stringify(value)}`);
};

/** build/policy/macos/com.admit.app.mobileconfig: every key with its example value. */
export const renderMobileconfig = (): string => {
  const payload: Record<string, unknown> = {
    PayloadDisplayName: 'Admit settings',
    PayloadIdentifier: `com.example.admit.policy.${MAC_BUNDLE_ID}`,
    PayloadType: MAC_BUNDLE_ID,
    PayloadUUID: '6A1F3F7E-2B1C-4C55-9E1B-6B0F3C2D8A11',
    PayloadVersion: 1,
    ...Object.fromEntries(POLICY_KEYS.map((key) => [key, POLICY_KEY_WORDS[key].example])),
  };
  const profile = {
    PayloadContent: [payload],
    PayloadDescription:
      'Example managed policy for Admit: every key with a sample value. Edit the values, remove the keys you do not set, and give both PayloadUUIDs new values (uuidgen).',
    PayloadDisplayName: 'Admit',
    PayloadIdentifier: 'com.example.admit',
    PayloadScope: 'System',
    PayloadType: 'Configuration',
    PayloadUUID: '0E5C0E9B-7D5A-4C3B-8F0B-2B6C1E4A9D22',
    PayloadVersion: 1,
  };
  return [
    '<?xml version="1.0" encoding="UTF-8"?>',
    '<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">',
    '<!-- Generated from src/main/policy by scripts/generate-policy-templates.mjs. Do not edit. -->',
    '<plist version="1.0">',
    ...plistValue(profile, ''),
    '</plist>',
    '',
  ].join('\n');
};

const withoutDraftKeywords = (schema: unknown): unknown => {
  if (Array.isArray(schema)) return schema.map(withoutDraftKeywords);
  if (!isRecord(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema)
      .filter(([k]) => k !== '$schema' && k !== 'additionalProperties' && k !== 'format')
      .map(([k, v]) => [k, withoutDraftKeywords(v)]),
  );
};

/** build/policy/macos/com.admit.app.json: Jamf Pro's custom schema (Application & Custom Settings). */
export const renderJamfSchema = (): Record<string, unknown> => ({
  title: `Admit (${MAC_BUNDLE_ID})`,
  description:
    'Managed policy for Admit. Every key is optional; a key left out is not managed. Generated from src/main/policy by scripts/generate-policy-templates.mjs.',
  properties: Object.fromEntries(
    POLICY_KEYS.map((key, i) => [
      key,
      { ...(withoutDraftKeywords(policyKeySchema(key)) as JsonSchema), property_order: (i + 1) * 10 },
    ]),
  ),
});

// ---------------------------------------------------------------- Linux: JSON schema

/** build/policy/policy.schema.json: the schema of /etc/admit/policy.json (and ADMIT_POLICY_FILE). */
export const renderPolicySchema = (): Record<string, unknown> => ({
  $schema: 'https://json-schema.org/draft/2020-12/schema',
  title: 'Admit managed policy',
  description: `The keys of ${LINUX_POLICY_FILE}. Every key is optional; an unknown key or a bad value is ignored and reported by Admit. Generated from src/main/policy by scripts/generate-policy-templates.mjs.`,
  type: 'object',
  properties: Object.fromEntries(POLICY_KEYS.map((key) => [key, policyKeySchema(key)])),
  additionalProperties: false,
});

/** An example /etc/admit/policy.json with every key. */
export const examplePolicy = (): Record<string, unknown> =>
  Object.fromEntries(POLICY_KEYS.map((key) => [key, POLICY_KEY_WORDS[key].example]));

// ---------------------------------------------------------------- docs/deploying.md

/** The markers around the generated table in docs/deploying.md. */
export const DOCS_TABLE_START = '<!-- policy-keys:start (generated by npm run policy-templates) -->';
export const DOCS_TABLE_END = '<!-- policy-keys:end -->';

const cell = (text: string): string => text.replace(/\|/g, '\\|');

/** The policy table (markdown, not yet aligned: prettier aligns it). */
export const renderDocsTable = (): string =>
  [
    '| key | type | Windows registry value | effect |',
    '| --- | --- | --- | --- |',
    ...POLICY_KEYS.map(
      (key) =>
        `| \`${key}\` | ${cell(policyTypeLabel(key))} | ${cell(WINDOWS_VALUE[policyKeyKind(key)])} | ${cell(POLICY_KEY_WORDS[key].description)} |`,
    ),
  ].join('\n');

/** The docs text with the generated table put between its markers; throws when a marker is missing. */
export const withDocsTable = (docs: string): string => {
  const start = docs.indexOf(DOCS_TABLE_START);
  const end = docs.indexOf(DOCS_TABLE_END);
  if (start < 0 || end < start)
    throw new Error(`docs/deploying.md must hold "${DOCS_TABLE_START}" and then "${DOCS_TABLE_END}"`);
  return `${docs.slice(0, start + DOCS_TABLE_START.length)}\n\n${renderDocsTable()}\n\n${docs.slice(end)}`;
};

/** Every generated file (paths from the repository root), before formatting; JSON as values. */
export const policyTemplateFiles = (docs: string): Record<string, string | Record<string, unknown>> => ({
  'build/policy/windows/admit.admx': renderAdmx(),
  'build/policy/windows/en-US/admit.adml': renderAdml(),
  'build/policy/macos/com.admit.app.mobileconfig': renderMobileconfig(),
  'build/policy/macos/com.admit.app.json': renderJamfSchema(),
  'build/policy/policy.schema.json': renderPolicySchema(),
  'build/policy/linux/policy.json': examplePolicy(),
  'docs/deploying.md': withDocsTable(docs),
});
