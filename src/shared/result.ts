/** Results, not exceptions, across the bridge: every channel answers with one of these. */
import { z } from 'zod';

export const ErrorCodeSchema = z.enum([
  'invalid_input', // the payload failed the channel's schema
  'untrusted_sender', // a frame other than the app's own asked
  'unknown_channel',
  'not_signed_in',
  'slack_auth', // Slack refused the token: sign in again
  'slack_permission',
  'slack_conflict',
  'slack_not_possible',
  'slack_error',
  'offline',
  'not_found',
  'policy', // managed policy forbids it
  'internal',
]);
export type ErrorCode = z.infer<typeof ErrorCodeSchema>;

export type AppError = { code: ErrorCode; message: string };
export type Result<T> = { ok: true; value: T } | { ok: false; error: AppError };

/** Wraps a value as a successful result. */
export const ok = <T>(value: T): Result<T> => ({ ok: true, value });
/** Builds a failed result with a closed error code and a message an admin can read. */
export const fail = (code: ErrorCode, message: string): Result<never> => ({
  ok: false,
  error: { code, message },
});

/** An error that carries a contract error code from deep in the core to the bridge. */
export class AdmitError extends Error {
  readonly code: ErrorCode;
  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'AdmitError';
    this.code = code;
  }
}
