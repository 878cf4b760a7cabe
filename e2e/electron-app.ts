/**
 * What the `_electron` specs launch, and whether this machine can run them. By default, out/main with
 * node_modules' Electron binary; with ADMIT_ELECTRON_APP, a packaged app (CI points it at the e2e
 * build from `npm run dist:e2e`, whose fuses let Playwright attach). Where no binary exists the specs
 * skip with NO_ELECTRON_REASON, unless ADMIT_REQUIRE_ELECTRON=1 (set by the CI workflow, where the
 * binary is installed): then they fail, so a missing binary can never pass as a skip.
 */
import { electronBinary } from '../scripts/electron-binary.mjs';

export { electronBinary };

export const NO_ELECTRON_REASON =
  'No Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); the same flows run in the browser-host specs.';

/** The executable and arguments `_electron.launch` gets. */
export type ElectronTarget = { executablePath: string; args: string[] };

/** The packaged app from ADMIT_ELECTRON_APP, else out/main with node_modules' Electron, else null. */
export const electronTarget = (env: NodeJS.ProcessEnv = process.env): ElectronTarget | null => {
  const packaged = env['ADMIT_ELECTRON_APP'];
  if (packaged) return { executablePath: packaged, args: [] };
  const binary = electronBinary();
  return binary === null ? null : { executablePath: binary, args: ['out/main/index.js'] };
};

/** Does this run require the Electron specs to run (CI with the binary installed)? */
export const electronRequired = (env: NodeJS.ProcessEnv = process.env): boolean =>
  env['ADMIT_REQUIRE_ELECTRON'] === '1';

/** Skip the specs here? Only where there is no binary and the run does not require one. */
export const skipElectronSpecs = (env: NodeJS.ProcessEnv = process.env): boolean =>
  electronTarget(env) === null && !electronRequired(env);

/** The target, or a failure that says why when the run requires Electron and there is none. */
export const requireElectronTarget = (env: NodeJS.ProcessEnv = process.env): ElectronTarget => {
  const target = electronTarget(env);
  if (target === null)
    throw new Error(
      `ADMIT_REQUIRE_ELECTRON=1, but: ${NO_ELECTRON_REASON} Install it with npm ci (no skip flag).`,
    );
  return target;
};
