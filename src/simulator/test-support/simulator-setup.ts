/** Shared fixture for simulator tests: a fresh simulator per test, closed afterwards. */
import { afterEach } from 'vitest';
import { startSimulator, type Simulator, type SimulatorOptions } from '../server';
import { callApi, type CallOptions } from '../test-client';
import type { SimRequest } from '../types';

const running: Simulator[] = [];

afterEach(async () => {
  await Promise.all(running.splice(0).map((s) => s.close()));
});

/** The demo org's IDs, as tests name them. */
export const HQ = 'T0ACMEHQ001';
export const ENG = 'T0ACMEENG02';
export const ORG = 'E0ACMECORP1';

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

/** Pending requests at a target that requests.list returns without certified=true, newest first. */
export const uncertifiedAt = (sim: Simulator, target: string): SimRequest[] =>
  sim.state.pendingFor(target).filter((r) => !sim.state.isCertified(r.app.id));

/** A settable clock (ms) for startSimulator's `now`. */
export function manualClock(start = 1_772_323_200_000) {
  let t = start;
  return { now: () => t, advance: (ms: number) => void (t += ms) };
}
