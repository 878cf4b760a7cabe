/**
 * Checks a real packaged Admit (CI runs it on every OS, on the unpacked build and on the installed
 * one):
 *
 *   node scripts/verify-artifact.mjs [--dist DIR | --app PATH] [--e2e] [--fuses-only] [--print-executable]
 *
 * - the fuse wire read back from the binary (@electron/fuses) is exactly build/fuses.mjs's, for a
 *   release or (--e2e) the e2e build, and only the e2e build carries the `admit-e2e-build` marker;
 * - a release, started once with ELECTRON_RUN_AS_NODE, NODE_OPTIONS and the development variables
 *   set, starts as the app (no Node mode, no preloaded script), ignores those variables (its log's
 *   `app.start` line names them; ADMIT_DATA_DIR stays unused) and keeps running; started with
 *   `--inspect` or `--remote-debugging-port`, it refuses with its message;
 * - the e2e build (the same app, which Playwright may drive) shows the connect screen.
 *
 * --dist (default `dist`) finds the unpacked app electron-builder left for this OS and arch; --app
 * names an installed one (`/Applications/Admit.app`, `C:\Program Files\Admit\Admit.exe`,
 * `/opt/Admit/admit`); --print-executable only prints the executable's path. Exits 1 with one line
 * per problem. The parts that need no binary are
 * exported for test/scripts/verify-artifact.test.ts.
 */
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FuseState, FuseV1Options, FuseVersion, getCurrentFuseWire } from '@electron/fuses';
import { fuseConfig } from '../build/fuses.mjs';

/** The marker file build/after-pack.mjs writes into the e2e build's resources folder. */
export const E2E_BUILD_MARKER = 'admit-e2e-build';

const PRODUCT = 'Admit';
const LINUX_EXECUTABLE = 'admit';

/** electron-builder's unpacked folder names for an OS and arch, most specific first. */
export const unpackedDirNames = (platform, arch) => {
  switch (platform) {
    case 'darwin':
      return [`mac-${arch}`, 'mac', 'mac-universal'];
    case 'win32':
      return arch === 'x64' ? ['win-unpacked'] : [`win-${arch}-unpacked`, 'win-unpacked'];
    default:
      return arch === 'x64' ? ['linux-unpacked'] : [`linux-${arch}-unpacked`, 'linux-unpacked'];
  }
};

/** Where the executable and the resources folder are, for an app path (a .app bundle, an .exe or a Linux executable). */
export const appLayout = (appPath, platform) => {
  if (platform === 'darwin') {
    const bundle = appPath.replace(/[\\/]Contents[\\/]MacOS[\\/][^\\/]+$/, '');
    return {
      app: bundle,
      executable: path.join(bundle, 'Contents', 'MacOS', PRODUCT),
      resources: path.join(bundle, 'Contents', 'Resources'),
    };
  }
  return { app: appPath, executable: appPath, resources: path.join(path.dirname(appPath), 'resources') };
};

/** The packaged app in an electron-builder output folder; throws naming the folders it looked in. */
export const locateApp = (
  distDir,
  { platform = process.platform, arch = process.arch, exists = existsSync } = {},
) => {
  const looked = [];
  for (const dir of unpackedDirNames(platform, arch)) {
    const base = path.join(distDir, dir);
    const app =
      platform === 'darwin'
        ? path.join(base, `${PRODUCT}.app`)
        : path.join(base, platform === 'win32' ? `${PRODUCT}.exe` : LINUX_EXECUTABLE);
    looked.push(app);
    if (exists(app)) return appLayout(app, platform);
  }
  throw new Error(`No packaged ${PRODUCT} found; looked for ${looked.join(', ')}`);
};

/** Each fuse's expected state (FuseState.ENABLE / DISABLE) for a release or the e2e build, from build/fuses.mjs. */
export const expectedFuses = ({ e2e = false } = {}) => {
  const config = fuseConfig({ e2e });
  const expected = {};
  for (const [name, index] of Object.entries(FuseV1Options)) {
    if (typeof index !== 'number') continue;
    const value = config[index];
    if (typeof value !== 'boolean') throw new Error(`build/fuses.mjs leaves the fuse ${name} undecided`);
    expected[index] = value ? FuseState.ENABLE : FuseState.DISABLE;
  }
  return expected;
};

