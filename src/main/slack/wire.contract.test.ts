/**
 * The wire schemas against both witnesses: every example response in Slack's reference (committed in
 * src/slack-facts) parses, and every answer of the independent simulator validates, item by item.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { exampleResponse, methodFacts } from '../../slack-facts';
import { startSimulator, type Simulator } from '../../simulator';
import {
  parseItems,
  WireAuthTestSchema,
  WireOAuthV2AccessSchema,
  WireRequestSchema,
  WireResolvedAppSchema,
  WireTeamSchema,
} from './wire';

const LISTS: [method: string, key: string, schema: z.ZodType][] = [
  ['admin.apps.requests.list', 'app_requests', WireRequestSchema],
  ['admin.apps.approved.list', 'approved_apps', WireResolvedAppSchema],
  ['admin.apps.restricted.list', 'restricted_apps', WireResolvedAppSchema],
  ['admin.teams.list', 'teams', WireTeamSchema],
];

const skippedOf = (method: string, list: unknown, schema: z.ZodType) =>
  parseItems(method, list, schema, (w) => w, 0)?.skipped ?? 'not a list';

describe("Slack's reference examples parse with the wire schemas", () => {
  it.each(LISTS)('%s success example: every item of %s parses', (method, key, schema) => {
    const example = exampleResponse(method);
    expect(example, `${method} has a success example`).toBeDefined();
    const items = example?.[key] as unknown[];
    expect(items.length).toBeGreaterThan(0);
    expect(skippedOf(method, items, schema)).toEqual([]);
  });

  it.each(['success', 'success_with_bot_token'])('auth.test %s example parses', (name) => {
    expect(WireAuthTestSchema.safeParse(exampleResponse('auth.test', name)).success).toBe(true);
  });

  it.each(Object.keys(methodFacts('oauth.v2.access')?.examples ?? {}).filter((n) => n.startsWith('success')))(
    'oauth.v2.access %s example parses',
    (name) => {
      const r = WireOAuthV2AccessSchema.safeParse(exampleResponse('oauth.v2.access', name));
      expect(r.success, JSON.stringify(!r.success && r.error.issues[0])).toBe(true);
    },
  );

  it('a request for the whole org (team: null) and one with enterprise: null both parse', () => {
    const [item] = exampleResponse('admin.apps.requests.list')?.['app_requests'] as Record<string, unknown>[];
    const org = { ...item, team: null, enterprise: { id: 'E1', name: 'Acme', domain: 'acme' } };
    const ws = {
      ...item,
      enterprise: null,
      message: null,
      app: { ...(item?.['app'] as object), icons: null },
    };
    expect(skippedOf('admin.apps.requests.list', [org, ws], WireRequestSchema)).toEqual([]);
  });
});

describe("the simulator's answers validate against the wire schemas", () => {
  let sim: Simulator;
  beforeAll(async () => {
    sim = await startSimulator({ port: 0, rateScale: 0 });
  });
  afterAll(() => sim.close());

  const call = async (
    method: string,
    args: Record<string, string> = {},
  ): Promise<Record<string, unknown>> => {
    const response = await fetch(`${sim.apiUrl}${method}`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${sim.adminToken}`,
        'content-type': 'application/x-www-form-urlencoded',
      },
      body: new URLSearchParams({ limit: '1000', ...args }).toString(),
    });
    return (await response.json()) as Record<string, unknown>;
  };

  it('every list, at every target, in both certified variants: no item is skipped', async () => {
    const targets = [
      { enterprise_id: sim.enterpriseId },
      ...[...sim.state.teams.keys()].map((id) => ({ team_id: id })),
    ];
    let requests = 0;
    for (const [method, key, schema] of LISTS) {
      for (const target of method === 'admin.teams.list' ? [{}] : targets) {
        for (const certified of ['false', 'true']) {
          const body = await call(method, { ...target, certified });
          expect(body['ok'], `${method} ${JSON.stringify(target)}`).toBe(true);
          expect(skippedOf(method, body[key], schema)).toEqual([]);
          if (method === 'admin.apps.requests.list' && certified === 'true') {
            requests += (body[key] as unknown[]).length;
          }
        }
      }
    }
    expect(requests).toBe(sim.state.pending.size);
  });

  it('auth.test validates', async () => {
    expect(WireAuthTestSchema.safeParse(await call('auth.test')).success).toBe(true);
  });
});
