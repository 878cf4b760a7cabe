import fs from 'node:fs';
import { chmod, mkdir, mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  ensurePrivateDir,
  ensurePrivateDirSync,
  ensurePrivateFileSync,
  tightenFileSync,
  writePrivateFile,
  writePrivateFileSync,
} from './private-files';

const posix = process.platform !== 'win32';
const modeOf = async (p: string): Promise<number> => (await stat(p)).mode & 0o777;

describe('private files', () => {
  let root: string;
  beforeEach(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'admit-private-'));
  });
  afterEach(() => rm(root, { recursive: true, force: true }));

  it.runIf(posix)('creates folders 0700, parents included', async () => {
    const dir = path.join(root, 'a', 'b');
    await ensurePrivateDir(dir);
    expect(await modeOf(dir)).toBe(0o700);
    expect(await modeOf(path.join(root, 'a'))).toBe(0o700);
    ensurePrivateDirSync(path.join(root, 'c'));
    expect(await modeOf(path.join(root, 'c'))).toBe(0o700);
  });

  it.runIf(posix)('tightens a folder that already exists with group or other access', async () => {
    const dir = path.join(root, 'open');
    await mkdir(dir);
    await chmod(dir, 0o755);
    await ensurePrivateDir(dir);
    expect(await modeOf(dir)).toBe(0o700);
    await chmod(dir, 0o750);
    ensurePrivateDirSync(dir);
    expect(await modeOf(dir)).toBe(0o700);
  });

  it.each([
    ['async', writePrivateFile],
    ['sync', async (file: string, data: string) => writePrivateFileSync(file, data)],
  ])('writes a file atomically with mode 0600 (%s), replacing a looser one', async (_name, write) => {
    const file = path.join(root, 'data', 'settings.json');
    await write(file, 'first');
    expect(await readFile(file, 'utf8')).toBe('first');
    if (posix) {
      expect(await modeOf(file)).toBe(0o600);
      expect(await modeOf(path.dirname(file))).toBe(0o700);
      await chmod(file, 0o644);
    }
    await write(file, 'second');
    expect(await readFile(file, 'utf8')).toBe('second');
    if (posix) expect(await modeOf(file)).toBe(0o600);
    expect(await readdir(path.dirname(file))).toEqual(['settings.json']); // no temp file left
  });

  it.runIf(posix)('leaves an existing parent folder as it is (an export into Downloads)', async () => {
    const downloads = path.join(root, 'Downloads');
    await mkdir(downloads);
    await chmod(downloads, 0o755);
    await writePrivateFile(path.join(downloads, 'audit.csv'), 'x');
    expect(await modeOf(downloads)).toBe(0o755);
    expect(await modeOf(path.join(downloads, 'audit.csv'))).toBe(0o600);
  });

  it('removes its temp file and keeps the old content when the rename fails', async () => {
    const target = path.join(root, 'target');
    await mkdir(target); // renaming a file over a folder fails
    await expect(writePrivateFile(target, 'x')).rejects.toThrow();
    expect(() => writePrivateFileSync(target, 'x')).toThrow();
    expect(await readdir(root)).toEqual(['target']);
  });

  it.runIf(posix)(
    'creates a database file 0600 before SQLite opens it, and tightens an old one',
    async () => {
      const db = path.join(root, 'admit.sqlite');
      ensurePrivateFileSync(db);
      expect(await modeOf(db)).toBe(0o600);
      expect(fs.statSync(db).size).toBe(0);
      await writeFile(db, 'content', { mode: 0o644 });
      await chmod(db, 0o644);
      ensurePrivateFileSync(db);
      expect(await modeOf(db)).toBe(0o600);
      expect(await readFile(db, 'utf8')).toBe('content');
      const wal = path.join(root, 'admit.sqlite-wal');
      await writeFile(wal, '');
      await chmod(wal, 0o644);
      tightenFileSync(wal);
      expect(await modeOf(wal)).toBe(0o600);
      expect(() => tightenFileSync(path.join(root, 'missing'))).not.toThrow();
    },
  );
});
