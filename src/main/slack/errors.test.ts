import {
  WebAPIHTTPError,
  WebAPIPlatformError,
  WebAPIRateLimitedError,
  WebAPIRequestError,
  type WebAPICallResult,
} from '@slack/web-api';
import { describe, expect, it, vi } from 'vitest';
import { createSlackAdminClient } from './client';
import {
  SlackApiError,
  appErrorCodeFor,
  httpStatusError,
  isRetryableCategory,
  toSlackApiError,
} from './errors';
import { createRateLimiter } from './rate-limiter';
import { fakeFetch, type FakeHandler } from './test-support/fake-fetch';
import { createFakeClock } from '../time/test-support/fake-clock';

const M = 'admin.apps.approve';
const ORG = 'E0000001';
const ARGS = { request_id: 'Ar000001', team_id: 'T0000001' };

const platform = (data: Record<string, unknown>): WebAPIPlatformError =>
  new WebAPIPlatformError(data as unknown as WebAPICallResult & { error: string });

describe('toSlackApiError: each SDK error type', () => {
  it('platform error → Slack code, category, admin message, needed scope', () => {
    const e = toSlackApiError(platform({ ok: false, error: 'missing_scope', needed: 'admin.apps:write' }), M);
    expect(e).toMatchObject({ code: 'missing_scope', category: 'permission', method: M });
    expect(e.message).toContain('admin.apps:write');
    expect(toSlackApiError(platform({ ok: false, error: 'request_already_resolved' }), M).category).toBe(
      'conflict',
    );
  });

  it('platform ratelimited with Retry-After in the metadata carries retryAfterMs', () => {
    const e = toSlackApiError(
      platform({ ok: false, error: 'ratelimited', response_metadata: { retryAfter: 7 } }),
      M,
    );
    expect(e).toMatchObject({ code: 'ratelimited', category: 'retryable', retryAfterMs: 7000 });
  });

  it('rate-limited error → ratelimited with retryAfterMs from retryAfter seconds', () => {
    const e = toSlackApiError(new WebAPIRateLimitedError(12), M);
    expect(e).toMatchObject({ code: 'ratelimited', category: 'retryable', retryAfterMs: 12_000 });
  });

  it('request error → network, with timeouts and DNS told apart', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }),
    });
    expect(toSlackApiError(new WebAPIRequestError(refused), M)).toMatchObject({
      code: 'network_error',
      category: 'network',
    });
    expect(toSlackApiError(new WebAPIRequestError(refused), M).message).toMatch(/refused/);
    const dns = new Error('net::ERR_NAME_NOT_RESOLVED');
    expect(toSlackApiError(new WebAPIRequestError(dns), M).message).toMatch(/DNS/);
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    expect(toSlackApiError(new WebAPIRequestError(timeout), M).code).toBe('network_timeout');
    // A connection that broke mid-request may have delivered it: a code of its own, so callers verify.
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
    });
    expect(toSlackApiError(new WebAPIRequestError(reset), M)).toMatchObject({
      code: 'network_reset',
      category: 'network',
    });
  });

  it('a lost answer to a read says nothing changed; to a decision, that Slack may have acted', () => {
    const timeout = new DOMException('The operation was aborted due to timeout', 'TimeoutError');
    const reset = new TypeError('fetch failed', {
      cause: Object.assign(new Error('x'), { code: 'ECONNRESET' }),
    });
    for (const cause of [timeout, reset]) {
      for (const read of ['admin.apps.requests.list', 'admin.teams.list', 'auth.test', 'api.test']) {
        const message = toSlackApiError(new WebAPIRequestError(cause), read).message;
        expect(message).toMatch(/only reading, so nothing changed/);
        expect(message).not.toMatch(/may or may not/);
      }
      for (const write of ['admin.apps.approve', 'admin.apps.requests.cancel', 'admin.apps.uninstall']) {
        expect(toSlackApiError(new WebAPIRequestError(cause), write).message).toMatch(/may or may not/);
      }
    }
    // The queue's decisions still verify: the code, not the wording, says it may have reached Slack.
    expect(toSlackApiError(new WebAPIRequestError(reset), 'admin.apps.requests.list').code).toBe(
      'network_reset',
    );
  });

  it('HTTP 5xx → http_server_error: retryable (Slack was reached), not a network failure', () => {
    for (const status of [500, 502, 503, 504]) {
      const e = toSlackApiError(new WebAPIHTTPError(status, 'Server Error', {}, ''), M);
      expect(e).toMatchObject({ code: 'http_server_error', category: 'retryable', status });
      expect(isRetryableCategory(e.category)).toBe(true);
      expect(appErrorCodeFor(e.category)).not.toBe('offline');
    }
  });

  it('other 4xx → http_error: a configuration problem naming the proxy and the API URL, not retried', () => {
    for (const status of [400, 403, 404, 407]) {
      const e = toSlackApiError(new WebAPIHTTPError(status, 'Nope', {}, ''), M);
      expect(e).toMatchObject({ code: 'http_error', category: 'configuration', status });
      expect(isRetryableCategory(e.category)).toBe(false);
      expect(e.message).toContain(`HTTP ${status}`);
      expect(e.message).toMatch(/proxy/);
      expect(e.message).toMatch(/SlackApiUrl/);
    }
    expect(httpStatusError(407, M).message).toMatch(/proxy that wants a sign-in/);
  });

  it('httpStatusError: 429 is ratelimited with Retry-After (a minute when absent)', () => {
    expect(httpStatusError(429, M, 5)).toMatchObject({ code: 'ratelimited', retryAfterMs: 5000 });
    expect(httpStatusError(429, M)).toMatchObject({ code: 'ratelimited', retryAfterMs: 60_000 });
  });

  it.each(['net::ERR_CONNECTION_CLOSED', 'net::ERR_EMPTY_RESPONSE', 'net::ERR_CONNECTION_ABORTED'])(
    "Electron's %s may have reached Slack (network_reset, verified before any resend)",
    (message) => {
      expect(toSlackApiError(new WebAPIRequestError(new Error(message)), M)).toMatchObject({
        code: 'network_reset',
        category: 'network',
      });
      // net.fetch rejections can also reach the client unwrapped.
      expect(toSlackApiError(new Error(message), M).code).toBe('network_reset');
    },
  );

  it('internal_error is uncertain: Slack says part of it may have succeeded', () => {
    const e = toSlackApiError(platform({ ok: false, error: 'internal_error' }), M);
    expect(e).toMatchObject({ code: 'internal_error', category: 'uncertain' });
    expect(isRetryableCategory(e.category)).toBe(false);
  });

  it("app_management_app_not_installed_on_org says Admit's app must be installed on the org by an owner or admin", () => {
    const e = toSlackApiError(platform({ ok: false, error: 'app_management_app_not_installed_on_org' }), M);
    expect(e.category).toBe('app_not_installed');
    expect(e.message).toMatch(/Admit's own Slack app/);
    expect(e.message).toMatch(/whole org/);
    expect(e.message).toMatch(/Org Owner or Org Admin/);
    expect(appErrorCodeFor(e.category)).toBe('slack_permission');
  });

  it('an unreadable body (HTML from a proxy) and a body without an error code', () => {
    expect(toSlackApiError(platform({ ok: false, error: '<html>Bad gateway</html>' }), M).code).toBe(
      'unreadable_response',
    );
    expect(toSlackApiError(platform({ ok: false }), M).code).toBe('malformed_response');
  });

  it('unknown codes are not retried and show the raw code; SlackApiError passes through', () => {
    const e = toSlackApiError(platform({ ok: false, error: 'shiny_new_error' }), M);
    expect(e.category).toBe('unknown');
    expect(isRetryableCategory(e.category)).toBe(false);
    expect(e.message).toContain('shiny_new_error');
    expect(toSlackApiError(e, 'other')).toBe(e);
    expect(appErrorCodeFor('reauth')).toBe('slack_auth');
    expect(appErrorCodeFor('network')).toBe('offline');
  });
});

