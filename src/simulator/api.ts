/** The /api/<method> pipeline: faults, rate limits (per app and org), auth and scopes, then the handler. */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { setTimeout as delay } from 'node:timers/promises';
import type { FaultControls } from './faults';
import { bearerToken, parseArgs, readBody, sendJson, sendRaw } from './http-io';
import { neededScopes } from './method-facts';
import { failure, type MethodResult } from './methods/method-types';
import { METHODS } from './methods/registry';
import { retryAfterSeconds, type RateLimiter } from './rate-limit';
import { logCall, type SimulatorState, type TokenInfo } from './state';

/** What the API pipeline needs from the running simulator. */
export type ApiContext = { state: SimulatorState; faults: FaultControls; limiter: RateLimiter };

/** Test fault: the first request of the page gets a `date_created` Slack's docs do not allow. */
function malformFirstItem(body: Record<string, unknown> | undefined): void {
  const items = body?.['app_requests'];
  if (!Array.isArray(items) || items.length === 0) return;
  items[0] = { ...(items[0] as Record<string, unknown>), date_created: 'yesterday' };
}

/** Why Slack would refuse this call's token for a method that needs one, or null when it may call. */
function authFailure(
  call: { token: string; stored: TokenInfo | undefined; expired: boolean; needed: readonly string[] },
  faults: FaultControls,
): MethodResult | null {
  const { token, stored, expired, needed } = call;
  if (!token) return failure('not_authed');
  if (!stored || stored.revoked) return failure('invalid_auth');
  if (expired) return failure('token_expired');
  if (faults.take('tokenRevoked')) return failure('token_revoked');
  // Any one of the method's documented scopes will do; the error names them as Slack's example does.
  if (needed.length > 0 && !needed.some((s) => stored.scopes.includes(s))) {
    return failure('missing_scope', { needed: needed.join(','), provided: stored.scopes.join(',') });
  }
  return null;
}

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

  const stored = token ? state.tokens.get(token) : undefined;
  const expired = stored?.expiresAt != null && state.now() >= stored.expiresAt;
  // A token Slack would accept: its calls carry x-oauth-scopes (the web-api client's response_metadata.scopes).
  const live = stored && !stored.revoked && !expired ? stored : undefined;
  const needed = neededScopes(method);

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
    const scopeHeaders: Record<string, string> = live
      ? { 'x-oauth-scopes': live.scopes.join(','), 'x-accepted-oauth-scopes': needed.join(',') }
      : {};
    sendJson(res, status, payload, { ...scopeHeaders, ...headers });
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
  // Slack's budgets belong to the app (client id) in the org: two tokens of one app share a window.
  const bucket = { clientId: stored?.clientId ?? 'anonymous', orgId: state.org.enterprise.id };
  const verdict = limiter.check(method, bucket);
  if (!verdict.ok) {
    const seconds = retryAfterSeconds(verdict.retryAfterMs);
    return finish(429, failure('ratelimited'), {
      'retry-after': String(seconds),
      // Sub-second windows (high rateScale) need more precision than Retry-After's whole seconds.
      'x-simulator-retry-after-ms': String(Math.ceil(verdict.retryAfterMs)),
    });
  }
  if ('error' in parsed) return finish(200, failure(parsed.error));

  const refused = def.noAuth ? null : authFailure({ token, stored, expired, needed }, faults);
  if (refused) return finish(200, refused);
  const target = params.team_id || params.enterprise_id;
  const injected = faults.takeErrorFor(method, target);
  if (injected) return finish(200, failure(injected));

  const result = def.handler({ params, state, token, auth: live });
  if (result.ok && method === 'admin.apps.requests.list' && target) {
    if (faults.snapshot().malformedItemAt.includes(target)) malformFirstItem(result.body);
  }
  if (result.ok && def.mutates && faults.take('fatalErrorAfterApply'))
    return finish(200, failure('fatal_error'));
  finish(200, result);
}
