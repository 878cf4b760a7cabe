/** Command-line entry: parses flags, starts a simulator and prints where it listens. */
import { parseArgs } from 'node:util';
import { createDemoOrg } from './demo-org';
import { generateOrg } from './generate-org';
import { startSimulator, type Simulator } from './server';

/**
 * Starts a simulator from argv flags (--port --requests --workspaces --rate-scale --seed --token-ttl,
 * --redirect-uri repeated for each registered OAuth redirect URL) and prints one line.
 */
export async function runSimulatorCli(
  argv: string[],
  print: (line: string) => void = (line) => console.log(line),
): Promise<Simulator> {
  const { values } = parseArgs({
    args: argv,
    options: {
      port: { type: 'string' },
      requests: { type: 'string' },
      workspaces: { type: 'string' },
      'rate-scale': { type: 'string' },
      seed: { type: 'string' },
      'token-ttl': { type: 'string' },
      'redirect-uri': { type: 'string', multiple: true },
    },
    strict: true,
  });
  const num = (name: string, raw: string | undefined): number | undefined => {
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isFinite(n) || n < 0) throw new Error(`--${name} needs a non-negative number, got "${raw}"`);
    return n;
  };
  const requests = num('requests', values.requests);
  const workspaces = num('workspaces', values.workspaces);
  // The demo org unless a size is asked for.
  const org =
    requests !== undefined || workspaces !== undefined
      ? generateOrg({ requests: requests ?? 60, workspaces: workspaces ?? 4, seed: num('seed', values.seed) })
      : createDemoOrg();
  const sim = await startSimulator({
    port: num('port', values.port) ?? 0,
    org,
    rateScale: num('rate-scale', values['rate-scale']),
    oauth: { tokenTtlSeconds: num('token-ttl', values['token-ttl']), redirectUris: values['redirect-uri'] },
  });
  print(`Slack simulator at ${sim.apiUrl} token=${sim.adminToken}`);
  return sim;
}
