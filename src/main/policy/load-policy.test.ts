import { describe, expect, it } from 'vitest';
import { loadPolicy, resolveSettings, type ExecResult, type PolicyIO } from './load-policy';

const enoent = (): Error => Object.assign(new Error('ENOENT: no such file'), { code: 'ENOENT' });

/** A fake OS: files by path, and one canned answer per command. */
const fakeIO = (
  platform: NodeJS.Platform,
  files: Record<string, string | Buffer> = {},
  env: Record<string, string> = {},
  execAnswer?: (file: string, args: string[]) => ExecResult,
): PolicyIO & { execCalls: string[][] } => {
  const execCalls: string[][] = [];
  return {
    platform,
    env,
    execCalls,
    readFile: async (file) => {
      const content = files[file];
      if (content === undefined) throw enoent();
      return Buffer.isBuffer(content) ? content : Buffer.from(content);
    },
    exec: async (file, args) => {
      execCalls.push([file, ...args]);
      return execAnswer ? execAnswer(file, args) : { code: 1, stdout: '', stderr: 'not found' };
    },
  };
};

const plist = (body: string): string =>
  `<?xml version="1.0" encoding="UTF-8"?><plist version="1.0"><dict>${body}</dict></plist>`;

describe('loadPolicy', () => {
  it('reads macOS managed preferences; the per-user file wins', async () => {
    const io = fakeIO(
      'darwin',
      {
        '/Library/Managed Preferences/com.admit.app.plist': plist(
          '<key>SlackClientId</key><string>111.222</string><key>OfferDemoOrg</key><true/>',
        ),
        '/Library/Managed Preferences/ada/com.admit.app.plist': plist('<key>OfferDemoOrg</key><false/>'),
      },
      { USER: 'ada' },
    );
    const policy = await loadPolicy(io);
    expect(policy.values).toEqual({ SlackClientId: '111.222', OfferDemoOrg: false });
    expect(policy.managedKeys.sort()).toEqual(['OfferDemoOrg', 'SlackClientId']);
    expect(policy.problems).toEqual([]);
  });

  it('converts binary plists with plutil on macOS only', async () => {
    const file = '/Library/Managed Preferences/com.admit.app.plist';
    const io = fakeIO('darwin', { [file]: Buffer.from('bplist00xxxx') }, {}, () => ({
      code: 0,
      stdout: '{"DisableSingleKeyShortcuts":true}',
      stderr: '',
    }));
    const policy = await loadPolicy(io);
    expect(policy.values).toEqual({ DisableSingleKeyShortcuts: true });
    expect(io.execCalls).toEqual([['/usr/bin/plutil', '-convert', 'json', '-o', '-', file]]);
  });

  it('reads the Windows registry through reg query', async () => {
    const out = [
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Admit',
      '    RedirectPorts    REG_SZ    53682,53690',
      '    AllowPlaintextTokenStorage    REG_DWORD    0x1',
      '    AllowedEnterpriseIds    REG_MULTI_SZ    E0ONE\\0E0TWO',
      '',
    ].join('\r\n');
    const io = fakeIO('win32', {}, {}, () => ({ code: 0, stdout: out, stderr: '' }));
    const policy = await loadPolicy(io);
    expect(policy.values).toEqual({
      RedirectPorts: [53682, 53690],
      AllowPlaintextTokenStorage: true,
      AllowedEnterpriseIds: ['E0ONE', 'E0TWO'],
    });
    expect(io.execCalls[0]).toEqual(['reg', 'query', 'HKLM\\SOFTWARE\\Policies\\Admit', '/s']);
  });

  it('treats a missing registry key as no policy', async () => {
    const policy = await loadPolicy(fakeIO('win32'));
    expect(policy).toEqual({ values: {}, managedKeys: [], envKeys: [], problems: [] });
  });

  it('reads /etc/admit/policy.json on Linux and reports invalid keys without failing', async () => {
    const io = fakeIO('linux', {
      '/etc/admit/policy.json': JSON.stringify({
        SlackApiUrl: 'http://slack.example/api',
        RedirectPorts: [80, 53682],
        AllowedEnterpriseIds: ['E0GOOD'],
        OfferDemoOrg: 'sometimes',
        Surprise: 1,
        SlackClientId: '9.9',
      }),
    });
    const policy = await loadPolicy(io);
    expect(policy.values).toEqual({ AllowedEnterpriseIds: ['E0GOOD'], SlackClientId: '9.9' });
    expect(policy.problems).toHaveLength(4);
    expect(policy.problems.join('\n')).toMatch(/SlackApiUrl ignored \(must be an https:\/\/ URL\)/);
    expect(policy.problems.join('\n')).toMatch(/RedirectPorts ignored/);
    expect(policy.problems.join('\n')).toMatch(/OfferDemoOrg ignored/);
    expect(policy.problems.join('\n')).toMatch(/unknown policy key "Surprise"/);
  });

  it('reports an unreadable policy file instead of crashing', async () => {
    const broken = await loadPolicy(fakeIO('linux', { '/etc/admit/policy.json': '{not json' }));
    expect(broken.values).toEqual({});
    expect(broken.problems[0]).toMatch(/not valid JSON/);
    const badPlist = await loadPolicy(
      fakeIO('darwin', { '/Library/Managed Preferences/com.admit.app.plist': '<plist><dict><key>a</key>' }),
    );
    expect(badPlist.problems[0]).toMatch(/could not be parsed/);
  });

  it('lets ADMIT_POLICY_FILE replace the OS location and ADMIT_* variables override policy', async () => {
    const io = fakeIO(
      'linux',
      {
        '/etc/admit/policy.json': JSON.stringify({ SlackClientId: 'from.etc' }),
        '/tmp/dev-policy.json': JSON.stringify({ SlackClientId: 'from.file', OfferDemoOrg: false }),
      },
      {
        ADMIT_POLICY_FILE: '/tmp/dev-policy.json',
        ADMIT_SLACK_CLIENT_ID: 'from.env',
        ADMIT_REDIRECT_PORTS: '50001, 50002',
        ADMIT_ALLOW_PLAINTEXT_TOKENS: '1',
        ADMIT_OFFER_DEMO: 'maybe',
      },
    );
    const policy = await loadPolicy(io);
    expect(policy.values).toEqual({
      SlackClientId: 'from.env',
      OfferDemoOrg: false,
      RedirectPorts: [50001, 50002],
      AllowPlaintextTokenStorage: true,
    });
    expect(policy.managedKeys.sort()).toEqual(['OfferDemoOrg', 'SlackClientId']);
    expect(policy.envKeys).toEqual(['SlackClientId', 'RedirectPorts', 'AllowPlaintextTokenStorage']);
    expect(policy.problems).toEqual([expect.stringMatching(/^ADMIT_OFFER_DEMO/)]);
  });

  it('reads OverdueAfterDays from every source, and reports a bad value as a problem', async () => {
    const mac = await loadPolicy(
      fakeIO('darwin', {
        '/Library/Managed Preferences/com.admit.app.plist': plist(
          '<key>OverdueAfterDays</key><integer>7</integer>',
        ),
      }),
    );
    expect(mac.values).toEqual({ OverdueAfterDays: 7 });
    expect(mac.managedKeys).toEqual(['OverdueAfterDays']);
    const reg = [
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Admit',
      '    OverdueAfterDays    REG_DWORD    0xe',
      '',
    ].join('\r\n');
    const win = await loadPolicy(fakeIO('win32', {}, {}, () => ({ code: 0, stdout: reg, stderr: '' })));
    expect(win.values).toEqual({ OverdueAfterDays: 14 });
    const text = await loadPolicy(
      fakeIO('linux', { '/etc/admit/policy.json': JSON.stringify({ OverdueAfterDays: '5' }) }),
    );
    expect(text.values).toEqual({ OverdueAfterDays: 5 });
    for (const bad of [0, 400, 2.5, 'soon', true]) {
      const policy = await loadPolicy(
        fakeIO('linux', { '/etc/admit/policy.json': JSON.stringify({ OverdueAfterDays: bad }) }),
      );
      expect(policy.values).toEqual({});
      expect(policy.problems).toEqual([expect.stringMatching(/OverdueAfterDays ignored/)]);
    }
    const badReg = reg.replace('0xe', '0x0');
    const winBad = await loadPolicy(fakeIO('win32', {}, {}, () => ({ code: 0, stdout: badReg, stderr: '' })));
    expect(winBad.problems).toEqual([expect.stringMatching(/OverdueAfterDays ignored/)]);
    expect(resolveSettings({}, text).overdueAfterDays).toBe(5);
    expect(resolveSettings({}, winBad).overdueAfterDays).toBe(3);
  });

  it('reads DisableNotifications from every source, and reports a bad value as a problem', async () => {
    const mac = await loadPolicy(
      fakeIO('darwin', {
        '/Library/Managed Preferences/com.admit.app.plist': plist('<key>DisableNotifications</key><true/>'),
      }),
    );
    expect(mac.values).toEqual({ DisableNotifications: true });
    const reg =
      'HKEY_LOCAL_MACHINE\\SOFTWARE\\Policies\\Admit\r\n    DisableNotifications    REG_DWORD    0x1\r\n';
    const win = await loadPolicy(fakeIO('win32', {}, {}, () => ({ code: 0, stdout: reg, stderr: '' })));
    expect(win.values).toEqual({ DisableNotifications: true });
    const linux = await loadPolicy(
      fakeIO('linux', { '/etc/admit/policy.json': JSON.stringify({ DisableNotifications: false }) }),
    );
    expect(linux.values).toEqual({ DisableNotifications: false });
    expect(linux.managedKeys).toEqual(['DisableNotifications']);
    const bad = await loadPolicy(
      fakeIO('linux', { '/etc/admit/policy.json': JSON.stringify({ DisableNotifications: 'sometimes' }) }),
    );
    expect(bad.values).toEqual({});
    expect(bad.problems).toEqual([expect.stringMatching(/DisableNotifications ignored/)]);
    expect(resolveSettings({}, win).disableNotifications).toBe(true);
  });

  it('merges policy over user settings over defaults', async () => {
    const policy = await loadPolicy(
      fakeIO('linux', { '/etc/admit/policy.json': JSON.stringify({ DisableSingleKeyShortcuts: true }) }),
    );
    const settings = resolveSettings({ disableSingleKeyShortcuts: false, offerDemoOrg: false }, policy);
    expect(settings).toMatchObject({
      disableSingleKeyShortcuts: true,
      offerDemoOrg: false,
      redirectPorts: [53682, 53683, 53684],
      slackApiUrl: 'https://slack.com/api/',
      allowPlaintextTokenStorage: false,
    });
  });
});
