/** "Try the demo org": the Slack simulator with the demo org, in-process on a loopback port. */
import { createDemoOrg, startSimulator } from '../simulator';
import type { DemoLauncher } from './service/admit-service';

/** Starts the simulator on any free loopback port and hands the service its URL and admin token. */
export const launchDemoOrg: DemoLauncher = async () => {
  // Dates relative to today, so the demo's ages read like a real inbox.
  const org = createDemoOrg({ now: Math.floor(Date.now() / 1000) });
  const simulator = await startSimulator({ port: 0, org });
  return { apiUrl: simulator.apiUrl, token: simulator.adminToken, close: () => simulator.close() };
};
