/** The Electron shell's launch switches feeding the host's settings: development overrides count in development runs only. */
import { describe, expect, it } from 'vitest';
import { readHostConfig } from '../host-config';
import { hostSettings } from '../host-setup';
import { loadPolicy, type PolicyIO } from '../policy';
import { linuxPolicyIO, MANAGED } from '../policy/test-support/linux-policy';
import { launchSettings } from './launch-switches';

/** A Linux machine whose /etc/admit/policy.json holds `policy`, and a development policy file that says otherwise. */
const io = (env: NodeJS.ProcessEnv, policy: unknown = MANAGED): PolicyIO =>
  linuxPolicyIO(env, policy, { '/tmp/dev-policy.json': { OfferDemoOrg: true } });

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
});
