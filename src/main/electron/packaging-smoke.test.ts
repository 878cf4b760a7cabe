/**
 * A real `electron-builder --linux dir` run against a fake Electron (a file carrying the fuse
 * wire), to prove the config packs what it should and the hook flips the fuses. Opt in:
 * `npx electron-vite build && ADMIT_PACKAGING_SMOKE=1 npx vitest run src/main/electron/packaging-smoke`.
 */
import { FuseState, FuseV1Options, getCurrentFuseWire } from '@electron/fuses';
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const run = promisify(execFile);
const projectDir = path.resolve(import.meta.dirname, '../../..');

describe.runIf(process.env['ADMIT_PACKAGING_SMOKE'] === '1')(
  'electron-builder --dir with a fake Electron',
  () => {
    let dir: string;

    beforeAll(async () => {
      dir = await mkdtemp(path.join(os.tmpdir(), 'admit-pack-'));
      const dist = path.join(dir, 'electron');
      await mkdir(path.join(dist, 'resources'), { recursive: true });
      const wireLength = Object.values(FuseV1Options).filter((v) => typeof v === 'number').length;
      const head = [Buffer.from('dL7pKGdnNz796PbbjQWNKmHXBZaB9tsX'), Buffer.from([1, wireLength])];
      await writeFile(
        path.join(dist, 'electron'),
        Buffer.concat([...head, Buffer.alloc(wireLength, FuseState.ENABLE)]),
        {
          mode: 0o755,
        },
      );
    });
    afterAll(() => rm(dir, { recursive: true, force: true }));

    it.each([
      ['release', '0', FuseState.DISABLE],
      ['e2e', '1', FuseState.ENABLE],
    ])(
      'packs out/ into app.asar and flips the %s fuses',
      { timeout: 120_000 },
      async (name, e2e, inspect) => {
        const output = path.join(dir, name);
        const cli = path.join(projectDir, 'node_modules/electron-builder/cli.js');
        await run(
          process.execPath,
          [
            cli,
            '--linux',
            'dir',
            `-c.electronDist=${path.join(dir, 'electron')}`,
            `-c.directories.output=${output}`,
          ],
          { cwd: projectDir, env: { ...process.env, ADMIT_E2E_BUILD: e2e } },
        );
        const unpacked = path.join(output, 'linux-unpacked');
        expect(await readdir(path.join(unpacked, 'resources'))).toContain('app.asar');
        const wire = (await getCurrentFuseWire(path.join(unpacked, 'admit'))) as unknown as Record<
          number,
          number
        >;
        expect(wire[FuseV1Options.RunAsNode]).toBe(FuseState.DISABLE);
        expect(wire[FuseV1Options.OnlyLoadAppFromAsar]).toBe(FuseState.ENABLE);
        expect(wire[FuseV1Options.EnableNodeCliInspectArguments]).toBe(inspect);
      },
    );
  },
);
