import { describe, expect, it, vi } from 'vitest';
import {
  createSlackAdminClient,
  MAX_PAGE_RATE_LIMIT_RETRIES,
  webClientOptions,
  type SlackClientOptions,
} from './client';
import { SlackApiError, SlackArgumentError } from './errors';
import { createRateLimiter } from './rate-limiter';
import { fakeFetch, fakeRequest, type FakeHandler } from './test-support/fake-fetch';
import { createFakeClock } from '../time/test-support/fake-clock';

const ORG = 'E0000001';
const TEAM = 'T0000001';

function setup(handler?: FakeHandler, extra: Partial<SlackClientOptions> = {}) {
  const fake = fakeFetch(handler);
  const clock = createFakeClock(0, { autoAdvance: true });
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

  it('refuses an empty scope list instead of sending nothing (which Slack reads as every scope)', async () => {
    const { client, fake } = setup();
    await expect(
      client.approve({ request_id: 'Ar000001', team_id: TEAM, bot_scopes: ['chat:write'], user_scopes: [] }),
    ).rejects.toThrow(/user_scopes cannot be empty/);
    expect(fake.calls).toHaveLength(0);
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
    expect(all.items.map((r) => r.id)).toEqual([1, 2, 3, 4, 5, 6].map((n) => fakeRequest(n).id));
    expect(all.skipped).toEqual([]);
    expect(all.items[0]?.previous_resolution).toBeNull();
    // certified=true: without it Slack leaves requests for certified apps out altogether.
    expect(fake.calls.map((c) => c.params)).toEqual([
      { team_id: TEAM, certified: 'true', limit: '1000' },
      { team_id: TEAM, certified: 'true', limit: '1000', cursor: 'cur1' },
      { team_id: TEAM, certified: 'true', limit: '1000', cursor: 'cur2' },
    ]);
    expect(onPage.mock.calls.map(([p]) => [p.method, p.page, p.items.length, p.total])).toEqual([
      ['admin.apps.requests.list', 1, 3, 3],
      ['admin.apps.requests.list', 2, 2, 5],
      ['admin.apps.requests.list', 3, 1, 6],
    ]);
  });

  it('reads both certified variants of approved and restricted lists and merges them', async () => {
    const resolved = (id: string) => ({ app: { id, name: 'X' }, scopes: [], date_updated: 1 });
    const { client, fake } = setup((c) => {
      const certified = c.params['certified'] === 'true';
      return {
        body: {
          ok: true,
          approved_apps: certified ? [resolved('A000009')] : [resolved('A000001')],
          restricted_apps: certified ? [] : [resolved('A000001'), resolved('A000002')],
          teams: [{ id: TEAM, name: 'Acme' }],
        },
      };
    });
    const approved = await client.listApproved({ enterprise_id: ORG });
    expect(approved.items.map((a) => [a.app.id, a.certified])).toEqual([
      ['A000001', false],
      ['A000009', true],
    ]);
    expect(fake.calls.map((c) => c.params['certified'])).toEqual([undefined, 'true']);
    expect((await client.listRestricted({ enterprise_id: ORG })).items).toHaveLength(2);
    expect((await client.listTeams()).items).toEqual([{ id: TEAM, name: 'Acme' }]);
  });

  it('skips an item that does not match, names its field, and keeps the rest of the page', async () => {
    const { client } = setup(() => ({
      body: { ok: true, app_requests: [fakeRequest(1), { id: 'Ar000002' }, fakeRequest(3)] },
    }));
    const listed = await client.listRequests({ team_id: TEAM });
    expect(listed.items.map((r) => r.id)).toEqual(['Ar000001', 'Ar000003']);
    expect(listed.skipped).toEqual([
      expect.objectContaining({ method: 'admin.apps.requests.list', index: 1, id: 'Ar000002', field: 'app' }),
    ]);
  });

  it('reads what Slack documents: team null (whole org), enterprise null, null strings, extra fields', async () => {
    const orgLevel = {
      ...fakeRequest(1),
      team: null,
      enterprise: { id: ORG, name: 'Acme Corp', domain: 'acme' },
      message: null,
      app: { id: 'A000001', name: 'Zoom', description: null, help_url: null, icons: null, is_new_field: 1 },
    };
    const workspace = {
      ...fakeRequest(2),
      enterprise: null,
      scopes: [{ name: 'chat:write', token_type: 'bot', description: null }],
    };
    const { client } = setup(() => ({
      body: { ok: true, app_requests: [orgLevel, workspace], extra: true },
    }));
    const listed = await client.listRequests({ enterprise_id: ORG });
    expect(listed.skipped).toEqual([]);
    expect(listed.items[0]).toMatchObject({
      level: 'org',
      target: { enterpriseId: ORG },
      targetName: 'Acme Corp',
      message: '',
      app: { name: 'Zoom', description: '', help_url: '', icons: {} },
    });
    expect(listed.items[0]?.app).not.toHaveProperty('is_new_field');
    expect(listed.items[1]).toMatchObject({ level: 'workspace', target: { teamId: TEAM } });
    expect(listed.items[1]?.scopes[0]).toEqual({
      name: 'chat:write',
      description: '',
      is_sensitive: false,
      token_type: 'bot',
    });
  });

  it('re-reads the same cursor after a 429 instead of discarding the pages already read', async () => {
    let limited = 0;
    const { client, fake } = setup((c) => {
      if (c.params['cursor'] === 'cur1' && limited < 2) {
        limited++;
        return { status: 429, headers: { 'retry-after': '1' }, body: { ok: false, error: 'ratelimited' } };
      }
      return {
        body: {
          ok: true,
          app_requests: [fakeRequest(c.params['cursor'] ? 2 : 1)],
          response_metadata: { next_cursor: c.params['cursor'] ? '' : 'cur1' },
        },
      };
    });
    const listed = await client.listRequests({ team_id: TEAM });
    expect(listed.items.map((r) => r.id)).toEqual(['Ar000001', 'Ar000002']);
    expect(fake.calls.map((c) => c.params['cursor'] ?? '')).toEqual(['', 'cur1', 'cur1', 'cur1']);
  });

  it('gives up on a page after a bounded number of 429s', async () => {
    const { client, fake } = setup(() => ({
      status: 429,
      headers: { 'retry-after': '1' },
      body: { ok: false, error: 'ratelimited' },
    }));
    expect((await failure(client.listTeams())).code).toBe('ratelimited');
    expect(fake.calls).toHaveLength(MAX_PAGE_RATE_LIMIT_RETRIES + 1);
  });

  it('turns a missing list key or a repeating cursor into malformed_response', async () => {
    const { client } = setup(() => ({ body: { ok: true } }));
    expect((await failure(client.listTeams())).code).toBe('malformed_response');
    const loop = setup(() => ({ body: { ok: true, teams: [], response_metadata: { next_cursor: 'same' } } }));
    expect((await failure(loop.client.listTeams())).message).toMatch(/repeats/);
    expect(loop.fake.calls).toHaveLength(2);
  });
});

describe('auth.test', () => {
  it('returns the granted scopes from the x-oauth-scopes header, or null when Slack sent none', async () => {
    const withHeader = setup(() => ({
      headers: { 'x-oauth-scopes': 'admin.apps:read,admin.apps:write' },
      body: { ok: true, team_id: TEAM, user_id: 'W1', url: null },
    }));
    expect(await withHeader.client.authTest()).toMatchObject({
      team_id: TEAM,
      url: '',
      grantedScopes: ['admin.apps:read', 'admin.apps:write'],
    });
    const without = setup(() => ({ body: { ok: true, team_id: TEAM, user_id: 'W1' } }));
    expect((await without.client.authTest()).grantedScopes).toBeNull();
  });
});
