/**
 * The renderer's JavaScript as shipped: what index.html loads eagerly (minified, as built by
 * `electron-vite build`, which the bench runs first) against the 400 KB budget, and the total of
 * every chunk, including those the rarely used views load on demand.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { EAGER_LIMIT_BYTES, kb, measureBundle } from '../../scripts/bundle-size.mjs';
import { round } from '../lib/stats.mjs';

const RENDERER = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'out', 'renderer');

export const runBundle = async () => {
  const size = await measureBundle(RENDERER);
  const ratio = size.eager.bytes / EAGER_LIMIT_BYTES;
  return {
    rows: [
      {
        scenario: 'Bundle',
        metric: 'renderer JS, eager (minified)',
        admit: kb(size.eager.bytes),
        baseline: `≤ ${EAGER_LIMIT_BYTES / 1000} KB`,
        ratio: round(ratio),
        pass: size.eager.bytes <= EAGER_LIMIT_BYTES,
      },
    ],
    details: {
      eagerBytes: size.eager.bytes,
      eagerGzipBytes: size.eager.gzip,
      eagerFiles: size.eager.files,
      totalBytes: size.total.bytes,
      totalFiles: size.total.files,
      onDemand: size.lazy,
      limitBytes: EAGER_LIMIT_BYTES,
    },
  };
};
