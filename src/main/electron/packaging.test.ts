/**
 * The release configuration, checked without an Electron binary: electron-builder's own loader
 * and schema read electron-builder.js, and the afterPack hook flips a fake fuse wire.
 */
import { getCurrentFuseWire, FuseV1Options, FuseState } from '@electron/fuses';
import { existsSync, readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import {
  afterPack,
  E2E_BUILD_MARKER as BUILD_MARKER,
  electronBinaryPath,
  type FusesContext,
} from '../../../build/after-pack.mjs';
import { fuseConfig, isE2eBuild } from '../../../build/fuses.mjs';
import { config } from '../../../electron-builder.js';
import { E2E_BUILD_MARKER } from './launch-switches';

const projectDir = path.resolve(import.meta.dirname, '../../..');
const fromBuilder = createRequire(createRequire(import.meta.url).resolve('electron-builder'));
const { getConfig, validateConfiguration } = fromBuilder('app-builder-lib/out/util/config/config') as {
  getConfig: (dir: string, file: string | null, options: null) => Promise<Record<string, unknown>>;
  validateConfiguration: (config: unknown, logger: unknown) => Promise<void>;
};
const { DebugLogger } = fromBuilder('builder-util') as { DebugLogger: new (enabled: boolean) => unknown };

type Target = { target: string; arch: string[] };
const targetNames = (targets: unknown) =>
  (targets as Target[]).map((t) => (typeof t === 'string' ? t : t.target));

describe('electron-builder configuration', () => {
  it('is the file electron-builder finds, and passes its schema', async () => {
    const loaded = await getConfig(projectDir, null, null);
    expect(loaded['appId']).toBe('com.admit.app');
    await expect(validateConfiguration(loaded, new DebugLogger(false))).resolves.toBeUndefined();
  });

  it('identifies the app and takes its version from package.json', () => {
    const pkg = JSON.parse(readFileSync(path.join(projectDir, 'package.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(config.appId).toBe('com.admit.app');
    expect(config.productName).toBe('Admit');
    expect(pkg['productName']).toBe('Admit');
    expect(config).not.toHaveProperty('extraMetadata');
    expect(config).not.toHaveProperty('buildVersion');
  });

  it('packs only the build output into an asar and flips fuses after packing', () => {
    expect(config.asar).toBe(true);
    expect(config.files).toEqual(['out/**', 'package.json']);
    expect(config.afterPack).toBe(afterPack);
  });

  it('builds dmg and pkg for arm64 and x64 with the hardened runtime', () => {
    const mac = config.mac as Record<string, unknown>;
    expect(mac['target']).toEqual([
      { target: 'dmg', arch: ['arm64', 'x64'] },
      { target: 'pkg', arch: ['arm64', 'x64'] },
    ]);
    expect(mac['hardenedRuntime']).toBe(true);
    const entitlements = path.join(projectDir, String(mac['entitlements']));
    expect(readFileSync(entitlements, 'utf8')).toContain('com.apple.security.cs.allow-jit');
    expect(config.pkg).toMatchObject({ installLocation: '/Applications', isRelocatable: false });
  });

  it('builds per-machine NSIS (with a wizard) and MSI installers for Windows', () => {
    expect(targetNames((config.win as Record<string, unknown>)['target'])).toEqual(['nsis', 'msi']);
    expect(config.nsis).toMatchObject({ oneClick: false, perMachine: true });
    expect(config.msi).toMatchObject({ perMachine: true });
  });

  it('builds deb, rpm and AppImage for Linux', () => {
    expect((config.linux as Record<string, unknown>)['target']).toEqual(['deb', 'rpm', 'AppImage']);
  });

  it('points at icons that exist', () => {
    const icons = [config.mac, config.win, config.linux].map((p) =>
      String((p as Record<string, unknown>)['icon']),
    );
    for (const icon of icons) expect(existsSync(path.join(projectDir, icon))).toBe(true);
    const png = readFileSync(path.join(projectDir, 'resources/icon.png'));
    expect(png.readUInt32BE(16)).toBeGreaterThanOrEqual(512); // IHDR width
  });
});

describe('fuses', () => {
  const release = fuseConfig({ e2e: false }) as unknown as Record<number, boolean>;
  const e2e = fuseConfig({ e2e: true }) as unknown as Record<number, boolean>;

  it('sets every fuse explicitly, so a fuse a new Electron adds fails the build', () => {
    expect(fuseConfig()).toMatchObject({ strictlyRequireAllFuses: true });
    const all = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');
    for (const fuse of all) expect(typeof release[fuse]).toBe('boolean');
  });

  it('ships the release build locked down', () => {
    expect(release[FuseV1Options.RunAsNode]).toBe(false);
    expect(release[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(false);
    expect(release[FuseV1Options.EnableNodeCliInspectArguments]).toBe(false);
    expect(release[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(true);
    expect(release[FuseV1Options.OnlyLoadAppFromAsar]).toBe(true);
    expect(release[FuseV1Options.EnableCookieEncryption]).toBe(true);
    expect(release[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(false);
    expect(release[FuseV1Options.LoadBrowserProcessSpecificV8Snapshot]).toBe(false);
  });

  it('differs in the e2e build only by allowing --inspect', () => {
    const differing = Object.keys(release).filter((key) => release[Number(key)] !== e2e[Number(key)]);
    expect(differing).toEqual([String(FuseV1Options.EnableNodeCliInspectArguments)]);
    expect(e2e[FuseV1Options.EnableNodeCliInspectArguments]).toBe(true);
  });

  it('selects the e2e build with ADMIT_E2E_BUILD=1 only', () => {
    expect(isE2eBuild({ ADMIT_E2E_BUILD: '1' })).toBe(true);
    expect(isE2eBuild({ ADMIT_E2E_BUILD: 'true' })).toBe(false);
    expect(isE2eBuild({})).toBe(false);
  });
});

describe('the afterPack hook', () => {
  let dir: string;
  const wireLength = Object.values(FuseV1Options).filter((v) => typeof v === 'number').length;

  /** A file that carries Electron's fuse sentinel and a wire of `wireLength` fuses, all enabled. */
  const fakeElectron = async (file: string) => {
    await mkdir(path.dirname(file), { recursive: true });
    const wire = Buffer.alloc(wireLength, FuseState.ENABLE);
    const bytes = [
      Buffer.alloc(256),
      Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'),
      Buffer.from([1, wireLength]),
    ];
    await writeFile(file, Buffer.concat([...bytes, wire, Buffer.alloc(256)]));
  };
  const linux = (): FusesContext => ({
    appOutDir: dir,
    electronPlatformName: 'linux',
    arch: 1,
    packager: { appInfo: { productFilename: 'Admit' }, executableName: 'admit' },
  });

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'admit-fuses-'));
  });
  afterAll(() => rm(dir, { recursive: true, force: true }));

  it('finds the binary of each platform', () => {
    const base = linux();
    expect(electronBinaryPath(base)).toBe(path.join(dir, 'admit'));
    expect(electronBinaryPath({ ...base, electronPlatformName: 'win32' })).toBe(path.join(dir, 'Admit.exe'));
    expect(electronBinaryPath({ ...base, electronPlatformName: 'darwin' })).toBe(path.join(dir, 'Admit.app'));
  });

  it.each([
    ['release', {}, FuseState.DISABLE],
    ['e2e', { ADMIT_E2E_BUILD: '1' }, FuseState.ENABLE],
  ])('flips the %s fuses in the packaged binary', async (_name, env, inspect) => {
    const binary = path.join(dir, 'admit');
    await fakeElectron(binary);
    const log = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    await afterPack(linux(), env);
    log.mockRestore();
    const wire = (await getCurrentFuseWire(binary)) as unknown as Record<number, number>;
    expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeOptionsEnvironmentVariable]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.EnableEmbeddedAsarIntegrityValidation]).toBe(FuseState.ENABLE);
    expect(wire[FuseV1Options.GrantFileProtocolExtraPrivileges]).toBe(FuseState.DISABLE);
    expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(inspect);
    // Only an e2e build carries the marker that lets a packaged app honour development switches.
    expect(existsSync(path.join(dir, 'resources', E2E_BUILD_MARKER))).toBe(inspect === FuseState.ENABLE);
  });

  it('names the same e2e marker as the app reads', () => expect(BUILD_MARKER).toBe(E2E_BUILD_MARKER));

  it('fails the build when the binary has a fuse this config does not know', async () => {
    const binary = path.join(dir, 'admit');
    await mkdir(dir, { recursive: true });
    const wire = Buffer.alloc(wireLength + 1, FuseState.ENABLE);
    const head = [Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, wireLength + 1])];
    await writeFile(binary, Buffer.concat([...head, wire]));
    await expect(afterPack(linux(), {})).rejects.toThrow(/strictlyRequireAllFuses/);
  });
});