const fuseName = (index) => FuseV1Options[index] ?? `fuse #${index}`;
const stateName = (state) => FuseState[state] ?? String(state);

/** What differs between a fuse wire read back from a binary and build/fuses.mjs: one line per fuse. */
export const compareFuses = (readBack, { e2e = false } = {}) => {
  const problems = [];
  if (readBack.version !== FuseVersion.V1)
    return [`fuse wire version ${readBack.version}, expected ${FuseVersion.V1}`];
  const expected = expectedFuses({ e2e });
  const indexes = Object.keys(readBack)
    .filter((k) => /^\d+$/.test(k))
    .map(Number);
  for (const index of indexes) {
    if (!(index in expected))
      problems.push(`${fuseName(index)}: in the binary but not decided in build/fuses.mjs`);
  }
  for (const [key, state] of Object.entries(expected)) {
    const index = Number(key);
    const actual = readBack[index];
    if (actual === undefined) problems.push(`${fuseName(index)}: missing from the binary's fuse wire`);
    else if (actual !== state)
      problems.push(
        `${fuseName(index)}: ${stateName(actual)} in the binary, ${stateName(state)} in build/fuses.mjs`,
      );
  }
  return problems;
};

/** The e2e marker must be in the e2e build and nowhere else. */
export const markerProblems = (resources, { e2e = false, exists = existsSync } = {}) => {
  const present = exists(path.join(resources, E2E_BUILD_MARKER));
  if (e2e && !present) return [`the e2e build has no ${E2E_BUILD_MARKER} marker in ${resources}`];
  if (!e2e && present)
    return [
      `a release must not carry ${E2E_BUILD_MARKER} (${resources}): it would honour development switches`,
    ];
  return [];
};

/** The OS's per-user app data folder a release uses (Electron's userData for productName Admit). */
export const userDataDir = (platform = process.platform, env = process.env, home = os.homedir()) => {
  switch (platform) {
    case 'darwin':
      return path.join(home, 'Library', 'Application Support', PRODUCT);
    case 'win32':
      return path.join(env['APPDATA'] ?? path.join(home, 'AppData', 'Roaming'), PRODUCT);
    default:
      return path.join(env['XDG_CONFIG_HOME'] || path.join(home, '.config'), PRODUCT);
  }
};

/** Development variables the release launch sets; each must be named in app.start's ignoredVariables. */
export const DEVELOPMENT_VARIABLES = [
  'ADMIT_DATA_DIR',
  'ADMIT_POLICY_FILE',
  'ADMIT_OFFER_DEMO',
  'SLACK_API_URL',
  'ELECTRON_RENDERER_URL',
];

/** The JSON lines of a log text (other lines skipped). */
export const logEntries = (text) =>
  text
    .split(/\r?\n/)
    .filter((line) => line.startsWith('{'))
    .flatMap((line) => {
      try {
        return [JSON.parse(line)];
      } catch {
        return [];
      }
    });

/** What is wrong with a release's log after one launch with the development variables set. */
export const releaseLogProblems = (entries, ignored = DEVELOPMENT_VARIABLES) => {
  const start = entries.find((e) => e.event === 'app.start');
  if (!start) return ['no app.start line in the log: the app did not start as Admit'];
  const problems = [];
  if (start.packaged !== true) problems.push('app.start says packaged: false');
  if (start.development !== false)
    problems.push('app.start says development switches count: a release must ignore them');
  const named = new Set(
    Array.isArray(start.ignoredVariables) ? start.ignoredVariables.map((v) => String(v).toUpperCase()) : [],
  );
  for (const name of ignored)
    if (!named.has(name)) problems.push(`${name} was not ignored (app.start's ignoredVariables)`);
  if (!entries.some((e) => e.event === 'policy.loaded'))
    problems.push('no policy.loaded line: the service did not start');
  for (const e of entries.filter((x) => x.level === 'error'))
    problems.push(`error in the log: ${e.event} ${JSON.stringify(e.error?.message ?? '')}`);
  return problems;
};

