/** The first inbox in the real Electron window, wherever an Electron binary exists. */
import { _electron as electron, expect, test } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { DEMO_REQUEST_COUNT } from '../src/simulator';
import { NO_ELECTRON_REASON, requireElectronTarget, skipElectronSpecs } from './electron-app';

test.describe('Electron window', () => {
  test.skip(skipElectronSpecs(), NO_ELECTRON_REASON);

  test('the demo inbox lists every request through the preload bridge', async () => {
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'admit-electron-'));
    const app = await electron.launch({
      ...requireElectronTarget(),
      env: { ...process.env, ADMIT_DATA_DIR: dataDir },
    });
    try {
      const window = await app.firstWindow();
      // The page sees the typed API object, never ipcRenderer or Node.
      expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
        'undefined',
      );
      await window.getByRole('button', { name: 'Try the demo org' }).click();
      await expect(window.getByText(`${DEMO_REQUEST_COUNT} pending`)).toBeVisible();
      const list = window.getByRole('listbox', { name: 'Requests' });
      await expect(list.getByRole('option').first()).toHaveAttribute(
        'aria-setsize',
        String(DEMO_REQUEST_COUNT),
      );
    } finally {
      await app.close();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
