import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { WebClient } from '@slack/web-api';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { AppRequestSchema, AuthTestSchema, ResolvedAppSchema, TeamSchema } from '../shared/slack-types';
import { referenceDir } from '../main/slack/test-support/reference';
import { setup } from './test-setup';

type MethodJson = {
  args: { properties: Record<string, unknown> };
  output: { properties?: Record<string, unknown> } | null;
  examples?: { success?: { example: Record<string, unknown> } };
};

const refDir = referenceDir;
const reference = (method: string): MethodJson =>
  JSON.parse(readFileSync(join(refDir, 'slack-methods', `${method}.json`), 'utf8')) as MethodJson;

/** Response keys must include the example's keys and add only declared outputs (or paging metadata). */
function expectSameTopLevelKeys(method: string, body: Record<string, unknown>): void {
  const ref = reference(method);
  const example = ref.examples?.success?.example ?? { ok: true }; // methods with `output: null` answer {ok:true}
  const allowed = new Set([...Object.keys(example), ...Object.keys(ref.output?.properties ?? {})]);
  if ('cursor' in ref.args.properties) allowed.add('response_metadata');
  for (const key of Object.keys(example)) expect(body, `${method} lacks ${key}`).toHaveProperty(key);
  for (const key of Object.keys(body)) expect(allowed.has(key), `${method} has undeclared ${key}`).toBe(true);
}

/** List items must carry the same keys as the example's first item. */
function expectSameItemKeys(method: string, field: string, items: Record<string, unknown>[]): void {
  const example = (reference(method).examples!.success!.example[field] as Record<string, unknown>[])[0]!;
  expect(items.length).toBeGreaterThan(0);
  for (const item of items) expect(Object.keys(item).sort()).toEqual(Object.keys(example).sort());
}

const HQ = 'T0ACMEHQ001';
const ORG = 'E0ACMECORP1';

describe('conformance with the reference', () => {
  it('read methods parse with the shared schemas and match the examples', async () => {
    const { call } = await setup();
    const auth = (await call('auth.test')).body;
    AuthTestSchema.parse(auth);
    expectSameTopLevelKeys('auth.test', auth);

    const teams = (await call('admin.teams.list')).body;
    z.array(TeamSchema).parse(teams.teams);
    expectSameTopLevelKeys('admin.teams.list', teams);
    expectSameItemKeys('admin.teams.list', 'teams', teams.teams as Record<string, unknown>[]);

    const requests = (await call('admin.apps.requests.list', { team_id: HQ, limit: 1000 })).body;
    const parsed = z.array(AppRequestSchema.strict()).parse(requests.app_requests);
    expect(parsed.length).toBeGreaterThan(0);
    expectSameTopLevelKeys('admin.apps.requests.list', requests);
    expectSameItemKeys(
      'admin.apps.requests.list',
      'app_requests',
      requests.app_requests as Record<string, unknown>[],
    );

    for (const [method, field, target] of [
      ['admin.apps.approved.list', 'approved_apps', { enterprise_id: ORG }],
      ['admin.apps.restricted.list', 'restricted_apps', { enterprise_id: ORG }],
    ] as const) {
      const body = (await call(method, target)).body;
      z.array(ResolvedAppSchema.strict()).parse(body[field]);
      expectSameTopLevelKeys(method, body);
      expectSameItemKeys(method, field, body[field] as Record<string, unknown>[]);
    }
    expectSameTopLevelKeys('api.test', (await call('api.test')).body);
  });

  it('write methods answer with exactly the documented keys', async () => {
    const { call, sim } = await setup();
    const [a, b, c] = sim.state.pendingFor(HQ);
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
      expectSameTopLevelKeys(method, body);
    }
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
    expect(pages.reduce((x, y) => x + y, 0)).toBe(sim.state.pendingFor(HQ).length);
    await expect(client.admin.apps.approve({ request_id: 'Ar0NOPE', team_id: HQ })).rejects.toMatchObject({
      data: { ok: false, error: 'invalid_request_id' },
    });
  });
});
