/**
 * The browser host's last line of defence: an exception nothing caught is logged (redacted, to
 * stderr) and the host keeps serving, instead of Node exiting and the admin's tab going dead.
 */
import { redactSecrets } from '../auth';

/** The part of `process` the guard listens on (an EventEmitter in tests). */
export type ProcessEvents = {
  on(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
  off(event: 'uncaughtException' | 'unhandledRejection', listener: (reason: unknown) => void): unknown;
};

const describe = (reason: unknown): string =>
  reason instanceof Error ? (reason.stack ?? `${reason.name}: ${reason.message}`) : String(reason);

/** Logs uncaught exceptions and unhandled rejections instead of exiting; returns the uninstaller. */
export const installProcessGuard = (
  target: ProcessEvents = process,
  write: (line: string) => void = (line) => void process.stderr.write(line),
): (() => void) => {
  const onException = (reason: unknown): void =>
    write(`Admit kept running after an uncaught exception: ${redactSecrets(describe(reason))}\n`);
  const onRejection = (reason: unknown): void =>
    write(`Admit kept running after an unhandled rejection: ${redactSecrets(describe(reason))}\n`);
  target.on('uncaughtException', onException);
  target.on('unhandledRejection', onRejection);
  return () => {
    target.off('uncaughtException', onException);
    target.off('unhandledRejection', onRejection);
  };
};
