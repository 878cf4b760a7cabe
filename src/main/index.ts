/** The Electron shell: hardens the app, creates the window, wires the contract to IPC, and hands the service Electron's adapters. */
import { app, BrowserWindow, dialog, net, safeStorage } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdmitError } from '../shared/result';
import { createVault, redactSecrets } from './auth';
import { readHostConfig } from './host-config';
import { createHostService } from './host-setup';
import { systemPolicyIO } from './policy';
import { hardenBeforeReady, hardenOnReady, rendererUrlFor } from './electron/hardening';
import { registerIpc, sendEvent } from './electron/ipc';
import { openExternalUrl } from './electron/open-external';
import { safeStorageCipher } from './electron/safe-storage-cipher';
import { electronSettingsStorage } from './electron/settings-store';
import { claimSingleInstance } from './electron/single-instance';
import { appBase } from './electron/trusted-sender';
import { createMainWindow } from './electron/window';

hardenBeforeReady();

const here = path.dirname(fileURLToPath(import.meta.url));
const devServerUrl = process.env['ELECTRON_RENDERER_URL'];
const rendererUrl = rendererUrlFor(devServerUrl);

let window: BrowserWindow | null = null;

const start = async (): Promise<void> => {
  hardenOnReady({ rendererRoot: path.join(here, '../renderer'), devServerUrl });
  // ADMIT_DATA_DIR (tests, development) wins; otherwise the OS's per-user app data folder.
  const dataDirFlag = process.env['ADMIT_DATA_DIR'] ? [] : ['--data-dir', app.getPath('userData')];
  const config = readHostConfig(dataDirFlag, process.env);
  // Electron's adapters for the service: net.fetch, safeStorage vault, allowlisted browser opener.
  const service = await createHostService(
    {
      config,
      policyIO: systemPolicyIO(),
      emit: (event, payload) => sendEvent(window, event, payload),
      vault: (allowPlaintext) =>
        createVault({
          file: path.join(config.dataDir, 'vault.json'),
          cipher: safeStorageCipher(safeStorage),
          allowPlaintext,
        }),
      settingsStorage: electronSettingsStorage(config.dataDir),
      fetch: net.fetch as typeof fetch,
      openUrl: async (url, extraHosts = []) => {
        if (!(await openExternalUrl(url, { extraHosts }))) {
          throw new AdmitError(
            'policy',
            `Admit only opens https links to Slack or to the request's own app links: ${url}`,
          );
        }
      },
    },
    process.env,
  );
  registerIpc(() => service.handlers, appBase(rendererUrl));
  window = createMainWindow(rendererUrl);
  app.on('before-quit', () => void service.close());
  void service.restore();
};

if (claimSingleInstance(app, () => window)) {
  app
    .whenReady()
    .then(start)
    .catch((error: unknown) => {
      dialog.showErrorBox(
        'Admit could not start',
        redactSecrets(error instanceof Error ? error.message : String(error)),
      );
      app.exit(1);
    });
  app.on('window-all-closed', () => app.quit());
}
