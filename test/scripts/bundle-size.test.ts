/**
 * The production renderer stays small: the JavaScript index.html loads eagerly, minified, is at most
 * 400 KB (zod and the contract's schemas stay in main; rarely used views load on demand).
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildRenderer,
  EAGER_LIMIT_BYTES,
  kb,
  measureBundle,
  type BundleSize,
} from '../../scripts/bundle-size.mjs';

let built: { dir: string; remove: () => Promise<void> };
let size: BundleSize;

beforeAll(async () => {
  built = await buildRenderer();
  size = await measureBundle(built.dir);
}, 120_000);

afterAll(() => built?.remove());

describe('the built renderer', () => {
  it(`loads at most ${kb(EAGER_LIMIT_BYTES)} of minified JavaScript eagerly`, () => {
    expect(EAGER_LIMIT_BYTES).toBe(400_000);
    expect(
      size.eager.bytes,
      `eager: ${size.eager.files.map((f) => `${f.file} ${kb(f.bytes)}`).join(', ')}`,
    ).toBeLessThanOrEqual(EAGER_LIMIT_BYTES);
    expect(size.pass).toBe(true);
  });

  it('ships no zod, and loads the rarely used views as chunks of their own', async () => {
    for (const f of size.eager.files) {
      const code = await readFile(path.join(built.dir, f.file), 'utf8');
      // String literals only zod's runtime carries (a schema class name, its English error map).
      expect(code.includes('$ZodString'), `zod in ${f.file}`).toBe(false);
      expect(code.includes('Too big: expected'), `zod in ${f.file}`).toBe(false);
    }
    const lazy = size.lazy.map((f) => path.basename(f.file));
    for (const view of ['InventoryView', 'RulesView', 'PreapproveDialog', 'SavedDecisions']) {
      expect(lazy.some((name) => name.startsWith(`${view}-`))).toBe(true);
    }
    expect(size.total.bytes).toBeGreaterThan(size.eager.bytes);
  });
});
