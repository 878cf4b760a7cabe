/**
 * The parts of scripts/verify-artifact.mjs that need no Electron binary: finding the packaged app,
 * comparing a fuse read-back with build/fuses.mjs (on fake read-backs and on a fake binary carrying a
 * fuse wire), the e2e marker, and reading a release's log.
 */
import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  appLayout,
  compareFuses,
  DEVELOPMENT_VARIABLES,
  E2E_BUILD_MARKER,
  expectedFuses,
  locateApp,
  logEntries,
  markerProblems,
  releaseLogProblems,
  userDataDir,
  type FuseReadBack,
} from '../../scripts/verify-artifact.mjs';

const FUSES = Object.values(FuseV1Options).filter((v): v is number => typeof v === 'number');

/** A read-back equal to build/fuses.mjs, with some fuses changed. */
const readBack = (e2e: boolean, changes: Record<number, number> = {}): FuseReadBack => ({
  version: FuseVersion.V1,
  ...expectedFuses({ e2e }),
  ...changes,
});

const scratch = mkdtempSync(path.join(os.tmpdir(), 'admit-verify-test-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('locating the packaged app', () => {
  const only =
    (...files: string[]) =>
    (file: string): boolean =>
      files.includes(file);

  it.each([
    [
      'linux',
      'x64',
      path.join('dist', 'linux-unpacked', 'admit'),
      path.join('dist', 'linux-unpacked', 'resources'),
    ],
    [
      'linux',
      'arm64',
      path.join('dist', 'linux-arm64-unpacked', 'admit'),
      path.join('dist', 'linux-arm64-unpacked', 'resources'),
    ],
    [
      'win32',
      'x64',
      path.join('dist', 'win-unpacked', 'Admit.exe'),
      path.join('dist', 'win-unpacked', 'resources'),
    ],
    [
      'darwin',
      'arm64',
      path.join('dist', 'mac-arm64', 'Admit.app'),
      path.join('dist', 'mac-arm64', 'Admit.app', 'Contents', 'Resources'),
    ],
    [
      'darwin',
      'x64',
      path.join('dist', 'mac', 'Admit.app'),
      path.join('dist', 'mac', 'Admit.app', 'Contents', 'Resources'),
    ],
  ] as const)('%s %s: %s', (platform, arch, app, resources) => {
    const layout = locateApp('dist', { platform, arch, exists: only(app) });
    expect(layout.app).toBe(app);
    expect(layout.resources).toBe(resources);
  });

  it('finds the executable inside a macOS bundle, and the bundle from its executable', () => {
    const bundle = path.join('/Applications', 'Admit.app');
    expect(appLayout(bundle, 'darwin').executable).toBe(path.join(bundle, 'Contents', 'MacOS', 'Admit'));
    expect(appLayout(path.join(bundle, 'Contents', 'MacOS', 'Admit'), 'darwin').app).toBe(bundle);
  });

  it('names the folders it looked in when there is no app', () => {
    expect(() => locateApp('dist', { platform: 'win32', arch: 'arm64', exists: () => false })).toThrow(
      /win-arm64-unpacked.*Admit\.exe.*win-unpacked/,
    );
  });
});

