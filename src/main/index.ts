/** The Electron shell: hardens the app, creates the window, wires the contract to IPC, and hands the service Electron's adapters. */
import { app, BrowserWindow, dialog, net, safeStorage } from 'electron';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { AdmitError } from '../shared/result';
import { createVault, redactSecrets } from './auth';
import { hardenBeforeReady, hardenOnReady, rendererUrlFor } from './electron/hardening';
import { closeBeforeQuit } from './electron/close-before-quit';
import { registerIpc, sendEvent } from './electron/ipc';
import { isE2eBuild, launchSettings, refusalMessage } from './electron/launch-switches';
import { openExternalUrl } from './electron/open-external';
import { safeStorageCipher } from './electron/safe-storage-cipher';
import { electronSettingsStorage, electronWindowStateStorage } from './electron/settings-store';
import { claimSingleInstance } from './electron/single-instance';
import { appBase } from './electron/trusted-sender';
import { createElectronNotifier } from './electron/notifier';
import { createMainWindow } from './electron/window';
import { readHostConfig } from './host-config';
import { createHostService } from './host-setup';
import {
  absorbStdStreamErrors,
  createFileSink,
  createLogger,
  streamSink,
  teeSinks,
  type Logger,
} from './log';
import { systemPolicyIO } from './policy';
import { acquireDataLock, DataFolderInUseError, type DataLock } from './data-lock';

// Release builds ignore development switches: decided first, from the launch's facts alone.
const launch = launchSettings({
  isPackaged: app.isPackaged,
  isE2eBuild: isE2eBuild(process.resourcesPath),
  env: process.env,
  argv: process.argv,
  hasSwitch: (name) => app.commandLine.hasSwitch(name),
});
// Nothing later may read an ignored variable, whatever it reads the environment through.
for (const name of launch.ignoredVariables) delete process.env[name];

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererUrl = rendererUrlFor(launch.devServerUrl);

let window: BrowserWindow | null = null;
// Launched from a terminal that is later closed, stderr fails on every line: absorb that, rather than
// show "A JavaScript error occurred in the main process" (log/std-streams.ts).
absorbStdStreamErrors();
// Until the data folder is known, lines go to stderr.
let logger: Logger = createLogger(streamSink());

/** Quits before anything starts: Electron already acted on these switches, so ignoring them is not enough. */
const refuseToStart = (switches: readonly string[]): void => {
  for (const name of switches) app.commandLine.removeSwitch(name);
  const message = refusalMessage(switches);
  process.stderr.write(`${message}\n`);
  dialog.showErrorBox('Admit cannot start', message);
  app.exit(1);
};

/** `<data dir>/logs/admit.log`, mirrored to stderr in development runs. */
const openLog = (dataDir: string): Logger => {
  const file = createFileSink({ dir: path.join(dataDir, 'logs') });
  app.on('quit', () => file.close());
  return createLogger(launch.development ? teeSinks(file.sink, streamSink()) : file.sink);
};

/** What the process itself can tell support: crashes of main's code, renderers and helpers. */
const logProcessEvents = (): void => {
  // A monitor only watches: Electron's own handling of an uncaught error stays as it is.
  process.on('uncaughtExceptionMonitor', (error, origin) =>
    logger.error('main.uncaught_exception', { error, origin }),
  );
  app.on('render-process-gone', (_event, _contents, details) =>
    logger.error('renderer.gone', { reason: details.reason, exitCode: details.exitCode }),
  );
  app.on('child-process-gone', (_event, details) =>
    logger.error('child_process.gone', {
      type: details.type,
      reason: details.reason,
      exitCode: details.exitCode,
    }),
  );
};

/** Held for the life of the process. */
let dataLock: DataLock | null = null;

const start = async (): Promise<void> => {
  // ADMIT_DATA_DIR (tests, development) wins; otherwise the OS's per-user app data folder.
  const dataDirFlag = launch.env['ADMIT_DATA_DIR'] ? [] : ['--data-dir', app.getPath('userData')];
  const config = readHostConfig(dataDirFlag, launch.env);
  // One Admit per data folder (the OS drops the lock however the process ends), taken before anything
  // writes there, the log included.
  dataLock = acquireDataLock(config.dataDir, { address: 'the Admit desktop app' });
  logger = openLog(config.dataDir);
  logger.info('app.start', {
    version: app.getVersion(),
    electron: process.versions.electron,
    platform: process.platform,
    arch: process.arch,
    packaged: app.isPackaged,
    development: launch.development,
    ignoredVariables: launch.ignoredVariables,
  });
  hardenOnReady({ rendererRoot: path.join(here, '../renderer'), devServerUrl: launch.devServerUrl });
  // Electron's adapters for the service: net.fetch, safeStorage vault, allowlisted browser opener.
  const service = await createHostService(
    {
      config,
      policyIO: systemPolicyIO(launch.env),
      emit: (event, payload) => sendEvent(window, event, payload),
      vault: (allowPlaintext) =>
        createVault({
          file: path.join(config.dataDir, 'vault.json'),
          cipher: safeStorageCipher(safeStorage),
          allowPlaintext,
        }),
      settingsStorage: electronSettingsStorage(config.dataDir),
      fetch: net.fetch as typeof fetch,
      syncWorkerFile: path.join(here, 'sync-worker.js'),
      openUrl: async (url, extraHosts = []) => {
        if (!(await openExternalUrl(url, { extraHosts }))) {
          throw new AdmitError(
            'policy',
            `Admit only opens https links to Slack or to the request's own app links: ${url}`,
          );
        }
      },
      logger,
      notifier: createElectronNotifier({
        window: () => window,
        emit: (event, payload) => sendEvent(window, event, payload),
      }),
    },
    launch.env,
  );
  registerIpc(() => service.handlers, appBase(rendererUrl), logger);
  window = createMainWindow(rendererUrl, {
    devTools: launch.devTools,
    windowState: electronWindowStateStorage(config.dataDir),
  });
  // The quit waits (a few seconds at most) for the service's last writes, the vault's included.
  closeBeforeQuit(
    app,
    async () => {
      try {
        await service.close();
      } finally {
        dataLock?.release();
      }
    },
    (error) => logger.error('app.close_failed', { error }),
  );
  service.restore().catch((error: unknown) => logger.error('session.restore_failed', { error }));
};

if (launch.refusedSwitches.length > 0) {
  refuseToStart(launch.refusedSwitches);
} else {
  hardenBeforeReady();
  logProcessEvents();
  if (claimSingleInstance(app, () => window)) {
    app
      .whenReady()
      .then(start)
      .catch((error: unknown) => {
        logger.error('app.start_failed', { error });
        if (error instanceof DataFolderInUseError)
          logger.warn('store.lock_conflict', { message: error.message });
        process.stderr.write(`${redactSecrets(error instanceof Error ? error.message : String(error))}\n`);
        dialog.showErrorBox(
          'Admit could not start',
          redactSecrets(error instanceof Error ? error.message : String(error)),
        );
        app.exit(1);
      });
    app.on('window-all-closed', () => app.quit());
  }
}
