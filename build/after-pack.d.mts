/** The parts of electron-builder's AfterPackContext the hook reads. */
export type FusesContext = {
  appOutDir: string;
  electronPlatformName: string;
  arch: number;
  packager: { appInfo: { productFilename: string }; executableName: string };
};

/** The file flipFuses patches: the .app bundle on macOS, the .exe on Windows, the executable on Linux. */
export declare const electronBinaryPath: (context: FusesContext) => string;

/** The hook: release fuses, or e2e fuses when ADMIT_E2E_BUILD=1. */
export declare const afterPack: (
  context: FusesContext,
  env?: Record<string, string | undefined>,
) => Promise<void>;

/** The marker file an e2e build carries in its resources folder. */
export declare const E2E_BUILD_MARKER: string;

/** The packaged app's resources folder, next to app.asar. */
export declare const resourcesDir: (context: FusesContext) => string;
