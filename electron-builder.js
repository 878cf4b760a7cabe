// electron-builder configuration (found by name; ESM because package.json says "type": "module").
// Version, name and description come from package.json. Validated by src/main/electron/packaging.test.ts.
import { afterPack } from './build/after-pack.mjs';

const bothMacArchs = ['arm64', 'x64'];

/** @type {import('electron-builder').Configuration} */
export const config = {
  appId: 'com.admit.app',
  productName: 'Admit',
  copyright: 'Copyright © Admit contributors',
  directories: { output: 'dist', buildResources: 'build' },
  // Only the electron-vite output and the manifest: no sources, tests, simulator data or scripts.
  files: ['out/**', 'package.json'],
  asar: true,
  // Fuses are flipped here, right before signing (see build/fuses.mjs).
  afterPack,
  artifactName: '${productName}-${version}-${arch}.${ext}',
  mac: {
    target: [
      { target: 'dmg', arch: bothMacArchs },
      { target: 'pkg', arch: bothMacArchs },
    ],
    category: 'public.app-category.business',
    icon: 'resources/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
  },
  dmg: { writeUpdateInfo: false },
  // Installs into /Applications for every user, which is what Jamf and other MDMs deploy.
  pkg: {
    installLocation: '/Applications',
    allowAnywhere: false,
    allowCurrentUserHome: false,
    isRelocatable: false,
  },
  win: {
    target: [
      { target: 'nsis', arch: ['x64', 'arm64'] },
      { target: 'msi', arch: ['x64'] },
    ],
    icon: 'resources/icon.png',
  },
  nsis: {
    oneClick: false,
    perMachine: true,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: false,
    artifactName: '${productName}-Setup-${version}-${arch}.${ext}',
  },
  // MSI for Intune / Group Policy: per-machine, upgradable in place (upgrade code derived from appId).
  msi: { oneClick: false, perMachine: true, createDesktopShortcut: false, runAfterFinish: false },
  linux: {
    target: ['deb', 'rpm', 'AppImage'],
    icon: 'resources/icons',
    category: 'Office',
    executableName: 'admit',
    maintainer: 'Admit <admit@users.noreply.github.com>',
    synopsis: 'Triage Slack Enterprise app requests',
  },
};

// electron-builder reads the default export of a config file; the named export is for tests.
export default config;
