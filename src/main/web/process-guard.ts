/**
 * The browser host's last line of defence: an exception nothing caught is logged (redacted, to
 * stderr) and the host keeps serving, instead of Node exiting and the admin's tab going dead. A
 * failed write to stdout or stderr (their reader gone) is absorbed first, so the guard's own line
 * cannot fail into the guard again (log/std-streams.ts).
 */
import { redactSecrets } from '../auth';
import { absorbStdStreamErrors, type StdStream } from '../log';

/** The part of `process` the guard listens on (an EventEmitter in tests). */
export type ProcessEvents = {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
};

const describe = (reason: unknown): string =>
  reason instanceof Error ? (reason.stack ?? `${reason.name}: ${reason.message}`) : String(reason);

/** Writes a line to stderr unless stderr has already failed. */
const toStderr = (line: string): void => {
  if (!process.stderr.destroyed) process.stderr.write(line);
};

/** Logs uncaught exceptions and unhandled rejections instead of exiting; returns the uninstaller. */
export const installProcessGuard = (
  target: ProcessEvents = process,
  write: (line: string) => void = toStderr,
  streams: readonly StdStream[] = [process.stdout, process.stderr],
): (() => void) => {
  const releaseStreams = absorbStdStreamErrors(streams);
  const onException = (reason: unknown): void =>
    write(`Admit kept running after an uncaught exception: ${redactSecrets(describe(reason))}\n`);
  const onRejection = (reason: unknown): void =>
    write(`Admit kept running after an unhandled rejection: ${redactSecrets(describe(reason))}\n`);
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    releaseStreams();
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
};
