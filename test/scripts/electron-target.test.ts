/** The Electron specs skip only where no binary exists and the run does not require one (e2e/electron-app.ts). */
import { describe, expect, it } from 'vitest';
import {
  electronBinary,
  electronTarget,
  requireElectronTarget,
  skipElectronSpecs,
} from '../../e2e/electron-app';

const binary = electronBinary();

describe('what the Electron specs launch', () => {
  it('a packaged app named by ADMIT_ELECTRON_APP, with no arguments', () => {
    const env = { ADMIT_ELECTRON_APP: '/opt/Admit/admit', ADMIT_REQUIRE_ELECTRON: '1' };
    expect(electronTarget(env)).toEqual({ executablePath: '/opt/Admit/admit', args: [] });
    expect(skipElectronSpecs(env)).toBe(false);
  });

  it.runIf(binary !== null)("otherwise out/main with node_modules' Electron", () => {
    expect(electronTarget({})).toEqual({ executablePath: binary, args: ['out/main/index.js'] });
    expect(skipElectronSpecs({})).toBe(false);
  });

  it.runIf(binary === null)('without a binary: skipped, unless ADMIT_REQUIRE_ELECTRON=1, which fails', () => {
    expect(skipElectronSpecs({})).toBe(true);
    expect(skipElectronSpecs({ ADMIT_REQUIRE_ELECTRON: '1' })).toBe(false);
    expect(() => requireElectronTarget({ ADMIT_REQUIRE_ELECTRON: '1' })).toThrow(
      /ADMIT_REQUIRE_ELECTRON=1, but/,
    );
  });
});
