import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { nodeVersionProblem } from '../../scripts/node-version.mjs';

const script = join(import.meta.dirname, '../../scripts/require-node.mjs');
const message = (v: string): string =>
  `Admit needs Node 24 or newer (this is Node v${v}). Run "nvm use" (see .nvmrc) or install Node 24.`;

/** The machine's own Node (v20 on the dev box and CI), when it is there and older than 24. */
const SYSTEM_NODE = '/usr/bin/node';
const systemVersion = existsSync(SYSTEM_NODE)
  ? spawnSync(SYSTEM_NODE, ['-p', 'process.versions.node'], { encoding: 'utf8' }).stdout.trim()
  : '';
const oldSystemNode = /^\d+/.test(systemVersion) && Number(systemVersion.split('.')[0]) < 24;

describe('the Node version guard', () => {
  it.each([
    ['20.20.2', message('20.20.2')],
    ['v18.0.0', message('18.0.0')],
    ['14.21.3', message('14.21.3')],
    ['23.99.99', message('23.99.99')],
    ['24.0.0', undefined],
    ['24.21.0', undefined],
    ['25.1.0', undefined],
  ])('Node %s → %s', (version, expected) => {
    expect(nodeVersionProblem(version)).toBe(expected);
  });

  it('stays silent and exits 0 on this Node', () => {
    const run = spawnSync(process.execPath, [script], { encoding: 'utf8' });
    expect(run.status).toBe(0);
    expect(run.stdout + run.stderr).toBe('');
  });

  it.skipIf(!oldSystemNode)(
    oldSystemNode
      ? `says so in one line and exits 1 on ${SYSTEM_NODE} (v${systemVersion})`
      : `says so on an old system Node (skipped: ${SYSTEM_NODE} is missing or not older than 24)`,
    () => {
      const run = spawnSync(SYSTEM_NODE, [script], { encoding: 'utf8' });
      expect(run.status).toBe(1);
      expect(run.stdout).toBe('');
      expect(run.stderr).toBe(`${message(systemVersion)}\n`);
    },
  );
});
