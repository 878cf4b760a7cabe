import { afterEach, expect, it } from 'vitest';
import { runSimulatorCli } from './cli';
import { DEMO_REQUEST_COUNT } from './demo-org';
import type { Simulator } from './server';

let sim: Simulator | undefined;
afterEach(async () => {
  await sim?.close();
  sim = undefined;
});

it('starts a generated org from flags and prints one line', async () => {
  const lines: string[] = [];
  sim = await runSimulatorCli(
    ['--requests', '200', '--workspaces', '5', '--seed', '9', '--rate-scale', '0'],
    (l) => lines.push(l),
  );
  expect(lines).toEqual([`Slack simulator at ${sim.apiUrl} token=${sim.adminToken}`]);
  expect(lines[0]).toMatch(/^Slack simulator at http:\/\/127\.0\.0\.1:\d+\/api\/ token=xoxp-/);
  expect(sim.state.pending.size).toBe(200);
  expect(sim.state.teams.size).toBe(5);
});

it('defaults to the demo org and rejects bad numbers', async () => {
  sim = await runSimulatorCli([], () => {});
  expect(sim.state.pending.size).toBe(DEMO_REQUEST_COUNT);
  await expect(runSimulatorCli(['--port', 'abc'], () => {})).rejects.toThrow(/--port/);
});

it('registers OAuth redirect URLs given with --redirect-uri', async () => {
  sim = await runSimulatorCli(['--redirect-uri', 'http://localhost:53682/callback'], () => {});
  const authorize = (redirect: string) =>
    fetch(
      `${sim!.origin}/oauth/v2/authorize?${new URLSearchParams({
        client_id: '1000000001.2000000002',
        user_scope: 'admin.apps:read',
        redirect_uri: redirect,
        code_challenge: 'c'.repeat(43),
        code_challenge_method: 'S256',
      })}`,
      { redirect: 'manual' },
    );
  expect((await authorize('http://localhost:53682/callback')).status).toBe(302);
  expect((await authorize('http://localhost:53683/callback')).status).toBe(400);
});
