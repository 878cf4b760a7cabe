import { describe, expect, it } from 'vitest';
import { createSlackAdminClient, type SlackAdminClient } from './client';
import { createRateLimiter } from './rate-limiter';
import { fakeFetch, fakeRequest, type RecordedCall } from './test-support/fake-fetch';
import { readMethodReferences, readOpenApiParameters, type MethodReference } from './test-support/reference';
import { createFakeClock } from '../time/test-support/fake-clock';

const ORG = 'E0000001';
const TEAM = 'T0000001';
const refs = new Map(readMethodReferences().map((m) => [m.method, m]));
const openApi = readOpenApiParameters();

/**
 * Arguments Slack added after the OpenAPI spec froze in 2020 (the method JSON documents them). Listed
 * here on purpose so a new gap shows up as a test failure instead of slipping through.
 */
const NEWER_THAN_OPENAPI: Record<string, string[]> = {
  'admin.apps.approve': ['enterprise_id', 'bot_scopes', 'user_scopes', 'allow_child_auto_install'],
  'admin.apps.restrict': ['enterprise_id'],
  'admin.apps.requests.list': ['enterprise_id', 'certified'],
  'admin.apps.approved.list': ['certified'],
  'admin.apps.restricted.list': ['certified'],
};

/** Example list items keyed by the output property the reference documents for each list method. */
const resolved = { app: { id: 'A000001', name: 'X' }, scopes: [], date_updated: 1 };
function exampleOutput(ref: MethodReference | undefined): Record<string, unknown> {
  const props = Object.keys(ref?.output?.properties ?? {});
  const out: Record<string, unknown> = { ok: true, team_id: TEAM, user_id: 'W1', enterprise_id: ORG };
  for (const p of props) {
    if (p === 'app_requests') out[p] = [fakeRequest(1)];
    if (p === 'approved_apps' || p === 'restricted_apps') out[p] = [resolved];
    if (p === 'teams') out[p] = [{ id: TEAM, name: 'Acme' }];
  }
  return out;
}

async function everyCall(): Promise<RecordedCall[]> {
  const fake = fakeFetch((c) => ({ body: exampleOutput(refs.get(c.method)) }));
  const client: SlackAdminClient = createSlackAdminClient({
    token: 'xoxp-t',
    apiUrl: 'http://slack.test/api/',
    orgId: ORG,
    fetch: fake.fetch,
    limiter: createRateLimiter(createFakeClock(0, { autoAdvance: true })),
  });
  await client.apiTest();
  await client.authTest();
  await client.authRevoke();
  expect((await client.listTeams()).items).toHaveLength(1);
  expect((await client.listRequests({ team_id: TEAM })).items).toHaveLength(1);
  expect((await client.listRequests({ enterprise_id: ORG })).items).toHaveLength(1);
  expect((await client.listApproved({ enterprise_id: ORG })).items).toHaveLength(1);
  expect((await client.listRestricted({ team_id: TEAM })).items).toHaveLength(1);
  const scopes = {
    bot_scopes: ['chat:write'],
    user_scopes: ['search:read'],
    allow_child_auto_install: false,
  };
  await client.approve({ request_id: 'Ar000001', team_id: TEAM, ...scopes });
  await client.approve({ app_id: 'A000001', enterprise_id: ORG, ...scopes });
  await client.restrict({ app_id: 'A000001', team_id: TEAM });
  await client.restrict({ request_id: 'Ar000001', enterprise_id: ORG });
  await client.cancelRequest({ request_id: 'Ar000001', team_id: TEAM });
  await client.cancelRequest({ request_id: 'Ar000001', enterprise_id: ORG });
  await client.clearResolution({ app_id: 'A000001', team_id: TEAM });
  await client.clearResolution({ app_id: 'A000001', enterprise_id: ORG });
  await client.uninstall({ app_id: 'A000001', team_ids: [TEAM] });
  await client.uninstall({ app_id: 'A000001', enterprise_id: ORG });
  return fake.calls;
}

describe('what the client sends conforms to the reference', () => {
  it('calls only documented methods, each one we wrap', async () => {
    const methods = new Set((await everyCall()).map((c) => c.method));
    for (const m of methods) expect(refs.has(m), m).toBe(true);
    expect([...methods].sort()).toEqual(
      [
        'admin.apps.approve',
        'admin.apps.approved.list',
        'admin.apps.clearResolution',
        'admin.apps.requests.cancel',
        'admin.apps.requests.list',
        'admin.apps.restrict',
        'admin.apps.restricted.list',
        'admin.apps.uninstall',
        'admin.teams.list',
        'api.test',
        'auth.revoke',
        'auth.test',
      ].sort(),
    );
  });

  it('sends only arguments documented in the method JSON, and every required one', async () => {
    for (const call of await everyCall()) {
      const ref = refs.get(call.method);
      const documented = Object.keys(ref?.args?.properties ?? {});
      for (const p of Object.keys(call.params)) expect(documented, `${call.method} ${p}`).toContain(p);
      for (const r of ref?.args?.required ?? []) {
        if (r === 'token') expect(call.headers.Authorization, call.method).toMatch(/^Bearer /);
        else expect(call.params, `${call.method} requires ${r}`).toHaveProperty(r);
      }
    }
  });

  it('sends only arguments the OpenAPI subset knows, apart from the listed newer ones', async () => {
    for (const call of await everyCall()) {
      const known = openApi.get(call.method);
      if (!known) continue;
      const newer = NEWER_THAN_OPENAPI[call.method] ?? [];
      for (const p of Object.keys(call.params)) {
        expect([...known, ...newer], `${call.method} ${p}`).toContain(p);
      }
    }
    // The allowlist itself must be documented in the method JSON.
    for (const [m, args] of Object.entries(NEWER_THAN_OPENAPI)) {
      for (const a of args)
        expect(Object.keys(refs.get(m)?.args?.properties ?? {}), `${m} ${a}`).toContain(a);
    }
  });
});