// ------------------------------------------------------------------ launching (needs the binary)

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

/** Starts the app; resolves with its output once `until(output)` holds, it exits, or `ms` pass. Always ends it. */
const runApp = (executable, args, env, { ms, until = () => false }) =>
  new Promise((resolve) => {
    const child = spawn(executable, args, {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: process.platform !== 'win32',
    });
    let output = '';
    // The exit code if the app ended by itself; null while it runs or once this ended it.
    let exitCode = null;
    let exited = false;
    let settled = false;
    const stop = () => {
      if (exited) return;
      if (process.platform === 'win32') spawnSync('taskkill', ['/pid', String(child.pid), '/t', '/f']);
      else {
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {
          // already gone
        }
      }
    };
    const finish = () => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      clearInterval(poll);
      const result = { output, exitCode };
      stop();
      // Let the OS drop the single-instance and data-folder locks before the next launch.
      setTimeout(() => resolve({ ...result, output }), 1500);
    };
    const onData = (chunk) => {
      output += chunk.toString('utf8');
      if (until(output)) finish();
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.on('exit', (code) => {
      exited = true;
      if (!settled) {
        exitCode = code ?? -1;
        finish();
      }
    });
    child.on('error', (error) => {
      output += `\n${error.message}`;
      exited = true;
      if (!settled) {
        exitCode = -1;
        finish();
      }
    });
    // The condition may be met outside the output (a log file).
    const poll = setInterval(() => {
      if (until(output)) finish();
    }, 250);
    const timer = setTimeout(finish, ms);
  });

/** The switches a release must refuse, as given on the command line. */
export const REFUSED_LAUNCHES = [['--inspect'], ['--inspect=0'], ['--remote-debugging-port=0']];
const REFUSAL = 'Admit does not start with these command-line switches';

const readLog = (file, from) => {
  try {
    return readFileSync(file).subarray(from).toString('utf8');
  } catch {
    return '';
  }
};

