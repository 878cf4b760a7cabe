/**
 * Reads managed policy from the OS (read-only), validates it key by key, applies ADMIT_* development
 * overrides, and merges it over user settings. Never throws: anything wrong becomes a problem string.
 */
import { execFile } from 'node:child_process';
import { readFile as fsReadFile } from 'node:fs/promises';
import { isBinaryPlist, parseXmlPlist } from './plist';
import { parsePolicyValues, type PolicyKey, type PolicyValues } from './policy-keys';
import { parseRegQuery, POLICY_REGISTRY_KEY } from './registry';

/** The bundle identifier managed preferences are written for on macOS. */
export const MAC_BUNDLE_ID = 'com.admit.app';
/** Where Linux administrators put the policy file. */
export const LINUX_POLICY_FILE = '/etc/admit/policy.json';

/** What a command printed and how it ended; an exec never rejects for a non-zero exit. */
export type ExecResult = { code: number; stdout: string; stderr: string };

/** The OS access loadPolicy needs, injected so tests run anywhere. */
export type PolicyIO = {
  platform: NodeJS.Platform;
  env: Record<string, string | undefined>;
  /** Reads a file; rejects with an ENOENT-coded error when it does not exist. */
  readFile(file: string): Promise<Buffer>;
  exec(file: string, args: string[]): Promise<ExecResult>;
  /** The login name for per-user macOS policy; default env.USER. */
  userName?: string;
};

/** The effective policy and what the UI needs to explain it. */
export type LoadedPolicy = {
  values: Partial<PolicyValues>;
  /** Keys set by managed policy: the UI marks them "managed by your organization" and locks them. */
  managedKeys: PolicyKey[];
  /** Keys set by ADMIT_* environment variables (development overrides). */
  envKeys: PolicyKey[];
  /** Everything that was ignored, and why. */
  problems: string[];
};

/** Settings every part of Admit reads, after defaults, user choices and policy. */
export type EffectiveSettings = {
  slackClientId: string | null;
  redirectPorts: number[];
  slackApiUrl: string;
  allowedEnterpriseIds: string[];
  allowPlaintextTokenStorage: boolean;
  offerDemoOrg: boolean;
  disableSingleKeyShortcuts: boolean;
  overdueAfterDays: number;
  disableNotifications: boolean;
};

/** What Admit does when neither the user nor policy says otherwise. */
export const DEFAULT_SETTINGS: EffectiveSettings = {
  slackClientId: null,
  redirectPorts: [53682, 53683, 53684],
  slackApiUrl: 'https://slack.com/api/',
  allowedEnterpriseIds: [],
  allowPlaintextTokenStorage: false,
  offerDemoOrg: true,
  disableSingleKeyShortcuts: false,
  overdueAfterDays: 3,
  disableNotifications: false,
};

type Source = { label: string; raw: Record<string, unknown> };
type SourceRead = { sources: Source[]; problems: string[] };

const isObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);

const isMissing = (err: unknown): boolean => {
  const code = (err as NodeJS.ErrnoException).code;
  return code === 'ENOENT' || code === 'ENOTDIR';
};

/** A policy file's bytes, or what to report instead: nothing when it is absent, a problem when unreadable. */
const readPolicyFile = async (io: PolicyIO, file: string): Promise<Buffer | SourceRead> => {
  try {
    return await io.readFile(file);
  } catch (err) {
    if (isMissing(err)) return { sources: [], problems: [] };
    return { sources: [], problems: [`${file}: could not be read (${(err as Error).message}).`] };
  }
};

const readJsonSource = async (io: PolicyIO, file: string): Promise<SourceRead> => {
  const content = await readPolicyFile(io, file);
  if (!Buffer.isBuffer(content)) return content;
  try {
    const raw: unknown = JSON.parse(content.toString('utf8'));
    if (isObject(raw)) return { sources: [{ label: file, raw }], problems: [] };
    return { sources: [], problems: [`${file}: must hold a JSON object; ignored.`] };
  } catch {
    return { sources: [], problems: [`${file}: is not valid JSON; ignored.`] };
  }
};

const readPlistSource = async (io: PolicyIO, file: string): Promise<SourceRead> => {
  const content = await readPolicyFile(io, file);
  if (!Buffer.isBuffer(content)) return content;
  try {
    let raw: unknown;
    if (isBinaryPlist(content)) {
      if (io.platform !== 'darwin')
        return { sources: [], problems: [`${file}: binary plists are read only on macOS.`] };
      const out = await io.exec('/usr/bin/plutil', ['-convert', 'json', '-o', '-', file]);
      if (out.code !== 0) throw new Error(out.stderr.trim() || `plutil exited with ${out.code}`);
      raw = JSON.parse(out.stdout);
    } else {
      raw = parseXmlPlist(content.toString('utf8'));
    }
    if (isObject(raw)) return { sources: [{ label: file, raw }], problems: [] };
    return { sources: [], problems: [`${file}: the plist root must be a dictionary; ignored.`] };
  } catch (err) {
    return { sources: [], problems: [`${file}: could not be parsed (${(err as Error).message}); ignored.`] };
  }
};

const readRegistrySource = async (io: PolicyIO): Promise<SourceRead> => {
  try {
    const out = await io.exec('reg', ['query', POLICY_REGISTRY_KEY, '/s']);
    // Exit code 1 with "unable to find the specified registry key" simply means no policy.
    if (out.code !== 0) return { sources: [], problems: [] };
    return { sources: [{ label: POLICY_REGISTRY_KEY, raw: parseRegQuery(out.stdout) }], problems: [] };
  } catch (err) {
    return {
      sources: [],
      problems: [`${POLICY_REGISTRY_KEY}: could not be read (${(err as Error).message}).`],
    };
  }
};

