/** The Electron shell: creates the window, wires the contract to IPC, and hands the service Electron's adapters. */
import { app, BrowserWindow, net } from 'electron';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { launchDemoOrg } from './demo';
import { readHostConfig } from './host-config';
import { createAdmitService } from './service/admit-service';
import { registerIpc, sendEvent } from './electron/ipc';
import { appBase } from './electron/trusted-sender';
import { createMainWindow } from './electron/window';

app.enableSandbox();
if (!app.requestSingleInstanceLock()) app.quit();

const here = path.dirname(fileURLToPath(import.meta.url));
const rendererUrl =
  process.env['ELECTRON_RENDERER_URL'] ?? pathToFileURL(path.join(here, '../renderer/index.html')).href;

let window: BrowserWindow | null = null;

void app.whenReady().then(() => {
  const config = readHostConfig([], process.env);
  const service = createAdmitService({
    apiUrl: config.slackApiUrl,
    fetch: net.fetch as typeof fetch,
    emit: (event, payload) => sendEvent(window, event, payload),
    launchDemo: launchDemoOrg,
  });
  registerIpc(() => service.handlers, appBase(rendererUrl));
  window = createMainWindow(rendererUrl);
  app.on('second-instance', () => {
    if (window?.isMinimized()) window.restore();
    window?.focus();
  });
  app.on('before-quit', () => void service.close());
});

app.on('window-all-closed', () => app.quit());
