import { describe, expect, it, vi } from 'vitest';
import { createSlackAdminClient, webClientOptions, type SlackClientOptions } from './client';
import { SlackApiError, SlackArgumentError } from './errors';
import { createRateLimiter } from './rate-limiter';
import { fakeFetch, fakeRequest, type FakeHandler } from './test-support/fake-fetch';
import { createAutoClock } from './test-support/virtual-clock';

const ORG = 'E0000001';
const TEAM = 'T0000001';

function setup(handler?: FakeHandler, extra: Partial<SlackClientOptions> = {}) {
  const fake = fakeFetch(handler);
  const clock = createAutoClock();
  const limiter = createRateLimiter(clock);
  const client = createSlackAdminClient({
    token: 'xoxp-test',
    apiUrl: 'http://slack.test/api',
    orgId: ORG,
    fetch: fake.fetch,
    limiter,
    ...extra,
  });
  return { client, fake, clock, limiter };
}

async function failure(p: Promise<unknown>): Promise<SlackApiError> {
  const e = await p.then(
    () => undefined,
    (err: unknown) => err,
  );
  expect(e).toBeInstanceOf(SlackApiError);
  return e as SlackApiError;
}

describe('WebClient options', () => {
  it('turns SDK retries off, rejects rate-limited calls, never sets teamId, and uses the injected fetch', () => {
    const f = fakeFetch().fetch;
    const o = webClientOptions({ token: 't', apiUrl: 'http://x/api', orgId: ORG, fetch: f, timeoutMs: 5 });
    expect(o).toMatchObject({ retryConfig: { retries: 0 }, rejectRateLimitedCalls: true, timeout: 5 });
    expect(o.fetch).toBe(f);
    expect(o.slackApiUrl).toBe('http://x/api/');
    expect(o).not.toHaveProperty('teamId');
  });
});

describe('injected fetch', () => {
  it('carries every call, with the token as a bearer header and no client-wide team_id', async () => {
    const { client, fake } = setup((c) => ({
      body:
        c.method === 'auth.test'
          ? { ok: true, team_id: TEAM, user_id: 'W1', enterprise_id: ORG }
          : { ok: true },
    }));
    await client.apiTest();
    expect(await client.authTest()).toMatchObject({ team_id: TEAM, enterprise_id: ORG });
    await client.approve({ request_id: 'Ar000001', team_id: TEAM });
    await client.authRevoke();
    expect(fake.calls.map((c) => c.method)).toEqual([
      'api.test',
      'auth.test',
      'admin.apps.approve',
      'auth.revoke',
    ]);
    for (const c of fake.calls) {
      expect(c.headers.Authorization).toBe('Bearer xoxp-test');
      expect(c.params).not.toHaveProperty('token');
    }
    expect(fake.calls[0]?.params).toEqual({});
  });

  it('falls back to the global fetch when none is injected', async () => {
    const fake = fakeFetch();
    const spy = vi.spyOn(globalThis, 'fetch').mockImplementation(fake.fetch);
    try {
      const client = createSlackAdminClient({
        token: 'xoxp-test',
        apiUrl: 'http://slack.test/api/',
        orgId: ORG,
      });
      await client.apiTest();
      expect(spy).toHaveBeenCalledOnce();
      expect(String(spy.mock.calls[0]?.[0])).toBe('http://slack.test/api/api.test');
    } finally {
      spy.mockRestore();
    }
  });
});

