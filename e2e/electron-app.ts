/** Whether this machine can run the `_electron` specs. */
export { electronBinary } from '../scripts/electron-binary.mjs';

export const NO_ELECTRON_REASON =
  'No Electron binary here (installed with ELECTRON_SKIP_BINARY_DOWNLOAD=1); the same flows run in the browser-host specs.';