describe('the fuse read-back against build/fuses.mjs', () => {
  it('decides every fuse this Electron knows', () => {
    expect(Object.keys(expectedFuses()).map(Number).sort()).toEqual([...FUSES].sort());
  });

  it('accepts the release wire on a release and the e2e wire on the e2e build', () => {
    expect(compareFuses(readBack(false))).toEqual([]);
    expect(compareFuses(readBack(true), { e2e: true })).toEqual([]);
  });

  it('the two wires differ only in the inspect fuse', () => {
    expect(compareFuses(readBack(true))).toEqual([
      'EnableNodeCliInspectArguments: ENABLE in the binary, DISABLE in build/fuses.mjs',
    ]);
  });

  it('names a flipped, missing, unknown or unversioned fuse', () => {
    expect(compareFuses(readBack(false, { [FuseV1Options.RunAsNode]: FuseState.ENABLE }))).toEqual([
      'RunAsNode: ENABLE in the binary, DISABLE in build/fuses.mjs',
    ]);
    const missing: FuseReadBack = readBack(false);
    delete missing[FuseV1Options.WasmTrapHandlers];
    expect(compareFuses(missing)).toEqual(["WasmTrapHandlers: missing from the binary's fuse wire"]);
    expect(compareFuses(readBack(false, { 99: FuseState.ENABLE }))).toEqual([
      'fuse #99: in the binary but not decided in build/fuses.mjs',
    ]);
    expect(compareFuses({ ...readBack(false), version: '2' })).toEqual(['fuse wire version 2, expected 1']);
  });

  it('reads a fake binary the way it reads a real one', async () => {
    const wire = FUSES.map((i) => expectedFuses()[i] ?? FuseState.DISABLE);
    const file = path.join(scratch, 'fake-electron');
    const sentinel = Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX');
    writeFileSync(
      file,
      Buffer.concat([Buffer.alloc(64), sentinel, Buffer.from([1, wire.length]), Buffer.from(wire)]),
    );
    const back = (await getCurrentFuseWire(file)) as unknown as FuseReadBack;
    expect(compareFuses(back)).toEqual([]);
    expect(compareFuses(back, { e2e: true })).toEqual([
      'EnableNodeCliInspectArguments: DISABLE in the binary, ENABLE in build/fuses.mjs',
    ]);
  });
});

describe('the e2e marker', () => {
  const resources = path.join(scratch, 'resources');
  const withMarker = (file: string): boolean => file === path.join(resources, E2E_BUILD_MARKER);

  it('must be in the e2e build and never in a release', () => {
    expect(markerProblems(resources, { e2e: true, exists: withMarker })).toEqual([]);
    expect(markerProblems(resources, { e2e: false, exists: () => false })).toEqual([]);
    expect(markerProblems(resources, { e2e: false, exists: withMarker })[0]).toMatch(/must not carry/);
    expect(markerProblems(resources, { e2e: true, exists: () => false })[0]).toMatch(
      /has no admit-e2e-build/,
    );
  });
});

describe("a release's log after one launch", () => {
  const start = {
    time: '2026-01-01T00:00:00.000Z',
    level: 'info',
    event: 'app.start',
    packaged: true,
    development: false,
    ignoredVariables: [...DEVELOPMENT_VARIABLES, 'NODE_TLS_REJECT_UNAUTHORIZED'],
  };
  const loaded = { level: 'info', event: 'policy.loaded', managedKeys: [], envKeys: [] };
  const text = (...entries: object[]): string =>
    `${entries.map((e) => JSON.stringify(e)).join('\n')}\nnot json\n`;

  it('passes when the variables were ignored and the service started', () => {
    expect(releaseLogProblems(logEntries(text(start, loaded)))).toEqual([]);
  });

  it('names a development run, a variable that counted, a missing start and errors', () => {
    const dev = { ...start, development: true, ignoredVariables: ['ADMIT_DATA_DIR'] };
    const problems = releaseLogProblems(
      logEntries(text(dev, loaded, { level: 'error', event: 'renderer.gone' })),
    );
    expect(problems).toContain('app.start says development switches count: a release must ignore them');
    expect(problems).toContain("SLACK_API_URL was not ignored (app.start's ignoredVariables)");
    expect(problems).toContain('error in the log: renderer.gone ""');
    expect(releaseLogProblems(logEntries(text(loaded)))).toEqual([
      'no app.start line in the log: the app did not start as Admit',
    ]);
  });

  it("looks for it in the OS's user-data folder", () => {
    expect(userDataDir('darwin', {}, '/Users/ada')).toBe(
      path.join('/Users/ada', 'Library', 'Application Support', 'Admit'),
    );
    expect(userDataDir('win32', { APPDATA: 'C:\\Users\\ada\\AppData\\Roaming' }, 'C:\\Users\\ada')).toBe(
      path.join('C:\\Users\\ada\\AppData\\Roaming', 'Admit'),
    );
    expect(userDataDir('linux', {}, '/home/ada')).toBe(path.join('/home/ada', '.config', 'Admit'));
    expect(userDataDir('linux', { XDG_CONFIG_HOME: '/x' }, '/home/ada')).toBe(path.join('/x', 'Admit'));
  });
});
