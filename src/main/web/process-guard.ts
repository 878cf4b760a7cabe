/**
 * The browser host's last line of defence: an exception nothing caught is logged (redacted, to
 * stderr) and the host keeps serving, instead of Node exiting and the admin's tab going dead.
 *
 * When the terminal or the parent process that started the host goes away, stdout and stderr
 * become broken pipes and every write to them fails (EPIPE). Unhandled, that failure is itself an
 * uncaught exception, which the guard would log to stderr, which fails again: the host spun on its
 * own log and stopped answering. So a standard stream's failure is absorbed: what the host would
 * have written there is dropped (there is nowhere left to say it), and it serves on.
 */
import { redactSecrets } from '../auth';

/** The part of `process` the guard listens on (an EventEmitter in tests). */
export type ProcessEvents = {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
};

const describe = (reason: unknown): string =>
  reason instanceof Error ? (reason.stack ?? `${reason.name}: ${reason.message}`) : String(reason);

/** A standard stream, as the guard sees it. */
export type StdStream = {
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
};

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
  // A failed write to a stream nobody reads any more is dropped, not raised (see above).
  const onStreamError = (): void => undefined;
  for (const stream of streams) stream.on('error', onStreamError);
  const onException = (reason: unknown): void =>
    write(`Admit kept running after an uncaught exception: ${redactSecrets(describe(reason))}\n`);
  const onRejection = (reason: unknown): void =>
    write(`Admit kept running after an unhandled rejection: ${redactSecrets(describe(reason))}\n`);
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    for (const stream of streams) stream.off('error', onStreamError);
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
};
