// electron-builder afterPack hook: flips the fuses in the packaged Electron binary, before signing.
import { mkdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { flipFuses } from '@electron/fuses';
import { fuseConfig, isE2eBuild } from './fuses.mjs';

// electron-builder's Arch enum: ia32 0, x64 1, armv7l 2, arm64 3, universal 4.
const ARM64 = 3;

/** The file flipFuses patches: the .app bundle on macOS, the .exe on Windows, the executable on Linux. */
export const electronBinaryPath = (context) => {
  const { appOutDir, electronPlatformName, packager } = context;
  switch (electronPlatformName) {
    case 'darwin':
    case 'mas':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.app`);
    case 'win32':
      return path.join(appOutDir, `${packager.appInfo.productFilename}.exe`);
    default:
      return path.join(appOutDir, packager.executableName);
  }
};

/** The file that makes a packaged build honour development switches (E2E_BUILD_MARKER in src/main/electron/launch-switches.ts). */
export const E2E_BUILD_MARKER = 'admit-e2e-build';

/** The packaged app's resources folder, next to app.asar (what Electron calls process.resourcesPath). */
export const resourcesDir = (context) =>
  context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas'
    ? path.join(electronBinaryPath(context), 'Contents', 'Resources')
    : path.join(context.appOutDir, 'resources');

/** The hook: release fuses, or e2e fuses when ADMIT_E2E_BUILD=1. */
export const afterPack = async (context, env = process.env) => {
  const e2e = isE2eBuild(env);
  const isMac = context.electronPlatformName === 'darwin' || context.electronPlatformName === 'mas';
  // Patching an arm64 macOS binary breaks its ad-hoc signature; unsigned local builds need it redone.
  const config = fuseConfig({ e2e, resetAdHocDarwinSignature: isMac && context.arch === ARM64 });
  await flipFuses(electronBinaryPath(context), config);
  // Only an e2e build carries the marker; a release build removes any stale one.
  const marker = path.join(resourcesDir(context), E2E_BUILD_MARKER);
  if (e2e) {
    await mkdir(path.dirname(marker), { recursive: true });
    await writeFile(marker, 'This build honours development switches. Never ship it.\n');
  } else {
    await rm(marker, { force: true });
  }
  console.log(`  • fuses flipped (${e2e ? 'e2e build: --inspect allowed' : 'release build'})`);
};
