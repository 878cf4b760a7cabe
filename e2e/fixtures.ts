/** Playwright fixtures: every test gets its own browser host process and data directory. */
import { test as base } from '@playwright/test';
import { startWebHostProcess, type RunningWebHost } from './web-host';

export const test = base.extend<{ host: RunningWebHost }>({
  host: async ({}, use) => {
    const host = await startWebHostProcess();
    await use(host);
    await host.stop();
  },
});

export { expect } from '@playwright/test';
