/**
 * The Electron shell's log: `<data dir>/logs/admit.log`, rotated at about 1 MB into admit.log.1 …
 * admit.log.3, folder 0700 and files 0600. Each line is appended with one synchronous write, so a
 * crash never loses a line that was logged; error lines are also fsynced, so a power cut does not.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ensurePrivateDirSync, PRIVATE_FILE_MODE } from '../files/private-files';
import type { LogSink } from './logger';

/** The log's file name inside its folder. */
export const LOG_FILE_NAME = 'admit.log';

export type FileSinkOptions = {
  /** The folder, e.g. `<data dir>/logs`; created 0700. */
  dir: string;
  /** Rotate before a write would take the file past this size. */
  maxBytes?: number;
  /** How many rotated files to keep besides the current one. */
  keep?: number;
  /** Where a line goes when the file cannot be written (default stderr). */
  fallback?: LogSink;
};

export type FileSink = {
  sink: LogSink;
  /** The current log file. */
  path: string;
  /** Closes the file; later lines reopen it. */
  close(): void;
};

const DEFAULT_MAX_BYTES = 1_000_000;
const DEFAULT_KEEP = 3;

const renameIfPresent = (from: string, to: string): void => {
  try {
    fs.renameSync(from, to);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
  }
};

/** A rotating, append-only log file; never throws to the logger. */
export const createFileSink = (options: FileSinkOptions): FileSink => {
  const maxBytes = options.maxBytes ?? DEFAULT_MAX_BYTES;
  const keep = options.keep ?? DEFAULT_KEEP;
  const fallback: LogSink = options.fallback ?? ((line) => void process.stderr.write(`${line}\n`));
  const file = path.join(options.dir, LOG_FILE_NAME);
  let fd: number | null = null;
  let size = 0;

  const open = (): number => {
    ensurePrivateDirSync(options.dir);
    const opened = fs.openSync(file, 'a', PRIVATE_FILE_MODE);
    if (process.platform !== 'win32') fs.fchmodSync(opened, PRIVATE_FILE_MODE); // an older, looser file
    size = fs.fstatSync(opened).size;
    return opened;
  };

  const close = (): void => {
    if (fd === null) return;
    try {
      fs.closeSync(fd);
    } finally {
      fd = null;
    }
  };

  const rotate = (): void => {
    close();
    for (let i = keep - 1; i >= 1; i--) renameIfPresent(`${file}.${i}`, `${file}.${i + 1}`);
    if (keep > 0) renameIfPresent(file, `${file}.1`);
    else fs.rmSync(file, { force: true });
  };

  const sink: LogSink = (line, level) => {
    const bytes = Buffer.from(`${line}\n`, 'utf8');
    try {
      fd ??= open();
      if (size > 0 && size + bytes.length > maxBytes) {
        rotate();
        fd = open();
      }
      for (let written = 0; written < bytes.length;) {
        written += fs.writeSync(fd, bytes, written, bytes.length - written);
      }
      size += bytes.length;
      if (level === 'error') fs.fdatasyncSync(fd);
    } catch {
      close(); // try the file again with the next line
      fallback(line, level);
    }
  };

  return { sink, path: file, close };
};
