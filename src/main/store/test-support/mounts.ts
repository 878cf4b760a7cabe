/**
 * Real disk conditions for storage tests, where the machine allows them: a small tmpfs (a disk that
 * fills up) and a read-only remount (EROFS, which stops root too, unlike chmod). Mounting needs root
 * with CAP_SYS_ADMIN (CI runs as root in a container that has it); elsewhere `mountTmpfs` returns
 * false and tests act the condition out instead.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const run = (args: string[]): boolean => {
  try {
    execFileSync(args[0] ?? '', args.slice(1), { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
};

/** Mounts a tmpfs of `size` (e.g. "1m") on `dir`; false when mounting is not allowed here. */
export const mountTmpfs = (dir: string, size: string): boolean => {
  if (process.platform !== 'linux' || process.getuid?.() !== 0) return false;
  fs.mkdirSync(dir, { recursive: true });
  return run(['mount', '-t', 'tmpfs', '-o', `size=${size},mode=0700`, 'tmpfs', dir]);
};

/** Remounts a tmpfs read-only (true) or read-write (false). */
export const remount = (dir: string, readOnly: boolean): boolean =>
  run(['mount', '-o', `remount,${readOnly ? 'ro' : 'rw'}`, dir]);

/** Unmounts, lazily so a file still open elsewhere in the test cannot keep it busy. */
export const unmount = (dir: string): void => {
  run(['umount', '-l', dir]);
};

/** Fills the file system holding `dir` until it refuses more (ENOSPC); returns the filler's path. */
export const fillDisk = (dir: string): string => {
  const filler = `${dir}/filler`;
  const fd = fs.openSync(filler, 'w');
  try {
    for (const size of [1 << 20, 1 << 16, 1 << 12, 1 << 9, 1]) {
      const chunk = Buffer.alloc(size, 1);
      for (;;) {
        try {
          fs.writeSync(fd, chunk);
        } catch (error) {
          if ((error as NodeJS.ErrnoException).code === 'ENOSPC') break;
          throw error;
        }
      }
    }
  } finally {
    fs.closeSync(fd);
  }
  return filler;
};
