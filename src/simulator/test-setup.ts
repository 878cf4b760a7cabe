/** Shared fixture for simulator tests: a fresh simulator per test, closed afterwards. */
import { afterEach } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from './server';
import { callApi, type CallOptions } from './test-client';

const running: Simulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** Starts a simulator (rate limits off unless asked) and returns it with a bound `call` helper. */
export async function setup(opts: SimulatorOptions = {}) {
  const sim = await startSimulator({ rateScale: 0, ...opts });
  running.push(sim);
  const call = (
    method: string,
    args: Record<string, string | number | boolean | string[]> = {},
    o: CallOptions = {},
  ) => callApi(sim.apiUrl, method, args, { token: sim.adminToken, ...o });
  return { sim, call };
}
