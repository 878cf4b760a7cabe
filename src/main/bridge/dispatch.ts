/**
 * The single entry point both hosts use to run a channel: the name is checked against the contract,
 * the input parsed by the channel's schema, and any exception turned into a result. A malformed
 * payload never reaches a handler and never crashes the host.
 */
import { isChannelName, parseInput, type Handlers } from '../../shared/contract';
import { AdmitError, fail, type Result } from '../../shared/result';
import { appErrorCodeFor, SlackApiError } from '../slack';

/** Runs one channel call from an untrusted caller and always answers with a Result. */
export const dispatch = async (
  handlers: Handlers,
  channel: unknown,
  raw: unknown,
): Promise<Result<unknown>> => {
  if (typeof channel !== 'string' || !isChannelName(channel)) {
    return fail('unknown_channel', `Unknown channel: ${describeChannel(channel)}`);
  }
  const parsed = parseInput(channel, raw);
  if (!parsed.ok) return parsed;
  try {
    const handler = handlers[channel] as (input: unknown) => Promise<Result<unknown>>;
    return await handler(parsed.value);
  } catch (error) {
    return toFailure(error);
  }
};

/** Names a refused channel without trusting it: a hostile object may not even turn into a string. */
const describeChannel = (channel: unknown): string =>
  typeof channel === 'string' ? channel.slice(0, 80) : `(${typeof channel})`;

/** Converts anything thrown inside the core into a failed Result with a readable message. */
export const toFailure = (error: unknown): Result<never> => {
  if (error instanceof AdmitError) return fail(error.code, error.message);
  if (error instanceof SlackApiError) return fail(appErrorCodeFor(error.category), error.message);
  const message = error instanceof Error ? error.message : String(error);
  return fail('internal', `Something went wrong inside Admit: ${message}`);
};
