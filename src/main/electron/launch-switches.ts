/**
 * Release builds ignore development switches. A development run (`electron-vite dev`, `npm start`,
 * Playwright against out/main) and the e2e build honour the dev server URL, SLACK_API_URL, every
 * ADMIT_* variable, DevTools and debugging switches; a release ignores the variables, keeps DevTools
 * off, and refuses to start with a switch that would open it to a debugger or weaken its defences.
 */
import type { App } from 'electron';
import { existsSync } from 'node:fs';
import path from 'node:path';

/**
 * The file build/after-pack.mjs puts into the e2e build's resources folder (next to app.asar). A
 * release never has it; writing it takes write access to the installed app, which only an
 * administrator has for Admit's per-machine installs.
 */
export const E2E_BUILD_MARKER = 'admit-e2e-build';

/** Is this the e2e build (`npm run dist:e2e`), which Playwright drives with --inspect? */
export const isE2eBuild = (resourcesPath: string | undefined, exists = existsSync): boolean =>
  typeof resourcesPath === 'string' &&
  resourcesPath !== '' &&
  exists(path.join(resourcesPath, E2E_BUILD_MARKER));

/** The one rule: development switches count unless this is a packaged build other than the e2e build. */
export const developmentSwitchesAllowed = (app: Pick<App, 'isPackaged'>, e2eBuild: boolean): boolean =>
  !app.isPackaged || e2eBuild;

/** Variables only a development run reads, besides every ADMIT_* one. */
const DEVELOPMENT_VARIABLES = new Set([
  // Loads any page with the full window.admit API, and main trusts its origin for IPC.
  'ELECTRON_RENDERER_URL',
  // Sends the stored token to whatever host it names.
  'SLACK_API_URL',
  // Node reads it at every TLS handshake; Slack calls go through net.fetch, but nothing should weaken TLS.
  'NODE_TLS_REJECT_UNAUTHORIZED',
]);

/**
 * Is this a development variable? Every ADMIT_* variable is, whatever it does (policy file, client ID,
 * redirect ports, plaintext tokens, demo org, rate scale, data folder…), so a new one is covered.
 * Windows spells variable names in any case.
 */
export const isDevelopmentVariable = (name: string): boolean => {
  const upper = name.toUpperCase();
  return upper.startsWith('ADMIT_') || DEVELOPMENT_VARIABLES.has(upper);
};

/**
 * Command-line switches a release refuses, and why. Electron and Chromium act on them before any of
 * Admit's code runs, so ignoring them is not enough: Admit quits instead.
 */
export const REFUSED_SWITCHES: Readonly<Record<string, string>> = {
  'remote-debugging-port': 'opens the DevTools protocol to any local process',
  'remote-debugging-pipe': 'opens the DevTools protocol to the parent process',
  inspect: "opens main's Node inspector",
  'inspect-brk': "opens main's Node inspector",
  'inspect-port': "opens main's Node inspector",
  'js-flags': 'passes flags to the V8 engine',
  'auto-open-devtools-for-tabs': 'opens DevTools',
  'no-sandbox': 'turns off the renderer sandbox',
  'disable-web-security': 'turns off the same-origin policy',
  'ignore-certificate-errors': 'accepts any TLS certificate, so the token could go to an impostor',
  'ignore-certificate-errors-spki-list': 'accepts TLS certificates Slack does not hold',
  'host-rules': 'sends Slack traffic to another host',
  'host-resolver-rules': 'sends Slack traffic to another host',
  'log-net-log': 'records network traffic to a file',
  'user-data-dir': "moves Admit's data folder (vault, databases, log)",
};

/**
 * The switch names in a command line, lowercased: `--name`, `--name=value`, `-name` (and `/name` on
 * Windows), the way Chromium reads them, up to a bare `--`. Node's `_` spelling is read as `-`.
 */
export const switchNames = (
  argv: readonly string[],
  platform: NodeJS.Platform = process.platform,
): string[] => {
  const names: string[] = [];
  for (const arg of argv) {
    if (arg === '--') break;
    const match = /^(?:--?|\/)([^=]+)/.exec(arg);
    if (!match?.[1] || (arg.startsWith('/') && platform !== 'win32')) continue;
    names.push(match[1].toLowerCase().replaceAll('_', '-'));
  }
  return names;
};

/** What the Electron shell learns about its launch before it decides anything. */
export type LaunchFacts = {
  isPackaged: boolean;
  isE2eBuild: boolean;
  env: NodeJS.ProcessEnv;
  /** process.argv, the executable first. */
  argv: readonly string[];
  /** app.commandLine.hasSwitch, for switches that did not come through argv. */
  hasSwitch?: (name: string) => boolean;
  platform?: NodeJS.Platform;
};

/** What the shell may use after applying the rule. */
export type LaunchSettings = {
  /** Whether development switches count (see developmentSwitchesAllowed). */
  development: boolean;
  /** The environment the host reads (policy, config, rate scale): without development variables in a release. */
  env: NodeJS.ProcessEnv;
  /** electron-vite's dev server, in development only. */
  devServerUrl: string | undefined;
  devTools: boolean;
  /** Development variables that were set and are ignored (names only: values may be secrets). */
  ignoredVariables: string[];
  /** Refused switches that were given; a release with any must not start. */
  refusedSwitches: string[];
};

/** Applies the rule to one launch: a pure function of its facts. */
export const launchSettings = (facts: LaunchFacts): LaunchSettings => {
  const development = developmentSwitchesAllowed({ isPackaged: facts.isPackaged }, facts.isE2eBuild);
  if (development) {
    return {
      development,
      env: { ...facts.env },
      devServerUrl: facts.env['ELECTRON_RENDERER_URL'] || undefined,
      devTools: true,
      ignoredVariables: [],
      refusedSwitches: [],
    };
  }
  const env: NodeJS.ProcessEnv = {};
  const ignoredVariables: string[] = [];
  for (const [name, value] of Object.entries(facts.env)) {
    if (isDevelopmentVariable(name)) ignoredVariables.push(name);
    else env[name] = value;
  }
  const given = new Set(switchNames(facts.argv.slice(1), facts.platform));
  const refusedSwitches = Object.keys(REFUSED_SWITCHES).filter(
    (name) => given.has(name) || (facts.hasSwitch?.(name) ?? false),
  );
  return { development, env, devServerUrl: undefined, devTools: false, ignoredVariables, refusedSwitches };
};

/** What a release says before it quits because of refused switches. */
export const refusalMessage = (switches: readonly string[]): string =>
  [
    'Admit does not start with these command-line switches:',
    ...switches.map((name) => `  --${name}: ${REFUSED_SWITCHES[name] ?? 'not allowed'}`),
    '',
    'They are for development builds only. Start Admit without them.',
  ].join('\n');
