/** A Linux machine's managed policy for tests: /etc/admit/policy.json, plus any other files given. */
import type { PolicyIO } from '../load-policy';

/** The managed policy most host tests start from. */
export const MANAGED = {
  SlackClientId: '111.222',
  SlackApiUrl: 'https://slack-gov.com/api/',
  AllowPlaintextTokenStorage: false,
  OfferDemoOrg: false,
};

/** A Linux machine whose /etc/admit/policy.json holds `policy`, and whose `files` hold what they say. */
export const linuxPolicyIO = (
  env: NodeJS.ProcessEnv,
  policy: unknown = MANAGED,
  files: Record<string, unknown> = {},
): PolicyIO => ({
  platform: 'linux',
  env,
  readFile: async (file) => {
    if (file === '/etc/admit/policy.json') return Buffer.from(JSON.stringify(policy));
    if (file in files) return Buffer.from(JSON.stringify(files[file]));
    throw Object.assign(new Error('missing'), { code: 'ENOENT' });
  },
  exec: async () => ({ code: 1, stdout: '', stderr: '' }),
});
