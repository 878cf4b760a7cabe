/** The packaged app's paths: the app (a .app bundle on macOS), its executable and its resources folder. */
export type AppLayout = { app: string; executable: string; resources: string };
/** A fuse wire as @electron/fuses' getCurrentFuseWire reads it back. */
export type FuseReadBack = { version: string; [index: number]: number };

/** The marker file build/after-pack.mjs writes into the e2e build's resources folder. */
export declare const E2E_BUILD_MARKER: string;
/** electron-builder's unpacked folder names for an OS and arch, most specific first. */
export declare const unpackedDirNames: (platform: NodeJS.Platform, arch: string) => string[];
/** Where the executable and the resources folder are, for an app path. */
export declare const appLayout: (appPath: string, platform: NodeJS.Platform) => AppLayout;
/** The packaged app in an electron-builder output folder; throws naming the folders it looked in. */
export declare const locateApp: (
  distDir: string,
  options?: { platform?: NodeJS.Platform; arch?: string; exists?: (file: string) => boolean },
) => AppLayout;
/** Each fuse's expected state for a release or the e2e build, from build/fuses.mjs. */
export declare const expectedFuses: (options?: { e2e?: boolean }) => Record<number, number>;
/** What differs between a read-back fuse wire and build/fuses.mjs: one line per fuse. */
export declare const compareFuses: (readBack: FuseReadBack, options?: { e2e?: boolean }) => string[];
/** The e2e marker must be in the e2e build and nowhere else. */
export declare const markerProblems: (
  resources: string,
  options?: { e2e?: boolean; exists?: (file: string) => boolean },
) => string[];
/** The OS's per-user app data folder a release uses. */
export declare const userDataDir: (
  platform?: NodeJS.Platform,
  env?: Record<string, string | undefined>,
  home?: string,
) => string;
/** Development variables the release launch sets. */
export declare const DEVELOPMENT_VARIABLES: string[];
/** The JSON lines of a log text. */
export declare const logEntries: (text: string) => Record<string, unknown>[];
/** What is wrong with a release's log after one launch with the development variables set. */
export declare const releaseLogProblems: (entries: Record<string, unknown>[], ignored?: string[]) => string[];
/** The switches a release must refuse. */
export declare const REFUSED_LAUNCHES: string[][];
/** A release started with everything it must ignore, then with each switch it must refuse (needs the binary). */
export declare const releaseLaunchProblems: (
  layout: AppLayout,
  options?: { seconds?: number },
) => Promise<string[]>;
/** The e2e build shows the connect screen (needs the binary). */
export declare const connectScreenProblems: (layout: AppLayout) => Promise<string[]>;
