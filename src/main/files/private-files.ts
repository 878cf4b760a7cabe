/**
 * Files only the OS user running Admit may read: folders 0700, files 0600, and whole-file writes that
 * are atomic (temp file + fsync + rename + directory fsync), so a crash leaves the old file or the new
 * one, never half of either. On Windows the modes are mostly ignored: the per-user profile folder's
 * ACL is what protects Admit's data there.
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import path from 'node:path';

/** Owner only: read, write, enter. */
export const PRIVATE_DIR_MODE = 0o700;
/** Owner only: read, write. */
export const PRIVATE_FILE_MODE = 0o600;

// Windows has no group/other bits to take away; chmod there only toggles the read-only flag.
const posix = process.platform !== 'win32';
const GROUP_OR_OTHER = 0o077;

const tooOpen = (mode: number): boolean => posix && (mode & GROUP_OR_OTHER) !== 0;

/** Creates `dir` (and missing parents) as 0700, and tightens it to 0700 when it already exists looser. */
export const ensurePrivateDir = async (dir: string): Promise<void> => {
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (tooOpen((await fsp.stat(dir)).mode)) await fsp.chmod(dir, PRIVATE_DIR_MODE);
};

/** The synchronous ensurePrivateDir, for code that runs before anything async can (startup, SQLite). */
export const ensurePrivateDirSync = (dir: string): void => {
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  if (tooOpen(fs.statSync(dir).mode)) fs.chmodSync(dir, PRIVATE_DIR_MODE);
};

/**
 * Makes `file` 0600, creating it empty when missing. Call it on a database before SQLite opens it:
 * SQLite gives its -wal and -shm files the mode of the database file.
 */
export const ensurePrivateFileSync = (file: string): void => {
  const fd = fs.openSync(file, 'a', PRIVATE_FILE_MODE);
  try {
    if (posix) fs.fchmodSync(fd, PRIVATE_FILE_MODE);
  } finally {
    fs.closeSync(fd);
  }
};

/** Tightens an existing file to 0600; a missing file is fine (nothing to protect). */
export const tightenFileSync = (file: string): void => {
  try {
    if (tooOpen(fs.statSync(file).mode)) fs.chmodSync(file, PRIVATE_FILE_MODE);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
};

const tempPathFor = (file: string): string =>
  path.join(path.dirname(file), `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);

// Directory fsync makes the rename itself durable; Windows cannot open a folder for it.
const syncDir = async (dir: string): Promise<void> => {
  try {
    const handle = await fsp.open(dir, 'r');
    await handle.sync().finally(() => handle.close());
  } catch {
    // not supported here (Windows); the rename is still atomic
  }
};

const syncDirSync = (dir: string): void => {
  try {
    const fd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
  } catch {
    // not supported here (Windows); the rename is still atomic
  }
};

/**
 * Replaces `file` atomically with `data`, mode 0600. A missing parent folder is created 0700; an
 * existing one is left as it is (it may be the user's Downloads folder).
 */
export const writePrivateFile = async (file: string, data: string | Uint8Array): Promise<void> => {
  const dir = path.dirname(file);
  await fsp.mkdir(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = tempPathFor(file);
  const handle = await fsp.open(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    await handle.writeFile(data);
    await handle.sync();
  } catch (error) {
    await handle.close();
    await fsp.rm(temp, { force: true });
    throw error;
  }
  await handle.close();
  try {
    await fsp.rename(temp, file);
  } catch (error) {
    await fsp.rm(temp, { force: true });
    throw error;
  }
  await syncDir(dir);
};

/** The synchronous writePrivateFile (settings, which the service writes synchronously). */
export const writePrivateFileSync = (file: string, data: string | Uint8Array): void => {
  const dir = path.dirname(file);
  fs.mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  const temp = tempPathFor(file);
  const fd = fs.openSync(temp, 'wx', PRIVATE_FILE_MODE);
  try {
    fs.writeFileSync(fd, data);
    fs.fsyncSync(fd);
  } catch (error) {
    fs.closeSync(fd);
    fs.rmSync(temp, { force: true });
    throw error;
  }
  fs.closeSync(fd);
  try {
    fs.renameSync(temp, file);
  } catch (error) {
    fs.rmSync(temp, { force: true });
    throw error;
  }
  syncDirSync(dir);
};
