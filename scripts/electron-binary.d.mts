/** The Electron binary's path, or null when it is not installed. */
export declare const electronBinary: () => string | null;
