import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { loadPolicy, type PolicyIO } from './load-policy';
import { parsePolicyValues } from './policy-keys';

const enoent = (): Error => Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });

/** A fake OS with files by path and one registry answer. */
const fakeIO = (platform: NodeJS.Platform, files: Record<string, string> = {}, reg = ''): PolicyIO => ({
  platform,
  env: {},
  readFile: async (file) => {
    const content = files[file];
    if (content === undefined) throw enoent();
    return Buffer.from(content);
  },
  exec: async () =>
    reg ? { code: 0, stdout: reg, stderr: '' } : { code: 1, stdout: '', stderr: 'not found' },
});

const GOOD = {
  name: 'Internal apps',
  when: { developerTypes: ['internal'], hasSensitiveScopes: false },
  then: 'approve',
  apply: 'auto',
};
const BAD = { name: 'Typo', when: { developerType: ['internal'] }, then: 'approve' };
const LAST = { name: 'Crypto', when: { appIds: ['A0CRYPTO'] }, then: 'restrict', level: 'org' };

const expected = [
  { name: 'Internal apps', when: GOOD.when, then: 'approve', apply: 'auto', level: 'workspace' },
  { name: 'Crypto', when: LAST.when, then: 'restrict', apply: 'suggest', level: 'org' },
];
const badProblem = (source: string): string =>
  `${source}: ApprovalRules rule 2 ("Typo"): when: unknown field "developerType"; this rule is ignored.`;

describe('policy ApprovalRules and AllowPersonalAutoRules', () => {
  it('reads the array from /etc/admit/policy.json; a bad rule is ignored with a problem naming it', async () => {
    const file = '/etc/admit/policy.json';
    const policy = await loadPolicy(
      fakeIO('linux', {
        [file]: JSON.stringify({ ApprovalRules: [GOOD, BAD, LAST], AllowPersonalAutoRules: true }),
      }),
    );
    expect(policy.values).toEqual({ ApprovalRules: expected, AllowPersonalAutoRules: true });
    expect(policy.managedKeys.sort()).toEqual(['AllowPersonalAutoRules', 'ApprovalRules']);
    expect(policy.problems).toEqual([badProblem(file)]);
  });

  it('reads a JSON string from the Windows registry (REG_SZ)', async () => {
    const reg = [
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Admit',
      `    ApprovalRules    REG_SZ    ${JSON.stringify([GOOD, BAD, LAST])}`,
      '    AllowPersonalAutoRules    REG_DWORD    0x0',
      '',
    ].join('\r\n');
    const policy = await loadPolicy(fakeIO('win32', {}, reg));
    expect(policy.values).toEqual({ ApprovalRules: expected, AllowPersonalAutoRules: false });
    expect(policy.problems).toEqual([badProblem('HKLM\\SOFTWARE\\Policies\\Admit')]);
  });

  it('reads an array of dicts from the macOS profile', async () => {
    const file = '/Library/Managed Preferences/com.admit.app.plist';
    const dict = `
      <key>ApprovalRules</key>
      <array>
        <dict>
          <key>name</key><string>Internal apps</string>
          <key>when</key><dict>
            <key>developerTypes</key><array><string>internal</string></array>
            <key>hasSensitiveScopes</key><false/>
          </dict>
          <key>then</key><string>approve</string>
          <key>apply</key><string>auto</string>
        </dict>
        <dict>
          <key>name</key><string>Typo</string>
          <key>when</key><dict><key>developerType</key><array><string>internal</string></array></dict>
          <key>then</key><string>approve</string>
        </dict>
        <dict>
          <key>name</key><string>Crypto</string>
          <key>when</key><dict><key>appIds</key><array><string>A0CRYPTO</string></array></dict>
          <key>then</key><string>restrict</string>
          <key>level</key><string>org</string>
        </dict>
      </array>
      <key>AllowPersonalAutoRules</key><true/>`;
    const policy = await loadPolicy(
      fakeIO('darwin', { [file]: `<?xml version="1.0"?><plist version="1.0"><dict>${dict}</dict></plist>` }),
    );
    expect(policy.values).toEqual({ ApprovalRules: expected, AllowPersonalAutoRules: true });
    expect(policy.problems).toEqual([badProblem(file)]);
  });

  it('ignores the whole key when it is not a list, and says so', async () => {
    for (const value of ['{broken', 7, { name: 'one rule, not a list' }]) {
      const policy = await loadPolicy(
        fakeIO('linux', { '/etc/admit/policy.json': JSON.stringify({ ApprovalRules: value }) }),
      );
      expect(policy.values).toEqual({});
      expect(policy.problems).toEqual([
        expect.stringMatching(/ApprovalRules ignored \((is not valid JSON|must be a list of rules)\)/),
      ]);
    }
  });

  it('accepts the Linux example in docs/deploying.md and the example macOS profile in build/policy', async () => {
    const doc = readFileSync(new URL('../../../docs/deploying.md', import.meta.url), 'utf8');
    const linux = /### Linux: `\/etc\/admit\/policy.json`[\s\S]*?```json\n([\s\S]*?)```/.exec(doc)?.[1];
    const parsed = parsePolicyValues(JSON.parse(linux ?? '{}') as Record<string, unknown>, 'docs');
    expect(parsed.problems).toEqual([]);
    expect(parsed.values.ApprovalRules?.map((r) => r.name)).toEqual([
      'Internal apps without sensitive scopes',
      'No file readers',
    ]);
    const profile = readFileSync(
      new URL('../../../build/policy/macos/com.admit.app.mobileconfig', import.meta.url),
      'utf8',
    );
    const inner =
      /<key>PayloadVersion<\/key>\s*<integer>1<\/integer>([\s\S]*?)<\/dict>\s*<\/array>\s*<key>PayloadDescription/.exec(
        profile,
      )?.[1] ?? '';
    const file = '/Library/Managed Preferences/com.admit.app.plist';
    const mac = await loadPolicy(
      fakeIO('darwin', { [file]: `<plist version="1.0"><dict>${inner}</dict></plist>` }),
    );
    expect(mac.problems).toEqual([]);
    expect(mac.values.ApprovalRules).toEqual(parsed.values.ApprovalRules);
  });
});
