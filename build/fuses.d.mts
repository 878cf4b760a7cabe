import type { FuseV1Config } from '@electron/fuses';

/** Is this the e2e build (ADMIT_E2E_BUILD=1), which Playwright's `_electron` must be able to drive? */
export declare const isE2eBuild: (env?: Record<string, string | undefined>) => boolean;

/** The fuse wire for a release build, or for the e2e build that differs only in allowing --inspect. */
export declare const fuseConfig: (options?: {
  e2e?: boolean;
  resetAdHocDarwinSignature?: boolean;
}) => FuseV1Config;
