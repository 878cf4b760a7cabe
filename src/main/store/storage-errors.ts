/**
 * What Admit says when its data folder cannot be used: a read-only folder and a full disk each in
 * their own words (a database from a newer build has its own error in migrations.ts), never
 * "Something went wrong". Both come from the OS (errno) or from SQLite (result codes).
 */
import fs from 'node:fs';
import path from 'node:path';
import { AdmitError } from '../../shared/result';
import { ensurePrivateDirSync, PRIVATE_FILE_MODE } from '../files/private-files';

export type StorageProblem = 'read_only' | 'disk_full';

/** The data folder cannot be written, or the disk is full; the message is for the admin. */
export class StorageError extends AdmitError {
  constructor(
    readonly problem: StorageProblem,
    readonly folder: string,
    message: string,
  ) {
    super('internal', message);
    this.name = 'StorageError';
  }
}

const READ_ONLY_ERRNO = new Set(['EACCES', 'EPERM', 'EROFS']);
const FULL_ERRNO = new Set(['ENOSPC', 'EDQUOT']);
// SQLite's primary result codes (extended codes keep them in the low byte).
const SQLITE_PERM = 3;
const SQLITE_READONLY = 8;
const SQLITE_FULL = 13;
const SQLITE_CANTOPEN = 14;

/** "Admit cannot write to its data folder …" */
export const readOnlyMessage = (folder: string): string =>
  `Admit cannot write to its data folder ${folder}: the folder is read-only or you do not have permission to change it. Nothing was changed. Make the folder writable (or start Admit with another data folder) and try again.`;

/** "The disk is full …", saying what did not happen and that nothing was lost. */
export const diskFullMessage = (folder: string, notDone = 'Admit cannot save its data there'): string =>
  `The disk is full (data folder ${folder}): ${notDone}. Nothing was lost: every decision already queued is still on disk. Free some disk space and try again.`;

/** Which storage problem an error is, if it is one. */
export const storageProblemOf = (error: unknown): StorageProblem | null => {
  if (error instanceof StorageError) return error.problem;
  const e = error as { code?: unknown; errcode?: unknown } | null;
  if (typeof e?.code === 'string') {
    if (READ_ONLY_ERRNO.has(e.code)) return 'read_only';
    if (FULL_ERRNO.has(e.code)) return 'disk_full';
  }
  if (typeof e?.errcode === 'number') {
    const primary = e.errcode & 0xff;
    if ([SQLITE_PERM, SQLITE_READONLY, SQLITE_CANTOPEN].includes(primary)) return 'read_only';
    if (primary === SQLITE_FULL) return 'disk_full';
  }
  return null;
};

/** The error to show for a storage failure in `folder`, or the original error when it is not one. */
export const explainStorageError = (error: unknown, folder: string, notDone?: string): unknown => {
  if (error instanceof StorageError) return error;
  const problem = storageProblemOf(error);
  if (problem === 'read_only') return new StorageError(problem, folder, readOnlyMessage(folder));
  if (problem === 'disk_full') return new StorageError(problem, folder, diskFullMessage(folder, notDone));
  return error;
};

/**
 * Creates `folder` if needed and proves it can be written (a small file, written, synced and
 * removed), so a read-only folder or a full disk is named before SQLite reports it in its own terms.
 */
export const ensureWritableFolder = (folder: string): void => {
  const probe = path.join(folder, `.admit-write-check-${process.pid}`);
  try {
    ensurePrivateDirSync(folder);
    const fd = fs.openSync(probe, 'w', PRIVATE_FILE_MODE);
    try {
      fs.writeSync(fd, 'ok');
      fs.fsyncSync(fd);
    } finally {
      fs.closeSync(fd);
    }
    fs.rmSync(probe, { force: true });
  } catch (error) {
    try {
      fs.rmSync(probe, { force: true });
    } catch {
      // a read-only folder refuses even this; there is nothing to clean up then
    }
    throw explainStorageError(error, folder);
  }
};