function client(handler: FakeHandler, clock = createFakeClock(0, { autoAdvance: true })) {
  const fake = fakeFetch(handler);
  const limiter = createRateLimiter(clock);
  const c = createSlackAdminClient({
    token: 'xoxp-t',
    apiUrl: 'http://slack.test/api/',
    orgId: ORG,
    fetch: fake.fetch,
    limiter,
    timeoutMs: 50,
  });
  return { c, fake, limiter };
}

async function failure(p: Promise<unknown>): Promise<SlackApiError> {
  const e: unknown = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SlackApiError);
  return e as SlackApiError;
}

describe('errors through the real WebClient and the injected fetch (no SDK retries)', () => {
  it.each([
    ['platform error', () => ({ body: { ok: false, error: 'not_an_admin' } }), 'not_an_admin', 'permission'],
    ['HTTP 500', () => ({ status: 500, body: 'oops' }), 'http_server_error', 'retryable'],
    ['HTTP 407 from a proxy', () => ({ status: 407, body: 'auth' }), 'http_error', 'configuration'],
    ['HTML body', () => ({ body: '<html>captive portal</html>' }), 'unreadable_response', 'network'],
    [
      'connection refused',
      () => {
        throw new TypeError('fetch failed', { cause: { code: 'ECONNREFUSED' } });
      },
      'network_error',
      'network',
    ],
    ['429', () => ({ status: 429, headers: { 'retry-after': '3' } }), 'ratelimited', 'retryable'],
    ['429 without Retry-After', () => ({ status: 429 }), 'ratelimited', 'retryable'],
  ] as const)('%s', async (_n, handler, code, category) => {
    const { c, fake } = client(handler as FakeHandler);
    const e = await failure(c.approve(ARGS));
    expect(e).toMatchObject({ code, category, method: M });
    expect(fake.calls).toHaveLength(1);
  });

  it('a request that outlives timeoutMs becomes network_timeout', async () => {
    const slow = ((_u: string, init?: RequestInit) =>
      new Promise((_resolve, reject) => {
        init?.signal?.addEventListener('abort', () => reject(init.signal?.reason));
      })) as typeof fetch;
    const c = createSlackAdminClient({
      token: 'x',
      apiUrl: 'http://slack.test/api/',
      orgId: ORG,
      fetch: slow,
      timeoutMs: 20,
    });
    expect((await failure(c.apiTest())).code).toBe('network_timeout');
  });
});

