/**
 * The policy templates in build/policy and the table in docs/deploying.md: up to date with the
 * registry (the generator's --check), and, read back from disk, holding every policy key with the
 * type Admit reads it as. The checks return problems, so a test can also prove they catch a template
 * with a key missing or of another type.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { parseXmlPlist } from './plist';
import { parsePolicyValues, POLICY_KEYS, type PolicyKey } from './policy-keys';
import { parseRegQuery, POLICY_REGISTRY_KEY } from './registry';
import {
  ADMX_KEY,
  DOCS_TABLE_END,
  DOCS_TABLE_START,
  examplePolicy,
  listElementId,
  policyKeyKind,
  policyTypeLabel,
  POLICY_KEY_WORDS,
  WINDOWS_VALUE,
  type PolicyValueKind,
} from './templates';

const root = path.resolve(import.meta.dirname, '../../..');
const read = (file: string): string => readFileSync(path.join(root, file), 'utf8');
const readJson = (file: string): Record<string, unknown> => JSON.parse(read(file)) as Record<string, unknown>;

type Node = Record<string, unknown>;
const REPEATED = new Set(['policy', 'string', 'presentation', 'category', 'definition']);
const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  isArray: (name) => REPEATED.has(name),
});
const parseXml = (text: string): Node => parser.parse(text) as Node;
const child = (node: unknown, ...names: string[]): Node => {
  let at = node;
  for (const name of names) at = (at as Node | undefined)?.[name];
  return (at ?? {}) as Node;
};
const list = (node: unknown): Node[] => (Array.isArray(node) ? (node as Node[]) : []);
const refs = (text: string, kind: string): string[] =>
  [...text.matchAll(new RegExp(`\\$\\(${kind}\\.([^)]+)\\)`, 'g'))].map((m) => m[1] ?? '');

/** The element an ADMX policy uses for each kind of value. */
const ADMX_ELEMENT: Record<PolicyValueKind, string | null> = {
  boolean: null,
  integer: 'decimal',
  string: 'text',
  json: 'text',
  'string-list': 'list',
  'integer-list': 'list',
};

/** What is wrong with an ADMX/ADML pair: keys missing, of another kind, ids that do not resolve. */
const admxProblems = (admx: string, adml: string): string[] => {
  const problems: string[] = [];
  for (const [name, text] of [
    ['admx', admx],
    ['adml', adml],
  ] as const) {
    const valid = XMLValidator.validate(text);
    if (valid !== true) return [`${name} is not well-formed: ${valid.err.msg}`];
  }
  const defs = child(parseXml(admx), 'policyDefinitions');
  const res = child(parseXml(adml), 'policyDefinitionResources', 'resources');
  const strings = new Set(list(child(res, 'stringTable')['string']).map((s) => String(s['@id'])));
  const presentations = new Map(
    list(child(res, 'presentationTable')['presentation']).map((p) => [String(p['@id']), p]),
  );
  const categories = new Set(list(child(defs, 'categories')['category']).map((c) => String(c['@name'])));
  const supported = new Set(
    list(child(defs, 'supportedOn', 'definitions')['definition']).map((d) => String(d['@name'])),
  );
  for (const id of refs(admx, 'string')) if (!strings.has(id)) problems.push(`string ${id} not in the ADML`);
  for (const id of refs(admx, 'presentation'))
    if (!presentations.has(id)) problems.push(`presentation ${id} not in the ADML`);
  const policies = new Map(list(child(defs, 'policies')['policy']).map((p) => [String(p['@name']), p]));
  for (const name of policies.keys())
    if (!POLICY_KEYS.includes(name as PolicyKey)) problems.push(`policy ${name} is not a policy key`);
  for (const key of POLICY_KEYS) {
    const policy = policies.get(key);
    if (!policy) {
      problems.push(`${key}: no ADMX policy`);
      continue;
    }
    if (policy['@key'] !== ADMX_KEY || policy['@class'] !== 'Machine')
      problems.push(`${key}: not under HKLM\\${ADMX_KEY}`);
    const category = String(child(policy, 'parentCategory')['@ref']);
    if (!categories.has(category)) problems.push(`${key}: category ${category} is not defined`);
    const on = String(child(policy, 'supportedOn')['@ref']);
    if (!supported.has(on)) problems.push(`${key}: supportedOn ${on} is not defined`);
    const kind = policyKeyKind(key);
    const expected = ADMX_ELEMENT[kind];
    const elements = child(policy, 'elements');
    const names = Object.keys(elements);
    if (expected === null) {
      const on1 = child(policy, 'enabledValue', 'decimal')['@value'];
      const off0 = child(policy, 'disabledValue', 'decimal')['@value'];
      if (policy['@valueName'] !== key || on1 !== '1' || off0 !== '0' || names.length > 0)
        problems.push(`${key}: not a ${kind} (REG_DWORD 1/0 on ${key})`);
      continue;
    }
    if (names.length !== 1 || names[0] !== expected) {
      problems.push(`${key}: a ${kind} must be one <${expected}> element, not ${names.join(', ') || 'none'}`);
      continue;
    }
    const element = child(elements, expected);
    const id = String(element['@id']);
    if (expected === 'list') {
      if (
        id !== listElementId(key) ||
        element['@key'] !== `${ADMX_KEY}\\${key}` ||
        element['@valuePrefix'] !== ''
      )
        problems.push(`${key}: a list must be the subkey ${key} with values 1, 2, 3…`);
    } else if (element['@valueName'] !== key) {
      problems.push(`${key}: writes ${String(element['@valueName'])}, not ${key}`);
    }
    const presentation = presentations.get(String(refs(String(policy['@presentation']), 'presentation')[0]));
    const refIds = JSON.stringify(presentation ?? {}).match(/"@refId":"([^"]+)"/g) ?? [];
    if (refIds.length !== 1 || refIds[0] !== `"@refId":"${id}"`)
      problems.push(`${key}: its presentation does not refer to the element ${id}`);
  }
  return problems;
};

