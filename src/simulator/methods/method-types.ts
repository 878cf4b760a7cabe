/** The contract between the server and each simulated Web API method. */
import type { SimulatorState, TokenInfo } from '../state';

/** What a handler gets: string params (token removed), state, and the caller's token. */
export type MethodCall = {
  params: Record<string, string | undefined>;
  state: SimulatorState;
  token: string;
  auth: TokenInfo | undefined;
};

/** A handler's answer: the success body (without `ok`) or a Slack error code. */
export type MethodResult =
  { ok: true; body: Record<string, unknown> } | { ok: false; error: string; extra?: object };

/** One simulated method. `mutates` lets fatalErrorAfterApply fire only where a change was applied. */
export type MethodDef = {
  handler: (call: MethodCall) => MethodResult;
  mutates?: boolean;
  /** api.test answers without a token, like Slack. */
  noAuth?: boolean;
};

/** A success result. */
export const success = (body: Record<string, unknown> = {}): MethodResult => ({ ok: true, body });
/** An error result with a Slack error code. */
export const failure = (error: string, extra?: object): MethodResult => ({ ok: false, error, extra });
