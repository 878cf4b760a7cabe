/**
 * The docs name files, so a file that moves must take its name in the docs along: every repository
 * path in backticks (`src/…`, `test/…`) exists, and every source file named by itself (`send-path.ts`,
 * `store/decisions.ts`) is the end of some file's path.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');
const TOP = ['src', 'test', 'docs', 'scripts', 'e2e', 'bench', 'build', 'resources'];
const SOURCE = /\.(ts|tsx|mts|mjs|css)$/;

const walk = (dir: string): string[] =>
  readdirSync(path.join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const rel = `${dir}/${entry.name}`;
    return entry.isDirectory() ? walk(rel) : [rel];
  });

const files = TOP.filter((d) => existsSync(path.join(root, d))).flatMap(walk);
const docs = ['README.md', ...readdirSync(path.join(root, 'docs')).map((f) => `docs/${f}`)].filter((f) =>
  f.endsWith('.md'),
);

/** Backticked tokens of a doc that look like paths (no spaces, globs or placeholders). */
const pathsIn = (doc: string): string[] =>
  [...readFileSync(path.join(root, doc), 'utf8').matchAll(/`([^`\s]+)`/g)]
    .map((m) => (m[1] ?? '').replace(/[,;:)]+$/, ''))
    .filter((t) => !/[*<>…]/.test(t));

describe('the files the docs name', () => {
  it.each(docs)('exist, for %s', (doc) => {
    const tokens = pathsIn(doc);
    const rooted = tokens.filter((t) => TOP.some((d) => t.startsWith(`${d}/`)));
    expect(rooted.filter((t) => !existsSync(path.join(root, t)))).toEqual([]);
    const named = tokens.filter((t) => SOURCE.test(t) && !rooted.includes(t) && !t.startsWith('out/'));
    expect(named.filter((t) => !files.some((f) => f === t || f.endsWith(`/${t}`)))).toEqual([]);
  });
});