/** `reg query HKLM\SOFTWARE\Policies\Admit /s` output for what each ADMX policy writes, enabled with `values`. */
const regQueryFor = (admx: string, values: Record<string, unknown>): string => {
  const base = `HKEY_LOCAL_MACHINE\\${ADMX_KEY}`;
  const direct: string[] = [base];
  const subkeys: string[] = [];
  for (const policy of list(child(parseXml(admx), 'policyDefinitions', 'policies')['policy'])) {
    const key = String(policy['@name']);
    const value = values[key];
    const elements = child(policy, 'elements');
    if (policy['@valueName']) {
      const on = child(policy, value ? 'enabledValue' : 'disabledValue', 'decimal')['@value'];
      direct.push(`    ${String(policy['@valueName'])}    REG_DWORD    0x${Number(on).toString(16)}`);
    } else if (elements['decimal']) {
      const name = String(child(elements, 'decimal')['@valueName']);
      direct.push(`    ${name}    REG_DWORD    0x${Number(value).toString(16)}`);
    } else if (elements['text']) {
      const name = String(child(elements, 'text')['@valueName']);
      direct.push(`    ${name}    REG_SZ    ${typeof value === 'string' ? value : JSON.stringify(value)}`);
    } else if (elements['list']) {
      const items = Array.isArray(value) ? value : [];
      subkeys.push('', `HKEY_LOCAL_MACHINE\\${String(child(elements, 'list')['@key'])}`);
      items.forEach((item, i) => subkeys.push(`    ${i + 1}    REG_SZ    ${String(item)}`));
    }
  }
  return ['', ...direct, ...subkeys, ''].join('\r\n');
};

const KIND_OF_JSON_SCHEMA = (schema: Node): string => {
  const items = child(schema, 'items');
  if (schema['type'] === 'array')
    return items['type'] === 'object' ? 'json' : `${String(items['type'])}-list`;
  return String(schema['type']);
};

/** Keys missing from a JSON schema's properties, or of another type. */
const schemaProblems = (schema: Node): string[] => {
  const properties = child(schema, 'properties');
  const problems = Object.keys(properties)
    .filter((name) => !POLICY_KEYS.includes(name as PolicyKey))
    .map((name) => `${name} is not a policy key`);
  for (const key of POLICY_KEYS) {
    if (!properties[key]) problems.push(`${key}: missing`);
    else if (KIND_OF_JSON_SCHEMA(child(properties, key)) !== policyKeyKind(key))
      problems.push(`${key}: ${KIND_OF_JSON_SCHEMA(child(properties, key))}, not ${policyKeyKind(key)}`);
  }
  return problems;
};

const plistKind = (value: unknown): string => {
  if (Array.isArray(value)) {
    const first: unknown = value[0];
    if (typeof first === 'object' && first !== null) return 'json';
    return `${Number.isInteger(first) ? 'integer' : typeof first}-list`;
  }
  return Number.isInteger(value) ? 'integer' : typeof value;
};

/** The docs table's rows: key → [type, Windows value]. */
const docsRows = (docs: string): Map<string, string[]> => {
  const start = docs.indexOf(DOCS_TABLE_START);
  const end = docs.indexOf(DOCS_TABLE_END);
  const rows = new Map<string, string[]>();
  if (start < 0 || end < start) return rows;
  for (const line of docs.slice(start, end).split('\n')) {
    const cells = line
      .split(/(?<!\\)\|/)
      .slice(1, -1)
      .map((c) => c.trim().replace(/\\\|/g, '|'));
    const key = /^`(\w+)`$/.exec(cells[0] ?? '')?.[1];
    if (key) rows.set(key, cells.slice(1, 3));
  }
  return rows;
};

