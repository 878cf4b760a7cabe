/** The budget for the eagerly loaded renderer JS, minified (1 KB = 1,000 bytes). */
export declare const EAGER_LIMIT_BYTES: number;

export type BundleFile = { file: string; bytes: number };
export type BundleSize = {
  /** What index.html loads before the page can run: its scripts and all they import statically. */
  eager: { bytes: number; gzip: number; files: (BundleFile & { gzip: number })[] };
  /** Every .js file of the renderer. */
  total: { bytes: number; files: number };
  /** The chunks loaded on demand, largest first. */
  lazy: BundleFile[];
  limit: number;
  pass: boolean;
};

/** Measures a built renderer folder (default out/renderer). */
export declare function measureBundle(rendererDir?: string): Promise<BundleSize>;
/** Builds only the renderer with electron.vite.config.ts into a temporary folder. */
export declare function buildRenderer(): Promise<{ dir: string; remove: () => Promise<void> }>;
/** `326.0 KB` (1 KB = 1,000 bytes). */
export declare function kb(bytes: number): string;
