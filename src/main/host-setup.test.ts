/** What a host starts with: policy, development overrides (development runs only), the private data folder, the log. */
import { mkdtemp, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createMemoryVault } from './auth';
import { launchSettings } from './electron/launch-switches';
import { readHostConfig } from './host-config';
import { createHostService, hostSettings, rateScale } from './host-setup';
import { createMemoryLogger } from './log';
import { loadPolicy, type PolicyIO } from './policy';

const MANAGED = {
  SlackClientId: '111.222',
  SlackApiUrl: 'https://slack-gov.com/api/',
  AllowPlaintextTokenStorage: false,
  OfferDemoOrg: false,
};

/** A Linux machine whose /etc/admit/policy.json holds `policy`, and a development policy file that says otherwise. */
const io = (env: NodeJS.ProcessEnv, policy: unknown = MANAGED): PolicyIO => ({
  platform: 'linux',
  env,
  readFile: async (file) => {
    if (file === '/etc/admit/policy.json') return Buffer.from(JSON.stringify(policy));
    if (file === '/tmp/dev-policy.json') return Buffer.from(JSON.stringify({ OfferDemoOrg: true }));
    throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  },
  exec: async () => ({ code: 1, stdout: '', stderr: '' }),
});

const DEV_ENV = {
  USER: 'ada',
  SLACK_API_URL: 'http://127.0.0.1:9000/api',
  ADMIT_SLACK_CLIENT_ID: '999.999',
  ADMIT_ALLOW_PLAINTEXT_TOKENS: 'true',
  ADMIT_RATE_SCALE: '60',
  ADMIT_POLICY_FILE: '/tmp/dev-policy.json',
};

const settingsFor = async (isPackaged: boolean) => {
  const { env } = launchSettings({ isPackaged, isE2eBuild: false, env: DEV_ENV, argv: ['admit'] });
  const policy = await loadPolicy(io(env));
  return hostSettings(readHostConfig([], env), policy, env);
};

describe('host settings', () => {
  it('in a development run, ADMIT_* and SLACK_API_URL win over policy', async () => {
    const { effective, apiUrl, rateScale: scale } = await settingsFor(false);
    expect(apiUrl).toBe('http://127.0.0.1:9000/api/');
    expect(effective.slackClientId).toBe('999.999');
    expect(effective.allowPlaintextTokenStorage).toBe(true);
    expect(effective.offerDemoOrg).toBe(true); // from ADMIT_POLICY_FILE, instead of /etc/admit
    expect(scale).toBe(60);
  });

  it('in a release, managed policy always wins and the overrides are gone', async () => {
    const { effective, apiUrl, rateScale: scale } = await settingsFor(true);
    expect(apiUrl).toBe('https://slack-gov.com/api/');
    expect(effective.slackClientId).toBe('111.222');
    expect(effective.allowPlaintextTokenStorage).toBe(false);
    expect(effective.offerDemoOrg).toBe(false);
    expect(scale).toBe(1);
  });

  it('reads a rate scale only when it makes sense', () => {
    expect(rateScale({})).toBe(1);
    expect(rateScale({ ADMIT_RATE_SCALE: '0.5' })).toBe(1);
    expect(rateScale({ ADMIT_RATE_SCALE: 'x' })).toBe(1);
    expect(rateScale({ ADMIT_RATE_SCALE: '30' })).toBe(30);
  });
});

describe('createHostService', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'admit-host-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('makes the data folder private and logs what policy said', async () => {
    const dataDir = path.join(root, 'data');
    const logger = createMemoryLogger();
    const service = await createHostService(
      {
        config: readHostConfig(['--data-dir', dataDir], {}),
        policyIO: io({}, { ...MANAGED, RedirectPorts: [80] }),
        emit: () => undefined,
        vault: () => createMemoryVault(),
        logger,
      },
      {},
    );
    await service.close();
    if (process.platform !== 'win32') expect((await stat(dataDir)).mode & 0o777).toBe(0o700);
    expect(logger.find('policy.loaded')[0]).toMatchObject({
      managedKeys: expect.arrayContaining(['SlackClientId']),
    });
    expect(logger.find('policy.problem')[0]).toMatchObject({
      level: 'warn',
      problem: expect.stringContaining('RedirectPorts'),
    });
  });
});