describe('policy templates', () => {
  it('are what the registry gives (scripts/generate-policy-templates.mjs --check, in plain Node)', async () => {
    const script = path.join(root, 'scripts/generate-policy-templates.mjs');
    const run = promisify(execFile);
    await expect(run(process.execPath, [script, '--check'], { cwd: root })).resolves.toBeDefined();
  });

  it('every key has a kind, words and an example Admit accepts', () => {
    const parsed = parsePolicyValues(examplePolicy(), 'example');
    expect(parsed.problems).toEqual([]);
    expect(Object.keys(parsed.values).sort()).toEqual([...POLICY_KEYS].sort());
    for (const key of POLICY_KEYS) {
      expect(POLICY_KEY_WORDS[key].title).not.toBe('');
      expect(policyKeyKind(key)).toBeTypeOf('string');
    }
  });

  it('the ADMX and ADML are well-formed, hold every key with its type, and their ids resolve', () => {
    const admx = read('build/policy/windows/admit.admx');
    const adml = read('build/policy/windows/en-US/admit.adml');
    expect(admxProblems(admx, adml)).toEqual([]);
  });

  it('what the ADMX writes to the registry is what Admit reads back', () => {
    const admx = read('build/policy/windows/admit.admx');
    const output = regQueryFor(admx, examplePolicy());
    const parsed = parsePolicyValues(parseRegQuery(output, POLICY_REGISTRY_KEY), POLICY_REGISTRY_KEY);
    expect(parsed.problems).toEqual([]);
    expect(parsed.values).toEqual(parsePolicyValues(examplePolicy(), 'example').values);
  });

  it('the ADMX check catches a missing key, a key of another type and an id that does not resolve', () => {
    const admx = read('build/policy/windows/admit.admx');
    const adml = read('build/policy/windows/en-US/admit.adml');
    const without = admx.replace(/<policy name="OfferDemoOrg"[\s\S]*?<\/policy>/, '');
    expect(admxProblems(without, adml)).toContain('OfferDemoOrg: no ADMX policy');
    const retyped = admx.replace(
      /(<policy name="OverdueAfterDays"[\s\S]*?)<decimal id="OverdueAfterDays"/,
      '$1<text id="OverdueAfterDays"',
    );
    expect(admxProblems(retyped, adml).join('\n')).toMatch(
      /OverdueAfterDays: a integer must be one <decimal>/,
    );
    const unresolved = adml.replace('<string id="SlackApiUrl">', '<string id="SlackApiURL">');
    expect(admxProblems(admx, unresolved)).toContain('string SlackApiUrl not in the ADML');
    expect(admxProblems(admx.replace('</policies>', ''), adml)[0]).toMatch(/admx is not well-formed/);
  });

  it('the macOS profile is well-formed and Admit reads every key from it, with its type', () => {
    const profile = read('build/policy/macos/com.admit.app.mobileconfig');
    expect(XMLValidator.validate(profile)).toBe(true);
    const outer = parseXmlPlist(profile) as Record<string, unknown>;
    const [payload] = outer['PayloadContent'] as Record<string, unknown>[];
    expect(payload?.['PayloadType']).toBe('com.admit.app');
    const keys = Object.fromEntries(Object.entries(payload ?? {}).filter(([k]) => !k.startsWith('Payload')));
    expect(Object.keys(keys).sort()).toEqual([...POLICY_KEYS].sort());
    for (const key of POLICY_KEYS) expect([key, plistKind(keys[key])]).toEqual([key, policyKeyKind(key)]);
    expect(parsePolicyValues(keys, 'profile').problems).toEqual([]);
  });

  it('the bundle id the profile targets is the app id electron-builder packs', async () => {
    const { config } = (await import('../../../electron-builder.js')) as { config: { appId: string } };
    expect(config.appId).toBe('com.admit.app');
    expect(read('build/policy/macos/com.admit.app.mobileconfig')).toContain(
      `<string>${config.appId}</string>`,
    );
  });

  it('the Jamf schema and the policy.json schema hold every key with its type', () => {
    const jamf = readJson('build/policy/macos/com.admit.app.json');
    expect(jamf['title']).toBeTypeOf('string');
    expect(schemaProblems(jamf)).toEqual([]);
    const schema = readJson('build/policy/policy.schema.json');
    expect(schema['additionalProperties']).toBe(false);
    expect(schemaProblems(schema)).toEqual([]);
    const broken = structuredClone(schema) as { properties: Record<string, Node> };
    delete broken.properties['DisableNotifications'];
    broken.properties['OverdueAfterDays'] = { type: 'string' };
    expect(schemaProblems(broken)).toEqual([
      'OverdueAfterDays: string, not integer',
      'DisableNotifications: missing',
    ]);
  });

  it('the example policy.json is valid for Admit', () => {
    expect(parsePolicyValues(readJson('build/policy/linux/policy.json'), 'policy.json').problems).toEqual([]);
  });

  it('the docs table lists every key with its type and Windows value', () => {
    const rows = docsRows(read('docs/deploying.md'));
    expect([...rows.keys()].sort()).toEqual([...POLICY_KEYS].sort());
    for (const key of POLICY_KEYS)
      expect([key, ...(rows.get(key) ?? [])]).toEqual([
        key,
        policyTypeLabel(key),
        WINDOWS_VALUE[policyKeyKind(key)],
      ]);
  });
});
