import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import {
  acquireDataLock,
  DATA_LOCK_FILE,
  DATA_OWNER_FILE,
  DataFolderInUseError,
  type DataLock,
} from './data-lock';
import { StorageError } from './store/storage-errors';
import { mountTmpfs, remount, unmount } from './store/test-support/mounts';

const dirs: string[] = [];
const locks: DataLock[] = [];
const tmp = (): string => {
  const d = fs.mkdtempSync(path.join(os.tmpdir(), 'admit-lock-'));
  dirs.push(d);
  return d;
};
const take = (dir: string, address?: string): DataLock => {
  const lock = acquireDataLock(dir, { address });
  locks.push(lock);
  return lock;
};
afterEach(() => {
  vi.restoreAllMocks();
  for (const l of locks.splice(0)) l.release();
  for (const d of dirs.splice(0)) fs.rmSync(d, { recursive: true, force: true });
});

const refusal = (dir: string): DataFolderInUseError => {
  try {
    take(dir);
  } catch (error) {
    if (error instanceof DataFolderInUseError) return error;
    throw error;
  }
  throw new Error('the second lock was granted');
};

/** Another process holding the folder's lock the same way (SQLite, exclusive), until killed. */
const holdInChild = async (dir: string) => {
  const child = spawn(
    process.execPath,
    [
      '-e',
      `const { DatabaseSync } = require('node:sqlite');
       const db = new DatabaseSync(${JSON.stringify(path.join(dir, DATA_LOCK_FILE))}, { timeout: 0 });
       db.exec('PRAGMA journal_mode = MEMORY'); db.exec('PRAGMA locking_mode = EXCLUSIVE'); db.exec('BEGIN EXCLUSIVE');
       require('node:fs').writeFileSync(${JSON.stringify(path.join(dir, DATA_OWNER_FILE))}, JSON.stringify({ pid: process.pid, address: 'http://127.0.0.1:4321', startedAt: 1 }));
       console.log('held'); setInterval(() => {}, 1000);`,
    ],
    { stdio: ['ignore', 'pipe', 'inherit'] },
  );
  await new Promise((resolve) => child.stdout.once('data', resolve));
  return child;
};

describe('the data folder lock', () => {
  it('refuses a second owner, naming the first by pid and address, on one line', () => {
    const dir = tmp();
    const first = take(dir);
    first.setAddress('http://127.0.0.1:5555');
    const error = refusal(dir);
    expect(error.message).toBe(
      `Admit is already running with this data folder (pid ${process.pid}, address http://127.0.0.1:5555): ${dir}`,
    );
    expect(error.message).not.toContain('\n');
  });

  it('is free again once released', () => {
    const dir = tmp();
    take(dir).release();
    expect(fs.existsSync(path.join(dir, DATA_OWNER_FILE))).toBe(false);
    expect(() => take(dir)).not.toThrow();
  });

  it('is released by the OS when its owner is SIGKILLed, with no stale file to judge', async () => {
    const dir = tmp();
    const child = await holdInChild(dir);
    expect(refusal(dir).message).toBe(
      `Admit is already running with this data folder (pid ${child.pid}, address http://127.0.0.1:4321): ${dir}`,
    );
    child.kill('SIGKILL');
    await new Promise((resolve) => child.once('exit', resolve));
    // The owner file is still there, naming a dead process: it does not matter.
    expect(fs.existsSync(path.join(dir, DATA_OWNER_FILE))).toBe(true);
    const lock = take(dir, 'http://127.0.0.1:6000');
    expect(JSON.parse(fs.readFileSync(path.join(dir, DATA_OWNER_FILE), 'utf8'))).toMatchObject({
      pid: process.pid,
      address: 'http://127.0.0.1:6000',
    });
    lock.release();
  });

  it('does not name a dead process left in the owner file by a crash', () => {
    const dir = tmp();
    take(dir);
    fs.writeFileSync(path.join(dir, DATA_OWNER_FILE), JSON.stringify({ pid: 2 ** 22 + 12345, address: 'x' }));
    expect(refusal(dir).message).toBe(
      `Admit is already running with this data folder (another process): ${dir}`,
    );
  });

  it('names a read-only folder instead of starting with a lock it cannot use', () => {
    const dir = tmp();
    take(dir).release();
    // A read-only file system refuses to create the owner file (the lock's SQLite file already exists).
    const realOpen = fs.openSync;
    vi.spyOn(fs, 'openSync').mockImplementation((file, ...rest) => {
      if (String(file).startsWith(dir) && rest[0] === 'wx')
        throw Object.assign(new Error('EROFS: read-only file system'), { code: 'EROFS' });
      return realOpen(file, ...(rest as [string]));
    });
    expect(() => take(dir)).toThrow(StorageError);
    expect(() => take(dir)).toThrow(`Admit cannot write to its data folder ${dir}:`);
  });

  it.runIf(process.platform === 'linux' && process.getuid?.() === 0)(
    'on a read-only mount too (where this machine allows mounting one)',
    (ctx) => {
      const dir = path.join(tmp(), 'ro');
      if (!mountTmpfs(dir, '1m')) return ctx.skip();
      try {
        take(dir).release();
        expect(remount(dir, true)).toBe(true);
        expect(() => take(dir)).toThrow(`Admit cannot write to its data folder ${dir}:`);
      } finally {
        unmount(dir);
      }
    },
  );
});
