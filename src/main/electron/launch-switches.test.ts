import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  developmentSwitchesAllowed,
  E2E_BUILD_MARKER,
  isDevelopmentVariable,
  isE2eBuild,
  launchSettings,
  REFUSED_SWITCHES,
  refusalMessage,
  switchNames,
  type LaunchFacts,
} from './launch-switches';

const EXE = '/opt/Admit/admit';
const release = (over: Partial<LaunchFacts> = {}): LaunchFacts => ({
  isPackaged: true,
  isE2eBuild: false,
  env: {},
  argv: [EXE],
  platform: 'linux',
  ...over,
});
const development = (over: Partial<LaunchFacts> = {}): LaunchFacts => release({ isPackaged: false, ...over });
const e2e = (over: Partial<LaunchFacts> = {}): LaunchFacts => release({ isE2eBuild: true, ...over });

/** Every development variable Admit reads today, with a value that would matter. */
const DEVELOPMENT_ENV: Record<string, string> = {
  ELECTRON_RENDERER_URL: 'http://localhost:5173',
  SLACK_API_URL: 'https://attacker.example/api/',
  ADMIT_POLICY_FILE: '/tmp/evil-policy.json',
  ADMIT_DATA_DIR: '/tmp/elsewhere',
  ADMIT_RATE_SCALE: '60',
  ADMIT_SLACK_CLIENT_ID: '1.2',
  ADMIT_REDIRECT_PORTS: '40000',
  ADMIT_ALLOW_PLAINTEXT_TOKENS: 'true',
  ADMIT_OFFER_DEMO: 'true',
  ADMIT_PORT: '4100',
  NODE_TLS_REJECT_UNAUTHORIZED: '0',
};

describe('developmentSwitchesAllowed', () => {
  it.each([
    [false, false, true],
    [false, true, true],
    [true, true, true],
    [true, false, false],
  ])('isPackaged %s, e2e build %s → %s', (isPackaged, e2eBuild, allowed) => {
    expect(developmentSwitchesAllowed({ isPackaged }, e2eBuild)).toBe(allowed);
  });
});

describe('the e2e build marker', () => {
  it('is a file in the resources folder; absent means a release', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'admit-resources-'));
    try {
      expect(isE2eBuild(dir)).toBe(false);
      await writeFile(path.join(dir, E2E_BUILD_MARKER), '');
      expect(isE2eBuild(dir)).toBe(true);
      expect(isE2eBuild(undefined)).toBe(false);
      expect(isE2eBuild('')).toBe(false);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('environment variables', () => {
  it.each(Object.entries(DEVELOPMENT_ENV))('a release ignores %s', (name, value) => {
    const settings = launchSettings(release({ env: { [name]: value, HOME: '/home/ada', USER: 'ada' } }));
    expect(settings.env).toEqual({ HOME: '/home/ada', USER: 'ada' });
    expect(settings.ignoredVariables).toEqual([name]);
  });

  it.each(Object.entries(DEVELOPMENT_ENV))('a development run and the e2e build keep %s', (name, value) => {
    for (const facts of [development({ env: { [name]: value } }), e2e({ env: { [name]: value } })]) {
      const settings = launchSettings(facts);
      expect(settings.env[name]).toBe(value);
      expect(settings.ignoredVariables).toEqual([]);
    }
  });

  it('covers every ADMIT_* variable, in any case, and nothing else', () => {
    expect(isDevelopmentVariable('ADMIT_SOMETHING_NEW')).toBe(true);
    expect(isDevelopmentVariable('admit_data_dir')).toBe(true);
    expect(isDevelopmentVariable('Slack_Api_Url')).toBe(true);
    for (const name of ['PATH', 'HOME', 'USER', 'LANG', 'HTTPS_PROXY', 'XDG_CONFIG_HOME', 'ADMITTED'])
      expect(isDevelopmentVariable(name)).toBe(false);
  });

  it('uses the dev server only in development', () => {
    const env = { ELECTRON_RENDERER_URL: 'http://localhost:5173' };
    expect(launchSettings(development({ env })).devServerUrl).toBe('http://localhost:5173');
    expect(launchSettings(e2e({ env })).devServerUrl).toBe('http://localhost:5173');
    expect(launchSettings(release({ env })).devServerUrl).toBeUndefined();
    expect(launchSettings(development({ env: { ELECTRON_RENDERER_URL: '' } })).devServerUrl).toBeUndefined();
  });

  it('does not change the environment it was given', () => {
    const env = { ...DEVELOPMENT_ENV };
    launchSettings(release({ env }));
    expect(env).toEqual(DEVELOPMENT_ENV);
  });
});

describe('DevTools', () => {
  it('are on in development and the e2e build, off in a release', () => {
    expect(launchSettings(development()).devTools).toBe(true);
    expect(launchSettings(e2e()).devTools).toBe(true);
    expect(launchSettings(release()).devTools).toBe(false);
  });
});

describe('command-line switches', () => {
  const spellings = (name: string): string[] => [`--${name}`, `--${name}=9222`, `-${name}`];

  it.each(Object.keys(REFUSED_SWITCHES))('a release refuses --%s in every spelling', (name) => {
    for (const arg of spellings(name)) {
      expect(launchSettings(release({ argv: [EXE, arg] })).refusedSwitches).toEqual([name]);
    }
    expect(launchSettings(release({ argv: [EXE, `/${name}`], platform: 'win32' })).refusedSwitches).toEqual([
      name,
    ]);
    expect(launchSettings(release({ argv: [EXE, `--${name.toUpperCase()}`] })).refusedSwitches).toEqual([
      name,
    ]);
  });

  it.each(Object.keys(REFUSED_SWITCHES))('a development run and the e2e build accept --%s', (name) => {
    expect(launchSettings(development({ argv: [EXE, `--${name}=0`] })).refusedSwitches).toEqual([]);
    expect(launchSettings(e2e({ argv: [EXE, `--${name}=0`] })).refusedSwitches).toEqual([]);
  });

  it("refuses what Electron's command line holds although argv does not", () => {
    const facts = release({ hasSwitch: (name) => name === 'remote-debugging-port' });
    expect(launchSettings(facts).refusedSwitches).toEqual(['remote-debugging-port']);
  });

  it('reads Node spellings and stops at a bare --', () => {
    expect(launchSettings(release({ argv: [EXE, '--inspect_brk=0'] })).refusedSwitches).toEqual([
      'inspect-brk',
    ]);
    expect(launchSettings(release({ argv: [EXE, '--', '--inspect'] })).refusedSwitches).toEqual([]);
    expect(switchNames(['/inspect'], 'linux')).toEqual([]); // a path, not a switch, off Windows
  });

  it('lets a release start with ordinary switches and arguments', () => {
    const argv = [
      EXE,
      '--proxy-server=http://proxy:3128',
      '--lang=de',
      '-psn_0_12345',
      '/tmp/file',
      'admit://x',
    ];
    expect(launchSettings(release({ argv })).refusedSwitches).toEqual([]);
  });

  it('says which switches it refused, and why', () => {
    const message = refusalMessage(['remote-debugging-port', 'inspect']);
    expect(message).toContain('--remote-debugging-port: opens the DevTools protocol');
    expect(message).toContain("--inspect: opens main's Node inspector");
    expect(message).toMatch(/Start Admit without them/);
  });
});
