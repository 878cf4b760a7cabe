/**
 * The simulator against Slack's documented data (`src/slack-facts`): every answer carries the
 * documented keys with the documented value types, adds only what is documented (or deliberately
 * undocumented, listed below), and the arguments it reads are the documented ones.
 */
import { createHash, randomBytes } from 'node:crypto';
import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { exampleResponse, methodFacts, type MethodFacts } from '../slack-facts';
import { HQ, ORG, setup, uncertifiedAt } from './test-support/simulator-setup';

const facts = (method: string): MethodFacts => {
  const f = methodFacts(method);
  if (!f) throw new Error(`no facts for ${method}`);
  return f;
};

/** Top-level keys: the example's are all present; any other is a declared output (or paging metadata). */
function expectDocumentedTopLevelKeys(method: string, body: Record<string, unknown>): void {
  const f = facts(method);
  const example = exampleResponse(method) ?? { ok: true }; // methods with `output: null` answer {ok:true}
  const allowed = new Set([...Object.keys(example), ...Object.keys(f.output?.properties ?? {})]);
  if ('cursor' in f.args.properties) allowed.add('response_metadata');
  for (const key of Object.keys(example)) expect(body, `${method} lacks ${key}`).toHaveProperty(key);
  for (const key of Object.keys(body)) expect(allowed.has(key), `${method} has undeclared ${key}`).toBe(true);
}

// Display strings and objects Slack may send as null, by path (`[]` stands for any array index).
const NULLABLE = new Set([
  'app.description',
  'app.help_url',
  'app.privacy_policy_url',
  'app.app_homepage_url',
  'app.app_directory_url',
  'app.additional_info',
  'app.icons',
  'message',
  'scopes[].description',
  'team',
]);
// Keys the examples lack that the simulator sends on purpose.
const EXTRA = new Map<string, Set<string>>([
  // Slack's app_requested event payload carries `enterprise` (null for most workspace requests).
  ['', new Set(['enterprise'])],
  // Undocumented on purpose: proves clients ignore fields they do not know.
  ['app', new Set(['is_granular_bot_app'])],
]);

const kind = (v: unknown): string => (v === null ? 'null' : Array.isArray(v) ? 'array' : typeof v);

/** `actual` has every key of `example` with the same kind of value (null where Slack may send it). */
function expectShape(actual: unknown, example: unknown, path: string, where: string): void {
  const label = `${where} ${path || '(item)'}`;
  if (kind(example) === 'null') return; // e.g. previous_resolution: null; the simulator may send an object
  if (actual === null && NULLABLE.has(path)) return;
  expect(kind(actual), label).toBe(kind(example));
  if (Array.isArray(example) && Array.isArray(actual)) {
    for (const item of actual) expectShape(item, example[0], `${path}[]`, where);
  } else if (kind(example) === 'object' && path !== 'app.icons') {
    const a = actual as Record<string, unknown>;
    const e = example as Record<string, unknown>;
    for (const key of Object.keys(e)) {
      // is_optional / is_approved are per-scope flags the example shows on one scope.
      if (path === 'scopes[]' && (key === 'is_optional' || key === 'is_approved') && !(key in a)) continue;
      expect(a, `${label} lacks ${key}`).toHaveProperty(key);
      expectShape(a[key], e[key], path ? `${path}.${key}` : key, where);
    }
    const extra = EXTRA.get(path) ?? new Set();
    for (const key of Object.keys(a))
      expect(key in e || extra.has(key), `${label} has undocumented ${key}`).toBe(true);
  }
}

/** Every item of a list answer has the shape of the documented example's first item. */
function expectItemsLikeExample(method: string, field: string, items: unknown[]): void {
  const example = (exampleResponse(method)?.[field] as unknown[] | undefined)?.[0];
  expect(example, `${method} documents an example ${field} item`).toBeDefined();
  expect(items.length, `${method} ${field}`).toBeGreaterThan(0);
  for (const item of items) expectShape(item, example, '', method);
}

