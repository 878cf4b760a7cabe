/** The /api/<method> pipeline: faults, rate limits, auth, then the method handler. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { FaultControls } from './faults';
import { bearerToken, parseArgs, readBody, sendJson, sendRaw } from './http-io';
import { failure, type MethodResult } from './methods/method-types';
import { METHODS } from './methods/registry';
import { retryAfterSeconds, type RateLimiter } from './rate-limit';
import { logCall, type SimulatorState } from './state';

/** What the API pipeline needs from the running simulator. */
export type ApiContext = { state: SimulatorState; faults: FaultControls; limiter: RateLimiter };

/** Handles one Web API call at `/api/<method>`. */
export async function handleApi(
  req: IncomingMessage,
  res: ServerResponse,
  url: URL,
  ctx: ApiContext,
): Promise<void> {
  const { state, faults, limiter } = ctx;
  const method = decodeURIComponent(url.pathname.slice('/api/'.length));
  if (faults.take('offline')) {
    // Like a dropped network: no HTTP answer at all.
    req.socket.destroy();
    return;
  }
  const body = await readBody(req);
  const parsed = parseArgs(url, req.headers['content-type'], body);
  const params: Record<string, string> = 'args' in parsed ? { ...parsed.args } : {};
  const token = bearerToken(req) ?? params.token ?? '';
  delete params.token;

  const finish = (status: number, result: MethodResult, headers: Record<string, string> = {}): void => {
    const payload = result.ok
      ? { ok: true, ...result.body }
      : { ok: false, error: result.error, ...result.extra };
    logCall(state, {
      at: Date.now(),
      method,
      params,
      status,
      ok: result.ok,
      ...(result.ok ? {} : { error: result.error }),
    });
    sendJson(res, status, payload, headers);
  };

  const { slowMs } = faults.snapshot();
  if (slowMs > 0) await delay(slowMs);
  if (faults.take('http503')) {
    logCall(state, { at: Date.now(), method, params, status: 503, ok: false, error: 'http_503' });
    sendJson(res, 503, { ok: false, error: 'service_unavailable' });
    return;
  }
  if (faults.take('malformedJson')) {
    logCall(state, { at: Date.now(), method, params, status: 200, ok: false, error: 'malformed_json' });
    sendRaw(res, 200, 'application/json; charset=utf-8', '{"ok":true,"app_requests":[{"id":');
    return;
  }

  const def = METHODS[method];
  if (!def) return finish(200, failure('unknown_method'));
  const verdict = limiter.check(method, token || 'anonymous');
  if (!verdict.ok) {
    const seconds = retryAfterSeconds(verdict.retryAfterMs);
    return finish(429, failure('ratelimited'), {
      'retry-after': String(seconds),
      // Sub-second windows (high rateScale) need more precision than Retry-After's whole seconds.
      'x-simulator-retry-after-ms': String(Math.ceil(verdict.retryAfterMs)),
    });
  }
  if ('error' in parsed) return finish(200, failure(parsed.error));

  const auth = token ? state.tokens.get(token) : undefined;
  if (!def.noAuth) {
    if (!token) return finish(200, failure('not_authed'));
    if (!auth || auth.revoked) return finish(200, failure('invalid_auth'));
    if (faults.take('tokenRevoked')) return finish(200, failure('token_revoked'));
  }
  const injected = faults.takeErrorFor(method);
  if (injected) return finish(200, failure(injected));

  const result = def.handler({ params, state, token, auth });
  if (result.ok && def.mutates && faults.take('fatalErrorAfterApply'))
    return finish(200, failure('fatal_error'));
  finish(200, result);
}
