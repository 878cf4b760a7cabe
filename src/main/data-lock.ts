/**
 * One Admit per data folder, in both hosts. Two processes on one folder would both drain the same
 * queue (every decision sent twice, the audit log doubled), and one's demo start would delete the
 * other's database.
 *
 * The lock is SQLite's own: `admit.lock` opened with `locking_mode=EXCLUSIVE` inside an open
 * `BEGIN EXCLUSIVE`, held for the life of the process. It is an OS file lock (fcntl on POSIX,
 * LockFileEx on Windows), so the OS releases it the moment the process dies, however it dies: no
 * pid file to judge stale, no pid reuse to be fooled by, no check-then-replace race. Who holds it
 * is written next to it in `admit.lock.json`, only to name the owner in the refusal.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { writePrivateFileSync } from './files/private-files';
import { explainStorageError, storageProblemOf } from './store/storage-errors';

export const DATA_LOCK_FILE = 'admit.lock';
export const DATA_OWNER_FILE = 'admit.lock.json';

/** The process that holds a data folder, as it described itself. */
export type DataFolderOwner = { pid: number; address: string | null; startedAt: number };

/** Another process holds the data folder; the message is the one line a second host prints. */
export class DataFolderInUseError extends Error {
  constructor(
    readonly dataDir: string,
    readonly owner: DataFolderOwner | null,
  ) {
    const who = owner
      ? `pid ${owner.pid}, address ${owner.address ?? 'not listening yet'}`
      : 'another process';
    super(`Admit is already running with this data folder (${who}): ${dataDir}`);
    this.name = 'DataFolderInUseError';
  }
}

/** The lock, held until `release()` or the end of the process. */
export type DataLock = {
  readonly dataDir: string;
  /** Records where this process can be reached (the browser host's origin), for a second one's message. */
  setAddress(address: string): void;
  release(): void;
};

export type DataLockOptions = { address?: string | null; pid?: number; now?: () => number };

// Held here too, so no garbage collection can close a lock its owner forgot to keep a reference to.
const heldLocks = new Set<DatabaseSync>();

const SQLITE_BUSY = 5;
const SQLITE_LOCKED = 6;

const isAlive = (pid: number): boolean => {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM'; // alive, someone else's
  }
};

/** Who holds the folder, if the owner file names a live process. */
export const readDataFolderOwner = (dataDir: string): DataFolderOwner | null => {
  try {
    const raw = JSON.parse(
      fs.readFileSync(path.join(dataDir, DATA_OWNER_FILE), 'utf8'),
    ) as Partial<DataFolderOwner>;
    if (typeof raw.pid !== 'number' || !Number.isInteger(raw.pid) || !isAlive(raw.pid)) return null;
    return {
      pid: raw.pid,
      address: typeof raw.address === 'string' ? raw.address : null,
      startedAt: typeof raw.startedAt === 'number' ? raw.startedAt : 0,
    };
  } catch {
    return null; // not written yet by a process still starting, or left by one that crashed
  }
};

const writeOwner = (dataDir: string, owner: DataFolderOwner): void => {
  const file = path.join(dataDir, DATA_OWNER_FILE);
  writePrivateFileSync(file, `${JSON.stringify(owner)}\n`); // whole or not at all for a reader
};

/**
 * Takes the data folder for this process, or throws DataFolderInUseError naming its owner. A
 * read-only folder or a full disk is thrown with its own message (storage-errors.ts).
 */
export const acquireDataLock = (dataDir: string, options: DataLockOptions = {}): DataLock => {
  const pid = options.pid ?? process.pid;
  let db: DatabaseSync | undefined;
  try {
    fs.mkdirSync(dataDir, { recursive: true, mode: 0o700 });
    db = new DatabaseSync(path.join(dataDir, DATA_LOCK_FILE), { timeout: 0 });
    db.exec('PRAGMA journal_mode = MEMORY'); // no -journal file next to the lock
    db.exec('PRAGMA locking_mode = EXCLUSIVE');
    db.exec('BEGIN EXCLUSIVE');
  } catch (error) {
    db?.close();
    const code = ((error as { errcode?: unknown }).errcode as number | undefined) ?? 0;
    if ([SQLITE_BUSY, SQLITE_LOCKED].includes(code & 0xff)) {
      throw new DataFolderInUseError(dataDir, readDataFolderOwner(dataDir));
    }
    throw explainStorageError(error, dataDir);
  }
  const held = db;
  heldLocks.add(held);
  let owner: DataFolderOwner = {
    pid,
    address: options.address ?? null,
    startedAt: (options.now ?? Date.now)(),
  };
  try {
    writeOwner(dataDir, owner);
  } catch (error) {
    // A read-only folder still grants SQLite's lock (it opens the file read-only): say so now.
    if (storageProblemOf(error) === 'read_only') {
      held.close();
      heldLocks.delete(held);
      throw explainStorageError(error, dataDir);
    }
    // Otherwise the lock holds without it; a second process just cannot name this one.
  }
  return {
    dataDir,
    setAddress: (address) => {
      owner = { ...owner, address };
      try {
        writeOwner(dataDir, owner);
      } catch {
        // as above
      }
    },
    release: () => {
      if (!held.isOpen) return;
      if (readDataFolderOwner(dataDir)?.pid === pid)
        fs.rmSync(path.join(dataDir, DATA_OWNER_FILE), { force: true });
      held.close(); // the OS lock goes with the connection
      heldLocks.delete(held);
    },
  };
};
