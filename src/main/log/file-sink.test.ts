import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createFileSink } from './file-sink';
import { createLogger } from './logger';

const posix = process.platform !== 'win32';
const modeOf = async (p: string): Promise<number> => (await stat(p)).mode & 0o777;

describe('the log file', () => {
  let root: string;
  let dir: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'admit-log-'));
    dir = path.join(root, 'logs');
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it('appends one line per event, synchronously, in a private folder and file', async () => {
    const file = createFileSink({ dir });
    const log = createLogger(file.sink);
    log.info('one');
    log.error('two', { token: 'xoxp-1-2-3' });
    // No await, no flush: the lines are on disk as soon as the calls return.
    const lines = (await readFile(file.path, 'utf8')).trimEnd().split('\n');
    expect(lines.map((l) => (JSON.parse(l) as { event: string }).event)).toEqual(['one', 'two']);
    expect(lines[1]).not.toContain('xoxp-1-2-3');
    if (posix) {
      expect(await modeOf(dir)).toBe(0o700);
      expect(await modeOf(file.path)).toBe(0o600);
    }
    file.close();
  });

  it('rotates before a line would pass the limit and keeps three old files', async () => {
    const file = createFileSink({ dir, maxBytes: 200 });
    const log = createLogger(file.sink);
    for (let i = 0; i < 40; i++) log.info('line', { i, pad: 'x'.repeat(40) });
    file.close();
    expect((await readdir(dir)).sort()).toEqual(['admit.log', 'admit.log.1', 'admit.log.2', 'admit.log.3']);
    for (const name of await readdir(dir)) {
      expect((await stat(path.join(dir, name))).size).toBeLessThanOrEqual(200);
      if (posix) expect(await modeOf(path.join(dir, name))).toBe(0o600);
    }
    const last = (await readFile(path.join(dir, 'admit.log'), 'utf8')).trimEnd().split('\n').at(-1) ?? '';
    expect(JSON.parse(last)).toMatchObject({ i: 39 });
    const oldest = (await readFile(path.join(dir, 'admit.log.3'), 'utf8')).split('\n')[0] ?? '';
    expect((JSON.parse(oldest) as { i: number }).i).toBeGreaterThan(0); // the first lines rotated away
  });

  it.runIf(posix)('tightens an older, looser log and folder, and continues after what is there', async () => {
    await mkdir(dir, { mode: 0o755 });
    await chmod(dir, 0o755);
    await writeFile(path.join(dir, 'admit.log'), '{"event":"before"}\n', { mode: 0o644 });
    await chmod(path.join(dir, 'admit.log'), 0o644);
    const file = createFileSink({ dir });
    createLogger(file.sink).info('after');
    file.close();
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(path.join(dir, 'admit.log'))).toBe(0o600);
    expect(await readFile(path.join(dir, 'admit.log'), 'utf8')).toMatch(/before[\s\S]*after/);
  });

  it('falls back when the file cannot be written, and recovers once it can', async () => {
    await writeFile(path.join(root, 'blocker'), 'a file where the folder should be');
    const fallback = vi.fn();
    const blocked = createFileSink({ dir: path.join(root, 'blocker', 'logs'), fallback });
    expect(() => createLogger(blocked.sink).error('lost?')).not.toThrow();
    expect(fallback).toHaveBeenCalledWith(expect.stringContaining('"lost?"'), 'error');

    const file = createFileSink({ dir, fallback });
    const log = createLogger(file.sink);
    log.info('first');
    file.close();
    log.info('second'); // reopens
    file.close();
    expect(await readFile(file.path, 'utf8')).toMatch(/first[\s\S]*second/);
  });
});