describe('conformance with the reference', () => {
  it('auth.test, admin.teams.list and api.test answer with the documented keys', async () => {
    const { call } = await setup();
    const auth = (await call('auth.test')).body;
    expectDocumentedTopLevelKeys('auth.test', auth);
    for (const key of Object.keys(exampleResponse('auth.test') ?? {}))
      expect(kind(auth[key]), key).toBe(kind(exampleResponse('auth.test')?.[key]));

    const teams = (await call('admin.teams.list')).body;
    expectDocumentedTopLevelKeys('admin.teams.list', teams);
    expectItemsLikeExample('admin.teams.list', 'teams', teams.teams as unknown[]);
    expectDocumentedTopLevelKeys('api.test', (await call('api.test')).body);
  });

  it('requests.list items (workspace, org-level, certified, null strings) have the documented shape', async () => {
    const { call, sim } = await setup();
    const targets: Record<string, string>[] = [
      { enterprise_id: ORG },
      ...[...sim.state.teams.keys()].map((t) => ({ team_id: t })),
    ];
    for (const target of targets) {
      const body = (await call('admin.apps.requests.list', { ...target, certified: true, limit: 1000 })).body;
      expectDocumentedTopLevelKeys('admin.apps.requests.list', body);
      expectItemsLikeExample('admin.apps.requests.list', 'app_requests', body.app_requests as unknown[]);
    }
  });

  it('approved.list and restricted.list items have the documented shape', async () => {
    const { call } = await setup();
    for (const [method, field] of [
      ['admin.apps.approved.list', 'approved_apps'],
      ['admin.apps.restricted.list', 'restricted_apps'],
    ] as const) {
      const cases: Record<string, string | boolean>[] = [
        { enterprise_id: ORG },
        { enterprise_id: ORG, certified: true },
        { team_id: 'T0ACMEENG02' },
      ];
      for (const args of cases) {
        const body = (await call(method, args)).body;
        expectDocumentedTopLevelKeys(method, body);
        if ((body[field] as unknown[]).length > 0)
          expectItemsLikeExample(method, field, body[field] as unknown[]);
      }
    }
  });

  it('write methods answer with exactly the documented keys', async () => {
    const { call, sim } = await setup();
    const [a, b, c] = uncertifiedAt(sim, HQ);
    const cases: [string, Record<string, string>][] = [
      ['admin.apps.approve', { request_id: a!.id, team_id: HQ }],
      ['admin.apps.restrict', { request_id: b!.id, team_id: HQ }],
      ['admin.apps.requests.cancel', { request_id: c!.id, team_id: HQ }],
      ['admin.apps.clearResolution', { app_id: a!.app.id, team_id: HQ }],
      ['admin.apps.uninstall', { app_id: a!.app.id, team_ids: HQ }],
      ['auth.revoke', { test: '1' }],
    ];
    for (const [method, args] of cases) {
      const body = (await call(method, args)).body;
      expect(body.ok, `${method}: ${String(body.error)}`).toBe(true);
      expectDocumentedTopLevelKeys(method, body);
    }
  });

  it('missing_scope has the keys of the documented error example', async () => {
    const { call, sim } = await setup();
    const token = sim.state.issueToken({ scopes: ['admin.teams:read'] });
    const body = (await call('admin.apps.requests.list', { team_id: HQ }, { token })).body;
    expect(Object.keys(body).sort()).toEqual(
      Object.keys(exampleResponse('admin.apps.requests.list', 'error')!).sort(),
    );
  });

  it('oauth.v2.access answers (code and refresh grants) use only documented keys', async () => {
    const { sim } = await setup({ oauth: { tokenTtlSeconds: 3600 } });
    const output = facts('oauth.v2.access').output!;
    const topLevel = new Set(['ok', ...Object.keys(output.properties ?? {})]);
    const userKeys = new Set(Object.keys(output.properties?.authed_user?.properties ?? {}));
    const verifier = randomBytes(32).toString('base64url');
    const q = new URLSearchParams({
      client_id: '1000000001.2000000002',
      user_scope: 'admin.apps:read,admin.apps:write,admin.teams:read',
      redirect_uri: 'http://localhost:53682/callback',
      code_challenge: createHash('sha256').update(verifier).digest('base64url'),
      code_challenge_method: 'S256',
    });
    const consent = await fetch(`${sim.origin}/oauth/v2/authorize?${q}`, { redirect: 'manual' });
    const code = new URL(consent.headers.get('location') ?? '').searchParams.get('code') ?? '';
    const post = async (fields: Record<string, string>) =>
      (await (
        await fetch(`${sim.apiUrl}oauth.v2.access`, { method: 'POST', body: new URLSearchParams(fields) })
      ).json()) as Record<string, unknown>;
    const exchanged = await post({
      client_id: '1000000001.2000000002',
      code,
      code_verifier: verifier,
      redirect_uri: 'http://localhost:53682/callback',
    });
    const refreshed = await post({
      client_id: '1000000001.2000000002',
      grant_type: 'refresh_token',
      refresh_token: String((exchanged.authed_user as Record<string, unknown>).refresh_token),
    });
    for (const body of [exchanged, refreshed]) {
      expect(body.ok).toBe(true);
      for (const key of output.required ?? []) expect(body, key).toHaveProperty(key);
      for (const key of Object.keys(body)) expect(topLevel.has(key), `undeclared ${key}`).toBe(true);
      expect(body.team).toBeNull();
      expect(Object.keys(body.enterprise as object).sort()).toEqual(['id', 'name']);
    }
    for (const key of Object.keys(exchanged.authed_user as object))
      expect(userKeys.has(key), `authed_user.${key}`).toBe(true);
  });

  it('reads only documented argument names', () => {
    // The arguments each simulated method reads (besides token), checked against Slack's arg lists.
    const read: Record<string, string[]> = {
      'admin.apps.requests.list': ['team_id', 'enterprise_id', 'certified', 'limit', 'cursor'],
      'admin.apps.approved.list': ['team_id', 'enterprise_id', 'certified', 'limit', 'cursor'],
      'admin.apps.restricted.list': ['team_id', 'enterprise_id', 'certified', 'limit', 'cursor'],
      'admin.apps.approve': ['app_id', 'request_id', 'team_id', 'enterprise_id', 'bot_scopes', 'user_scopes'],
      'admin.apps.restrict': ['app_id', 'request_id', 'team_id', 'enterprise_id'],
      'admin.apps.requests.cancel': ['request_id', 'team_id', 'enterprise_id'],
      'admin.apps.clearResolution': ['app_id', 'team_id', 'enterprise_id'],
      'admin.apps.uninstall': ['app_id', 'team_ids', 'enterprise_id'],
      'admin.teams.list': ['limit', 'cursor'],
      'auth.revoke': ['test'],
      'api.test': ['error'],
      'oauth.v2.access': [
        'client_id',
        'client_secret',
        'code',
        'code_verifier',
        'redirect_uri',
        'grant_type',
        'refresh_token',
      ],
    };
    for (const [method, names] of Object.entries(read))
      for (const name of names)
        expect(facts(method).args.properties, `${method} ${name}`).toHaveProperty(name);
  });

  it('works with the official @slack/web-api client', async () => {
    const { sim } = await setup();
    const client = new WebClient(sim.adminToken, { slackApiUrl: sim.apiUrl, retryConfig: { retries: 0 } });
    const auth = await client.auth.test();
    expect(auth.enterprise_id).toBe(sim.enterpriseId);
    const pages: number[] = [];
    for await (const page of client.paginate('admin.apps.requests.list', { team_id: HQ, limit: 5 })) {
      pages.push(((page as { app_requests?: unknown[] }).app_requests ?? []).length);
    }
    expect(pages.reduce((x, y) => x + y, 0)).toBe(uncertifiedAt(sim, HQ).length);
    await expect(client.admin.apps.approve({ request_id: 'Ar0NOPE', team_id: HQ })).rejects.toMatchObject({
      data: { ok: false, error: 'invalid_request_id' },
    });
  });
});
