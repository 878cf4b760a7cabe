/**
 * How much JavaScript the built renderer ships: what index.html loads eagerly (its module scripts,
 * their modulepreloads and everything those import statically) and every chunk in total, minified
 * bytes as they are on disk. `node scripts/bundle-size.mjs [out/renderer]` prints both and exits 1
 * when the eager part is over the budget; `--build` first builds the renderer alone into a temporary
 * folder with the project's own config (what the unit test does).
 */
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/** The budget for the eagerly loaded renderer JS, minified (1 KB = 1,000 bytes). */
export const EAGER_LIMIT_BYTES = 400_000;

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/** Scripts and modulepreloads index.html names, as paths relative to the renderer folder. */
const htmlEntries = (html) => {
  const found = [];
  for (const tag of html.match(/<(script|link)\b[^>]*>/gi) ?? []) {
    const isScript = /^<script/i.test(tag);
    const isPreload = /\brel=["']?modulepreload\b/i.test(tag);
    if (!isScript && !isPreload) continue;
    const ref = /\b(?:src|href)=["']([^"']+)["']/i.exec(tag)?.[1];
    if (ref && !/^[a-z]+:/i.test(ref) && ref.endsWith('.js')) found.push(ref.replace(/^\.?\//, ''));
  }
  return found;
};

/** Chunks a module imports statically (`import{a}from"./x.js"`, `import"./x.js"`), never `import("./x.js")`. */
const staticImports = (code) =>
  [...code.matchAll(/\bimport\s*(?:[^"'();]*?\bfrom\s*)?["'](\.{1,2}\/[^"']+\.js)["']/g)].map((m) => m[1]);

/**
 * Measures a built renderer folder (out/renderer): the eager files and bytes, and the total of every
 * .js file under it.
 */
export const measureBundle = async (rendererDir = path.join(ROOT, 'out', 'renderer')) => {
  const html = await readFile(path.join(rendererDir, 'index.html'), 'utf8');
  const eager = new Map();
  const queue = htmlEntries(html);
  while (queue.length > 0) {
    const file = path.normalize(queue.shift());
    if (eager.has(file)) continue;
    const code = await readFile(path.join(rendererDir, file), 'utf8');
    eager.set(file, { bytes: Buffer.byteLength(code), gzip: gzipSync(code).length });
    for (const ref of staticImports(code)) queue.push(path.join(path.dirname(file), ref));
  }
  if (eager.size === 0) throw new Error(`${rendererDir}/index.html loads no script`);
  const all = [];
  const walk = async (dir) => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) await walk(full);
      else if (entry.name.endsWith('.js'))
        all.push({ file: path.relative(rendererDir, full), bytes: (await stat(full)).size });
    }
  };
  await walk(rendererDir);
  const sum = (items) => items.reduce((n, i) => n + i.bytes, 0);
  const eagerFiles = [...eager].map(([file, size]) => ({ file, ...size }));
  return {
    eager: { bytes: sum(eagerFiles), gzip: eagerFiles.reduce((n, f) => n + f.gzip, 0), files: eagerFiles },
    total: { bytes: sum(all), files: all.length },
    lazy: all.filter((f) => !eager.has(path.normalize(f.file))).sort((a, b) => b.bytes - a.bytes),
    limit: EAGER_LIMIT_BYTES,
    pass: sum(eagerFiles) <= EAGER_LIMIT_BYTES,
  };
};

/**
 * Builds only the renderer, with electron.vite.config.ts as the app's build uses it, into a temporary
 * folder; returns the folder and a function that removes it.
 */
export const buildRenderer = async () => {
  const { resolveConfig } = await import('electron-vite');
  const { build } = await import('vite');
  const outDir = await mkdtemp(path.join(os.tmpdir(), 'admit-renderer-'));
  // electron-vite's resolveConfig sets NODE_ENV for the build; give the caller's back afterwards.
  const nodeEnv = process.env.NODE_ENV;
  try {
    const resolved = await resolveConfig(
      { configFile: path.join(ROOT, 'electron.vite.config.ts'), logLevel: 'silent' },
      'build',
      'production',
    );
    const renderer = resolved.config?.renderer;
    if (!renderer) throw new Error('electron.vite.config.ts has no renderer config');
    await build({ ...renderer, logLevel: 'silent', build: { ...renderer.build, outDir, emptyOutDir: true } });
  } catch (error) {
    await rm(outDir, { recursive: true, force: true });
    throw error;
  } finally {
    if (nodeEnv === undefined) delete process.env.NODE_ENV;
    else process.env.NODE_ENV = nodeEnv;
  }
  return { dir: outDir, remove: () => rm(outDir, { recursive: true, force: true }) };
};

export const kb = (bytes) => `${(bytes / 1000).toFixed(1)} KB`;

const main = async () => {
  const args = process.argv.slice(2);
  const built = args.includes('--build') ? await buildRenderer() : null;
  try {
    const dir =
      built?.dir ?? path.resolve(args.find((a) => !a.startsWith('--')) ?? path.join(ROOT, 'out', 'renderer'));
    const m = await measureBundle(dir);
    console.log(
      `renderer JS, eager: ${kb(m.eager.bytes)} minified (${kb(m.eager.gzip)} gzip), budget ${kb(m.limit)}`,
    );
    for (const f of m.eager.files) console.log(`  ${f.file}  ${kb(f.bytes)}`);
    console.log(`renderer JS, total: ${kb(m.total.bytes)} in ${m.total.files} files; loaded on demand:`);
    for (const f of m.lazy) console.log(`  ${f.file}  ${kb(f.bytes)}`);
    if (!m.pass) {
      console.error(`bundle-size: the eager renderer JS is over budget by ${kb(m.eager.bytes - m.limit)}`);
      process.exitCode = 1;
    }
  } finally {
    await built?.remove();
  }
};

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  main().catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
}