describe('429 is honoured', () => {
  it('the next call on that method waits at least Retry-After; no storm of retries', async () => {
    const clock = createFakeClock(0);
    let limited = true;
    const { c, fake, limiter } = client(() => {
      if (limited) {
        limited = false;
        return { status: 429, headers: { 'retry-after': '30' } };
      }
      return { body: { ok: true } };
    }, clock as never);
    const pause = vi.spyOn(limiter, 'pause');
    const e = await failure(c.approve(ARGS));
    expect(e.retryAfterMs).toBe(30_000);
    expect(pause).toHaveBeenCalledWith(ORG, M, 30_000);
    expect(fake.calls).toHaveLength(1);

    const next = c.approve(ARGS);
    const other = c.restrict(ARGS);
    await clock.advanceAsync(0);
    await vi.waitFor(() => expect(fake.calls.map((x) => x.method)).toEqual([M, 'admin.apps.restrict']));
    await clock.advanceAsync(29_999);
    await new Promise((r) => setTimeout(r, 20));
    expect(fake.calls).toHaveLength(2);
    // The waiting call holds the slot at 30 000 ms; one more call could start an interval later, at
    // the pace a 429 cut (another admin may be spending the same budget).
    expect(limiter.etaMs(ORG, M, 1)).toBeCloseTo(1 + limiter.intervalMs(M) / 0.4);
    expect(limiter.intervalMs(M, ORG)).toBeCloseTo(limiter.intervalMs(M) / 0.4);
    await clock.advanceAsync(1);
    await next;
    await other;
    expect(fake.calls.map((x) => x.method)).toEqual([M, 'admin.apps.restrict', M]);
  });
});
