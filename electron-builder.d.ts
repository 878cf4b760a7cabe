// Types for electron-builder.js, so tests can import the configuration.
import type { Configuration } from 'electron-builder';

/** Admit's electron-builder configuration. */
export declare const config: Configuration;
declare const defaultConfig: Configuration;
export default defaultConfig;
