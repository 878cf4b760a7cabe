// `node scripts/screenshots.mjs`: README screenshots of the demo org in light and dark (after `npx electron-vite build`).
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { chromium } from '@playwright/test';

const out = 'docs/screenshots';
mkdirSync(out, { recursive: true });
const host = spawn(
  process.execPath,
  ['out/main/web.js', '--port', '0', '--data-dir', mkdtempSync(path.join(os.tmpdir(), 'admit-shots-'))],
  {
    stdio: ['ignore', 'pipe', 'inherit'],
  },
);
const url = await new Promise((resolve) =>
  host.stdout.on('data', (d) => {
    const m = /(http:\/\/127\.0\.0\.1:\d+\/#key=\S+)/.exec(String(d));
    if (m) resolve(m[1]);
  }),
);
const executablePath = existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined;
const browser = await chromium.launch({
  executablePath,
  args: [
    '--no-sandbox',
    '--disable-gpu',
    '--disable-background-networking',
    '--disable-component-update',
    '--disable-sync',
  ],
});
try {
  for (const scheme of ['light', 'dark']) {
    // 1280×800: the size the layout tests check (e2e/layout.spec.ts), as a laptop shows it.
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, colorScheme: scheme });
    await page.goto(url);
    if (scheme === 'light') await page.screenshot({ path: `${out}/connect.png` });
    const demo = page.getByRole('button', { name: 'Try the demo org' });
    if (await demo.isVisible()) await demo.click();
    const list = page.getByRole('listbox', { name: 'Requests' });
    await list.locator('[role=option][aria-selected=true]').waitFor();
    // The demo starts from an empty cache: wait until the first complete sync has listed every request.
    await page
      .getByRole('status', { name: 'Connection' })
      .getByText(/synced just now/)
      .waitFor({ timeout: 90_000 });
    await list.focus();
    for (const key of ['j', 'j', 'j', 'Enter']) await page.keyboard.press(key);
    await page.getByRole('region', { name: 'Scope changes' }).waitFor();
    await page.screenshot({ path: `${out}/inbox-${scheme}.png` });
    if (scheme === 'light') {
      // The first-run key hint is in the light picture; dismissed, it stays away (the dark one).
      await page.getByRole('button', { name: 'Got it' }).click();
      // 1024 px wide with the queue folded to its strip.
      await page.setViewportSize({ width: 1024, height: 800 });
      await page.getByRole('region', { name: 'Action queue' }).getByRole('button', { name: 'Hide' }).click();
      await page.screenshot({ path: `${out}/inbox-1024-light.png` });
      await page.getByRole('region', { name: 'Action queue' }).getByRole('button', { name: 'Show' }).click();
      await page.setViewportSize({ width: 1280, height: 800 });
      // The inventories and the rules, from their tabs.
      await page.getByRole('tab', { name: 'Approved' }).click();
      const approved = page.getByRole('listbox', { name: 'Approved apps' });
      await approved.locator('[role=option]').first().waitFor();
      await approved.locator('[role=option]').first().click();
      await page.screenshot({ path: `${out}/approved-light.png` });
      await page.getByRole('tab', { name: 'Rules' }).click();
      // A personal rule being drafted: its dry-run count shows before it is saved.
      await page.getByLabel(/Your rules \(JSON\)/).fill(
        JSON.stringify(
          [
            {
              name: 'Suggest restricting apps that ask for sensitive scopes',
              when: { hasSensitiveScopes: true, directoryApproved: false },
              then: 'restrict',
              apply: 'suggest',
            },
          ],
          null,
          2,
        ),
      );
      await page.getByRole('list', { name: 'Approval rules' }).getByRole('listitem').first().waitFor();
      await page.waitForTimeout(500); // let the dry-run count arrive before the picture
      await page.screenshot({ path: `${out}/rules-light.png` });
    }
    await page.close();
  }
} finally {
  await browser.close();
  host.kill();
}
