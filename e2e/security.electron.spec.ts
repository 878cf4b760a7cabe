/** What only a real Electron window can show about its hardening: CSP, no Node, no navigation, no popups. */
import { _electron as electron, expect, test, type ElectronApplication, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { NO_ELECTRON_REASON, requireElectronTarget, skipElectronSpecs } from './electron-app';

test.describe('Electron hardening', () => {
  test.skip(skipElectronSpecs(), NO_ELECTRON_REASON);

  let app: ElectronApplication;
  let page: Page;
  let dataDir: string;

  test.beforeEach(async () => {
    dataDir = await mkdtemp(path.join(os.tmpdir(), 'admit-security-'));
    app = await electron.launch({
      ...requireElectronTarget(),
      env: { ...process.env, ADMIT_DATA_DIR: dataDir },
    });
    page = await app.firstWindow();
    await page.waitForLoadState('domcontentloaded');
  });

  test.afterEach(async () => {
    await app.close();
    await rm(dataDir, { recursive: true, force: true });
  });

  // Page code is passed as strings: this project's Node tsconfig has no DOM types.
  test('the page is served from app://admit', async () => {
    expect(page.url()).toBe('app://admit/index.html');
    expect(await page.evaluate('document.location.origin')).toBe('app://admit');
  });

  test('Node is out of reach: no process, no require, no module, no Buffer', async () => {
    const globals = await page.evaluate('[typeof process, typeof require, typeof module, typeof Buffer]');
    expect(globals).toEqual(['undefined', 'undefined', 'undefined', 'undefined']);
  });

  test('the CSP blocks an inline script', async () => {
    const violation = page.waitForEvent('console', (msg) => /Content Security Policy/i.test(msg.text()));
    const ran = await page.evaluate(`(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inlineRan = true';
      document.head.append(script);
      return window.__inlineRan === true;
    })()`);
    expect(ran).toBe(false);
    await violation;
  });

  test('the CSP blocks fetch from the page (main owns the network)', async () => {
    const result = await page.evaluate(
      "fetch('https://slack.com/api/api.test').then(() => 'fetched', () => 'blocked')",
    );
    expect(result).toBe('blocked');
  });

  test('window.open is denied', async () => {
    const before = app.windows().length;
    expect(await page.evaluate("window.open('https://evil.example/') === null")).toBe(true);
    expect(app.windows()).toHaveLength(before);
  });

  test('navigation away from the app is denied', async () => {
    await page.evaluate("window.location.href = 'https://evil.example/'");
    // A denied navigation leaves the page where it was; wait on the app's own content, not a timer.
    await expect(page.locator('#root')).toBeAttached();
    expect(page.url()).toBe('app://admit/index.html');
  });

  test('webviews cannot attach', async () => {
    const attached = await page.evaluate(`(() => {
      const view = document.createElement('webview');
      view.setAttribute('src', 'https://evil.example/');
      document.body.append(view);
      return typeof view.getWebContentsId === 'function';
    })()`);
    expect(attached).toBe(false);
  });
});