/** A release started once with everything it must ignore, then with each switch it must refuse. */
export const releaseLaunchProblems = async (layout, { seconds = 60 } = {}) => {
  const problems = [];
  const scratch = mkdtempSync(path.join(os.tmpdir(), 'admit-verify-'));
  try {
    const dataDir = path.join(scratch, 'data');
    const nodeMarker = path.join(scratch, 'ran-as-node');
    const preloadMarker = path.join(scratch, 'node-options-ran');
    const preload = path.join(scratch, 'preload.cjs');
    writeFileSync(preload, `require('node:fs').writeFileSync(${JSON.stringify(preloadMarker)}, 'x');\n`);
    const policyFile = path.join(scratch, 'policy.json');
    writeFileSync(policyFile, JSON.stringify({ OfferDemoOrg: true }));
    const log = path.join(userDataDir(), 'logs', 'admit.log');
    const logStart = existsSync(log) ? statSync(log).size : 0;
    const env = {
      ...process.env,
      ELECTRON_RUN_AS_NODE: '1',
      NODE_OPTIONS: `--require ${JSON.stringify(preload)}`,
      ADMIT_DATA_DIR: dataDir,
      ADMIT_POLICY_FILE: policyFile,
      ADMIT_OFFER_DEMO: '1',
      SLACK_API_URL: 'http://127.0.0.1:9/api/',
      ELECTRON_RENDERER_URL: 'http://127.0.0.1:9/',
    };
    // In Node mode this script would run and exit; a release starts the app instead.
    const script = `require('node:fs').writeFileSync(${JSON.stringify(nodeMarker)}, 'x'); process.exit(0)`;
    const run = await runApp(layout.executable, ['-e', script], env, {
      ms: seconds * 1000,
      until: () => logEntries(readLog(log, logStart)).some((e) => e.event === 'policy.loaded'),
    });
    // Give a crash after the service started a moment to reach the log.
    await sleep(500);
    if (existsSync(nodeMarker))
      problems.push('ELECTRON_RUN_AS_NODE ran the binary as Node (the RunAsNode fuse is on)');
    if (existsSync(preloadMarker)) problems.push('NODE_OPTIONS was honoured (its --require ran)');
    if (run.exitCode !== null)
      problems.push(
        `the release exited (code ${run.exitCode}) instead of running: ${run.output.trim().slice(-500)}`,
      );
    if (existsSync(dataDir) && readdirSync(dataDir).length > 0)
      problems.push(`ADMIT_DATA_DIR was used (${dataDir})`);
    problems.push(...releaseLogProblems(logEntries(readLog(log, logStart))).map((p) => `${p} (${log})`));

    for (const args of REFUSED_LAUNCHES) {
      // On Linux the refusal exits 1; on macOS and Windows its message box waits, so the message is enough.
      const refused = await runApp(layout.executable, args, process.env, {
        ms: seconds * 1000,
        until: (out) => out.includes(REFUSAL),
      });
      if (!refused.output.includes(REFUSAL))
        problems.push(
          `${args.join(' ')} was not refused: ${refused.output.trim().slice(-300) || 'no output'}`,
        );
      else if (refused.exitCode !== null && refused.exitCode === 0)
        problems.push(`${args.join(' ')}: refused but exited 0`);
    }
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  return problems;
};

/** The e2e build, driven by Playwright like the Electron specs: it shows the connect screen. */
export const connectScreenProblems = async (layout) => {
  const { _electron } = await import('@playwright/test');
  const dataDir = mkdtempSync(path.join(os.tmpdir(), 'admit-verify-e2e-'));
  const app = await _electron.launch({
    executablePath: layout.executable,
    env: { ...process.env, ADMIT_DATA_DIR: dataDir },
  });
  try {
    const window = await app.firstWindow();
    await window.getByRole('heading', { name: 'Admit', level: 1 }).waitFor({ timeout: 30_000 });
    await window.getByRole('heading', { name: 'Use a token' }).waitFor({ timeout: 10_000 });
    if (window.url() !== 'app://admit/index.html')
      return [`the window shows ${window.url()}, not app://admit/index.html`];
    return [];
  } catch (error) {
    return [`the connect screen did not show: ${error.message.split('\n')[0]}`];
  } finally {
    await app.close();
    rmSync(dataDir, { recursive: true, force: true });
  }
};

const option = (args, name) => {
  const i = args.indexOf(name);
  return i >= 0 ? args[i + 1] : undefined;
};

async function main(args) {
  const e2e = args.includes('--e2e');
  const appArg = option(args, '--app');
  const layout = appArg
    ? appLayout(path.resolve(appArg), process.platform)
    : locateApp(path.resolve(option(args, '--dist') ?? 'dist'));
  if (args.includes('--print-executable')) {
    // For the Electron specs against the packaged app: ADMIT_ELECTRON_APP=$(… --print-executable).
    console.log(layout.executable);
    return;
  }
  const kind = e2e ? 'e2e build' : 'release';
  console.log(`Verifying the ${kind} at ${layout.app}`);
  const problems = [
    ...compareFuses(await getCurrentFuseWire(layout.app), { e2e }).map((p) => `fuse ${p}`),
    ...markerProblems(layout.resources, { e2e }),
  ];
  console.log(problems.length === 0 ? "  ✓ fuses are build/fuses.mjs's" : '  ✗ fuses or marker');
  if (!args.includes('--fuses-only')) {
    const launched = e2e ? await connectScreenProblems(layout) : await releaseLaunchProblems(layout);
    console.log(
      launched.length === 0
        ? e2e
          ? '  ✓ shows the connect screen'
          : '  ✓ refuses Node mode, NODE_OPTIONS, debugging switches and development variables'
        : '  ✗ launch',
    );
    problems.push(...launched);
  }
  for (const p of problems) console.error(`  ${p}`);
  process.exit(problems.length === 0 ? 0 : 1);
}

if (process.argv[1] && fileURLToPath(import.meta.url) === path.resolve(process.argv[1])) {
  await main(process.argv.slice(2)).catch((error) => {
    console.error(`verify-artifact: ${error.message}`);
    process.exit(1);
  });
}
