// The Electron fuses Admit ships with: flipped in the packaged binary by build/after-pack.mjs.
import { FuseV1Options, FuseVersion } from '@electron/fuses';

/** Is this the e2e build (ADMIT_E2E_BUILD=1), which Playwright's `_electron` must be able to drive? */
export const isE2eBuild = (env = process.env) => env['ADMIT_E2E_BUILD'] === '1';

/**
 * The fuse wire for a release build, or for the e2e build that differs only in allowing
 * --inspect (Playwright's `_electron` attaches through it). `strictlyRequireAllFuses` makes a
 * fuse added by a newer Electron fail the build until it is decided here.
 */
export const fuseConfig = ({ e2e = false, resetAdHocDarwinSignature = false } = {}) => ({
  version: FuseVersion.V1,
  strictlyRequireAllFuses: true,
  resetAdHocDarwinSignature,
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableCookieEncryption]: true,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: e2e,
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  [FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]: false,
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false,
  // Electron's default, kept: WebAssembly bounds checks through signal handlers.
  [FuseV1Options.WasmTrapHandlers]: true,
});