/** The managed policy sources for this OS, lowest precedence first. */
const readManagedSources = async (io: PolicyIO): Promise<SourceRead> => {
  const override = io.env['ADMIT_POLICY_FILE'];
  if (override) return readJsonSource(io, override);
  switch (io.platform) {
    case 'darwin': {
      const reads = [readPlistSource(io, `/Library/Managed Preferences/${MAC_BUNDLE_ID}.plist`)];
      const user = io.userName ?? io.env['USER'];
      if (user && /^[^/\0]+$/.test(user) && user !== '.' && user !== '..') {
        reads.push(readPlistSource(io, `/Library/Managed Preferences/${user}/${MAC_BUNDLE_ID}.plist`));
      }
      const results = await Promise.all(reads);
      return { sources: results.flatMap((r) => r.sources), problems: results.flatMap((r) => r.problems) };
    }
    case 'win32':
      return readRegistrySource(io);
    case 'linux':
      return readJsonSource(io, LINUX_POLICY_FILE);
    default:
      return { sources: [], problems: [] };
  }
};

// Development overrides: environment variable → policy key.
const ENV_KEYS: [string, PolicyKey][] = [
  ['ADMIT_SLACK_CLIENT_ID', 'SlackClientId'],
  ['ADMIT_REDIRECT_PORTS', 'RedirectPorts'],
  ['ADMIT_ALLOW_PLAINTEXT_TOKENS', 'AllowPlaintextTokenStorage'],
  ['ADMIT_OFFER_DEMO', 'OfferDemoOrg'],
];

/** Loads the effective policy: managed sources (later ones win), then ADMIT_* overrides. Never throws. */
export const loadPolicy = async (io: PolicyIO): Promise<LoadedPolicy> => {
  const { sources, problems } = await readManagedSources(io);
  const values: Partial<Record<PolicyKey, unknown>> = {};
  const managed = new Set<PolicyKey>();
  for (const source of sources) {
    const parsed = parsePolicyValues(source.raw, source.label);
    problems.push(...parsed.problems);
    for (const [key, value] of Object.entries(parsed.values) as [PolicyKey, unknown][]) {
      values[key] = value;
      managed.add(key);
    }
  }
  const envKeys: PolicyKey[] = [];
  for (const [variable, key] of ENV_KEYS) {
    const text = io.env[variable];
    if (text === undefined || text === '') continue;
    const parsed = parsePolicyValues({ [key]: text }, variable);
    problems.push(...parsed.problems.map((p) => p.replace(`${variable}: ${key}`, variable)));
    if (key in parsed.values) {
      values[key] = parsed.values[key];
      envKeys.push(key);
    }
  }
  return { values: values as Partial<PolicyValues>, managedKeys: [...managed], envKeys, problems };
};

/**
 * The real OS access: fs, child_process and the environment. The Electron shell passes the
 * environment a release is left with (no ADMIT_* overrides), so managed policy always wins there.
 */
export const systemPolicyIO = (env: Record<string, string | undefined> = process.env): PolicyIO => ({
  platform: process.platform,
  env,
  readFile: (file) => fsReadFile(file),
  exec: (file, args) =>
    new Promise((resolve) => {
      execFile(
        file,
        args,
        { timeout: 10_000, windowsHide: true, encoding: 'utf8' },
        (err, stdout, stderr) => {
          const code = err ? (typeof err.code === 'number' ? err.code : 1) : 0;
          resolve({ code, stdout, stderr: stderr || (err && code !== 1 ? err.message : '') });
        },
      );
    }),
});

/** User settings with policy on top: a managed (or env) value always wins over the user's choice. */
export const resolveSettings = (
  user: Partial<EffectiveSettings>,
  policy: LoadedPolicy,
): EffectiveSettings => {
  const v = policy.values;
  const defined = <T>(value: T | undefined): value is T => value !== undefined;
  const merged: EffectiveSettings = { ...DEFAULT_SETTINGS };
  for (const [key, value] of Object.entries(user) as [keyof EffectiveSettings, unknown][]) {
    if (defined(value)) (merged as Record<string, unknown>)[key] = value;
  }
  if (defined(v.SlackClientId)) merged.slackClientId = v.SlackClientId;
  if (defined(v.RedirectPorts)) merged.redirectPorts = v.RedirectPorts;
  if (defined(v.SlackApiUrl)) merged.slackApiUrl = v.SlackApiUrl;
  if (defined(v.AllowedEnterpriseIds)) merged.allowedEnterpriseIds = v.AllowedEnterpriseIds;
  if (defined(v.AllowPlaintextTokenStorage)) merged.allowPlaintextTokenStorage = v.AllowPlaintextTokenStorage;
  if (defined(v.OfferDemoOrg)) merged.offerDemoOrg = v.OfferDemoOrg;
  if (defined(v.DisableSingleKeyShortcuts)) merged.disableSingleKeyShortcuts = v.DisableSingleKeyShortcuts;
  if (defined(v.OverdueAfterDays)) merged.overdueAfterDays = v.OverdueAfterDays;
  if (defined(v.DisableNotifications)) merged.disableNotifications = v.DisableNotifications;
  return merged;
};
