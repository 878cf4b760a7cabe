/**
 * The simulator is a witness written from Slack's docs: it imports nothing of Admit's (src/main,
 * src/shared, src/renderer, src/preload). Slack's own data (src/slack-facts) and packages are fine.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { expect, it } from 'vitest';

const ROOT = import.meta.dirname;
const SRC = resolve(ROOT, '..');
const ADMIT = ['main', 'shared', 'renderer', 'preload'].map((d) => join(SRC, d));

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
}

const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|\bimport\s+)['"]([^'"]+)['"]/g;

it('imports nothing from Admit (src/main, src/shared, src/renderer, src/preload), tests included', () => {
  const files = sources(ROOT);
  expect(files.length).toBeGreaterThan(20);
  const offending: string[] = [];
  for (const file of files) {
    for (const m of readFileSync(file, 'utf8').matchAll(SPECIFIER)) {
      const spec = m[1] ?? '';
      if (!spec.startsWith('.')) continue;
      const target = resolve(dirname(file), spec);
      if (ADMIT.some((dir) => target === dir || target.startsWith(`${dir}/`)))
        offending.push(`${relative(SRC, file)} → ${spec}`);
    }
  }
  expect(offending).toEqual([]);
});
