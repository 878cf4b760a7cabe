/**
 * Electron's security checklist, applied in two steps: what must happen before `ready` (sandbox
 * for every renderer, the app:// scheme's privileges, the guard on every new webContents) and
 * what needs a ready app (session denials, the app:// handler).
 */
import { app, protocol, session } from 'electron';
import { APP_INDEX_URL, APP_SCHEME_PRIVILEGES, serveAppProtocol } from './app-protocol';
import { hardenSession } from './session-guards';
import { installWebContentsGuard } from './web-contents-guard';

/** Where the window's page comes from: the dev server when electron-vite dev runs, else app://. */
export const rendererUrlFor = (devServerUrl: string | undefined): string => devServerUrl || APP_INDEX_URL;

/** Everything that must run before `ready`. Call once, at the top of the main module. */
export const hardenBeforeReady = (): void => {
  app.enableSandbox();
  protocol.registerSchemesAsPrivileged([APP_SCHEME_PRIVILEGES]);
  installWebContentsGuard(app);
};

/** Everything that needs a ready app: deny-by-default session handlers and the app:// file server. */
export const hardenOnReady = (options: { rendererRoot: string; devServerUrl: string | undefined }): void => {
  hardenSession(session.defaultSession, options.devServerUrl || undefined);
  serveAppProtocol(protocol, options.rendererRoot);
};
