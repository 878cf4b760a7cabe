/**
 * stdout and stderr outlive whoever reads them: when the terminal that started Admit is closed, or
 * the process that spawned it exits, they become broken pipes and every write fails with EPIPE,
 * reported as an 'error' event on the stream. Unhandled, that event is an uncaught exception: the
 * browser host's guard then logged it to stderr, which failed again, and the host spun on its own
 * log and stopped answering; Electron shows "A JavaScript error occurred in the main process".
 * Both hosts absorb those errors instead: what would have been written is dropped (there is nowhere
 * left to say it), and the app runs on.
 */

/** A standard stream, as far as this needs it. */
export type StdStream = {
  on(event: 'error', listener: (error: Error) => void): unknown;
  off(event: 'error', listener: (error: Error) => void): unknown;
};

/** Absorbs write errors on `streams` (stdout and stderr by default); returns the undo. */
export const absorbStdStreamErrors = (
  streams: readonly StdStream[] = [process.stdout, process.stderr],
): (() => void) => {
  const absorb = (): void => undefined;
  for (const stream of streams) stream.on('error', absorb);
  return () => {
    for (const stream of streams) stream.off('error', absorb);
  };
};