describe('argument validation (before any network call)', () => {
  const cases: [string, (c: ReturnType<typeof setup>['client']) => Promise<unknown>, RegExp][] = [
    [
      'approve: neither app nor request',
      (c) => c.approve({ team_id: TEAM }),
      /exactly one of app_id or request_id/,
    ],
    [
      'approve: both app and request',
      (c) => c.approve({ app_id: 'A000001', request_id: 'Ar000001', team_id: TEAM }),
      /exactly one of app_id or request_id/,
    ],
    [
      'approve: no target',
      (c) => c.approve({ app_id: 'A000001' }),
      /exactly one of team_id or enterprise_id/,
    ],
    [
      'approve: both targets',
      (c) => c.approve({ app_id: 'A000001', team_id: TEAM, enterprise_id: ORG }),
      /exactly one of team_id or enterprise_id/,
    ],
    [
      'approve: bad scope',
      (c) => c.approve({ app_id: 'A000001', team_id: TEAM, bot_scopes: ['a,b'] }),
      /bot_scopes/,
    ],
    [
      'restrict: request shape',
      (c) => c.restrict({ request_id: 'A000001', team_id: TEAM }),
      /request_id must be/,
    ],
    ['restrict: app shape', (c) => c.restrict({ app_id: 'Ar000001', team_id: TEAM }), /app_id must be/],
    ['restrict: no ids', (c) => c.restrict({ enterprise_id: ORG }), /exactly one of app_id or request_id/],
    ['cancel: no target', (c) => c.cancelRequest({ request_id: 'Ar000001' }), /exactly one of team_id/],
    [
      'cancel: team shape',
      (c) => c.cancelRequest({ request_id: 'Ar000001', team_id: 'E0000001' }),
      /team_id must be/,
    ],
    ['clear: no app', (c) => c.clearResolution({ app_id: '', team_id: TEAM }), /app_id is required/],
    [
      'clear: org shape',
      (c) => c.clearResolution({ app_id: 'A000001', enterprise_id: TEAM }),
      /enterprise_id must be/,
    ],
    [
      'uninstall: no target',
      (c) => c.uninstall({ app_id: 'A000001' }),
      /exactly one of enterprise_id or team_ids/,
    ],
    [
      'uninstall: both targets',
      (c) => c.uninstall({ app_id: 'A000001', enterprise_id: ORG, team_ids: [TEAM] }),
      /exactly one of enterprise_id or team_ids/,
    ],
    [
      'uninstall: 101 teams',
      (c) =>
        c.uninstall({ app_id: 'A000001', team_ids: Array.from({ length: 101 }, (_, i) => `T${1000 + i}`) }),
      /at most 100/,
    ],
    [
      'uninstall: team shape',
      (c) => c.uninstall({ app_id: 'A000001', team_ids: ['bogus'] }),
      /team_id must be/,
    ],
    ['list: no target', (c) => c.listRequests({} as never), /exactly one of team_id or enterprise_id/],
    [
      'list: both targets',
      (c) => c.listApproved({ team_id: TEAM, enterprise_id: ORG } as never),
      /exactly one of team_id or enterprise_id/,
    ],
    ['list: bad id', (c) => c.listRestricted({ team_id: 'team' }), /team_id must be/],
  ];

  it.each(cases)('%s', async (_name, run, rule) => {
    const { client, fake } = setup();
    const e = await failure(run(client));
    expect(e).toBeInstanceOf(SlackArgumentError);
    expect(e.category).toBe('invalid_input');
    expect(e.message).toMatch(rule);
    expect(fake.calls).toHaveLength(0);
  });

  it.each([0, 1001, 2.5])('rejects page size %s', async (pageSize) => {
    const { client, fake } = setup(undefined, { pageSize });
    const e = await failure(client.listTeams());
    expect(e.message).toMatch(/limit must be an integer from 1 to 1000/);
    expect(fake.calls).toHaveLength(0);
  });
});

