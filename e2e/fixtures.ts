/** Playwright fixtures: every test gets its own browser host process and data directory. */
import { test as base } from '@playwright/test';
import { freePorts } from '../src/main/auth/test-support/ports';
import { SIMULATOR_CLIENT_ID } from '../src/simulator';
import { startSimulatorProcess, type RunningSimulator } from './processes';
import { startWebHostProcess, type RunningWebHost } from './web-host';

/** A browser host signed out, pointed at a Slack simulator the test controls (faults, other admins, OAuth). */
export type SlackWorld = { sim: RunningSimulator; host: RunningWebHost; redirectPort: number };

export const test = base.extend<{ host: RunningWebHost; world: SlackWorld }>({
  // The browser host with the built-in demo org.
  host: async ({}, use) => {
    const host = await startWebHostProcess();
    await use(host);
    await host.stop();
  },
  world: async ({}, use) => {
    // Per-second rate windows; tokens that rotate hourly; loopback ports that parallel workers do not share.
    const sim = await startSimulatorProcess(['--rate-scale', '60', '--token-ttl', '3600']);
    const [redirectPort = 0, nextPort = 0] = await freePorts(2);
    const host = await startWebHostProcess({
      SLACK_API_URL: sim.apiUrl,
      ADMIT_SLACK_CLIENT_ID: SIMULATOR_CLIENT_ID,
      ADMIT_REDIRECT_PORTS: `${redirectPort}, ${nextPort}`,
      ADMIT_RATE_SCALE: '60',
    });
    await use({ sim, host, redirectPort });
    await host.stop();
    await sim.stop();
  },
});

export { expect } from '@playwright/test';
