/** "Try the demo org": the Slack simulator with the demo org, in-process on a loopback port. */
import { createDemoOrg, startSimulator } from '../simulator';

/** Starts the simulator on any free loopback port; `rateScale` > 1 shortens Slack's rate windows. */
export const launchDemoOrg = async (
  rateScale = 1,
): Promise<{ apiUrl: string; token: string; close(): Promise<void> }> => {
  // Dates relative to today, so the demo's ages read like a real inbox.
  const org = createDemoOrg({ now: Math.floor(Date.now() / 1000) });
  const simulator = await startSimulator({ port: 0, org, rateScale });
  return { apiUrl: simulator.apiUrl, token: simulator.adminToken, close: () => simulator.close() };
};