describe('what each method sends', () => {
  it('approve sends comma-listed scopes and allow_child_auto_install', async () => {
    const { client, fake } = setup();
    await client.approve({
      app_id: 'A000001',
      enterprise_id: ORG,
      bot_scopes: ['chat:write', 'commands'],
      user_scopes: ['search:read'],
      allow_child_auto_install: true,
    });
    expect(fake.calls[0]?.params).toEqual({
      app_id: 'A000001',
      enterprise_id: ORG,
      bot_scopes: 'chat:write,commands',
      user_scopes: 'search:read',
      allow_child_auto_install: 'true',
    });
  });

  it('uninstall sends team_ids as a comma list, never team_id', async () => {
    const { client, fake } = setup();
    await client.uninstall({ app_id: 'A000001', team_ids: [TEAM, 'T0000002'] });
    await client.uninstall({ app_id: 'A000001', enterprise_id: ORG });
    expect(fake.calls.map((c) => c.params)).toEqual([
      { app_id: 'A000001', team_ids: `${TEAM},T0000002` },
      { app_id: 'A000001', enterprise_id: ORG },
    ]);
  });

  it('restrict, cancel and clearResolution send only their arguments', async () => {
    const { client, fake } = setup();
    await client.restrict({ request_id: 'Ar000001', team_id: TEAM });
    await client.cancelRequest({ request_id: 'Ar000001', enterprise_id: ORG });
    await client.clearResolution({ app_id: 'A000001', team_id: TEAM });
    expect(fake.calls.map((c) => [c.method, c.params])).toEqual([
      ['admin.apps.restrict', { request_id: 'Ar000001', team_id: TEAM }],
      ['admin.apps.requests.cancel', { request_id: 'Ar000001', enterprise_id: ORG }],
      ['admin.apps.clearResolution', { app_id: 'A000001', team_id: TEAM }],
    ]);
  });
});

describe('pagination', () => {
  it('follows the cursor with limit 1000 until exhausted, reporting each page', async () => {
    const pages = [[1, 2, 3], [4, 5], [6]];
    const { client, fake } = setup((c, i) => ({
      body: {
        ok: true,
        app_requests: (pages[i] ?? []).map(fakeRequest),
        response_metadata: { next_cursor: i < pages.length - 1 ? `cur${i + 1}` : '' },
      },
    }));
    const onPage = vi.fn();
    const all = await client.listRequests({ team_id: TEAM }, onPage);
    expect(all.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => fakeRequest(n).id));
    expect(all[0]?.previous_resolution).toBeNull();
    expect(fake.calls.map((c) => c.params)).toEqual([
      { team_id: TEAM, limit: '1000' },
      { team_id: TEAM, limit: '1000', cursor: 'cur1' },
      { team_id: TEAM, limit: '1000', cursor: 'cur2' },
    ]);
    expect(onPage.mock.calls.map(([p]) => [p.method, p.page, p.items.length, p.total])).toEqual([
      ['admin.apps.requests.list', 1, 3, 3],
      ['admin.apps.requests.list', 2, 2, 5],
      ['admin.apps.requests.list', 3, 1, 6],
    ]);
  });

  it('reads approved, restricted and teams from their own keys', async () => {
    const resolved = { app: { id: 'A000001', name: 'X' }, scopes: [], date_updated: 1 };
    const { client } = setup(() => ({
      body: {
        ok: true,
        approved_apps: [resolved],
        restricted_apps: [resolved, resolved],
        teams: [{ id: TEAM, name: 'Acme' }],
      },
    }));
    expect(await client.listApproved({ enterprise_id: ORG })).toHaveLength(1);
    expect(await client.listRestricted({ enterprise_id: ORG })).toHaveLength(2);
    expect(await client.listTeams()).toEqual([{ id: TEAM, name: 'Acme' }]);
  });

  it('turns an item that does not match the schema into malformed_response', async () => {
    const { client } = setup(() => ({ body: { ok: true, app_requests: [{ id: 'Ar1' }] } }));
    const e = await failure(client.listRequests({ team_id: TEAM }));
    expect(e).toMatchObject({ code: 'malformed_response', category: 'malformed_response' });
    expect(e.message).toMatch(/app_requests\.0\.app/);
  });

  it('turns a missing list key or a repeating cursor into malformed_response', async () => {
    const { client } = setup(() => ({ body: { ok: true } }));
    expect((await failure(client.listTeams())).code).toBe('malformed_response');
    const loop = setup(() => ({ body: { ok: true, teams: [], response_metadata: { next_cursor: 'same' } } }));
    expect((await failure(loop.client.listTeams())).message).toMatch(/repeats/);
    expect(loop.fake.calls).toHaveLength(2);
  });
});
