import { describe, expect, it } from 'vitest';
import { DEMO_CERTIFIED_REQUEST_COUNT, DEMO_ORG_LEVEL_REQUEST_COUNT, DEMO_REQUEST_COUNT } from './demo-org';
import type { Simulator } from './server';
import { HQ, ORG, setup } from './test-support/simulator-setup';
import type { WireRequest, WireResolvedApp } from './wire-types';

/** Every place a request can wait: each workspace, and the org. */
const targetsOf = (sim: Simulator): Record<string, string>[] => [
  ...[...sim.state.teams.keys()].map((team_id) => ({ team_id })),
  { enterprise_id: ORG },
];

type Answer = { body: Record<string, unknown> };
const requestsOf = (a: Answer) => a.body.app_requests as WireRequest[];
const appIds = (a: Answer, field: string) => (a.body[field] as WireResolvedApp[]).map((x) => x.app.id);

describe('admin.apps.requests.list: workspace and org-level requests', () => {
  it('lists org-level requests (team: null) with enterprise_id and never with a team_id', async () => {
    const { call, sim } = await setup();
    const orgLevel = (
      await call('admin.apps.requests.list', { enterprise_id: ORG, certified: true, limit: 1000 })
    ).body.app_requests as WireRequest[];
    expect(orgLevel).toHaveLength(DEMO_ORG_LEVEL_REQUEST_COUNT);
    for (const r of orgLevel) {
      expect(r.team).toBeNull();
      expect(r.enterprise).toEqual(sim.state.org.enterprise);
    }
    const ids = new Set(orgLevel.map((r) => r.id));
    for (const team of sim.state.teams.keys()) {
      const items = requestsOf(
        await call('admin.apps.requests.list', { team_id: team, certified: true, limit: 1000 }),
      );
      expect(items.length).toBeGreaterThan(0);
      for (const r of items) {
        expect(r.team?.id).toBe(team);
        expect(ids.has(r.id)).toBe(false);
      }
    }
  });

  it('Undocumented: with enterprise_id, lists only org-level requests (a workspace’s need its team_id)', async () => {
    const { call } = await setup();
    const items = requestsOf(await call('admin.apps.requests.list', { enterprise_id: ORG, certified: true }));
    expect(items.every((r) => r.team === null)).toBe(true);
  });

  it('sends workspace requests with enterprise: null on most and the org object on some', async () => {
    const { call, sim } = await setup();
    const all: WireRequest[] = [];
    for (const team of sim.state.teams.keys())
      all.push(...requestsOf(await call('admin.apps.requests.list', { team_id: team, limit: 1000 })));
    expect(all.some((r) => r.enterprise === null)).toBe(true);
    expect(all.some((r) => r.enterprise?.id === ORG)).toBe(true);
  });

  it('sends null display strings as null on the wire', async () => {
    const { call } = await setup();
    const items = requestsOf(await call('admin.apps.requests.list', { enterprise_id: ORG }));
    const bare = items.find((r) => r.app.name === 'Org Directory Sync')!;
    expect(bare.app).toMatchObject({
      description: null,
      help_url: null,
      icons: null,
      app_directory_url: null,
    });
    expect(bare.scopes.every((s) => s.description === null)).toBe(true);
  });

  it('every demo request is listed once across the workspaces and the org, with certified=true', async () => {
    const { call, sim } = await setup();
    const seen: string[] = [];
    for (const target of targetsOf(sim)) {
      seen.push(
        ...requestsOf(
          await call('admin.apps.requests.list', { ...target, certified: true, limit: 1000 }),
        ).map((r) => r.id),
      );
    }
    expect(seen).toHaveLength(DEMO_REQUEST_COUNT);
    expect(new Set(seen).size).toBe(DEMO_REQUEST_COUNT);
  });
});

describe('certified apps in the lists', () => {
  it('requests.list leaves out certified apps’ requests unless certified=true', async () => {
    const { call, sim } = await setup();
    const count = async (certified?: boolean) => {
      let n = 0;
      for (const target of targetsOf(sim)) {
        const args = { ...target, limit: 1000, ...(certified === undefined ? {} : { certified }) };
        const items = requestsOf(await call('admin.apps.requests.list', args));
        if (certified !== true) expect(items.some((r) => sim.state.isCertified(r.app.id))).toBe(false);
        n += items.length;
      }
      return n;
    };
    expect(await count()).toBe(DEMO_REQUEST_COUNT - DEMO_CERTIFIED_REQUEST_COUNT);
    expect(await count(false)).toBe(DEMO_REQUEST_COUNT - DEMO_CERTIFIED_REQUEST_COUNT);
    // Undocumented: "Include requests for certified apps" read as "in addition to the others".
    expect(await count(true)).toBe(DEMO_REQUEST_COUNT);
  });

  it('Undocumented: certified=true at a workspace returns the other requests too (include = in addition)', async () => {
    const { call, sim } = await setup();
    const without = requestsOf(await call('admin.apps.requests.list', { team_id: HQ, limit: 1000 }));
    const withCertified = requestsOf(
      await call('admin.apps.requests.list', { team_id: HQ, certified: true, limit: 1000 }),
    );
    expect(withCertified.map((r) => r.id)).toEqual(expect.arrayContaining(without.map((r) => r.id)));
    expect(withCertified.filter((r) => sim.state.isCertified(r.app.id)).length).toBeGreaterThan(0);
  });

  it('approved.list and restricted.list: certified=true only certified apps, otherwise none of them', async () => {
    const { call, sim } = await setup();
    const docusign = sim.state.org.apps.find((a) => a.app.name === 'DocuSign')!.app.id;
    const plain = appIds(await call('admin.apps.approved.list', { enterprise_id: ORG }), 'approved_apps');
    const explicitFalse = appIds(
      await call('admin.apps.approved.list', { enterprise_id: ORG, certified: false }),
      'approved_apps',
    );
    const certified = appIds(
      await call('admin.apps.approved.list', { enterprise_id: ORG, certified: true }),
      'approved_apps',
    );
    expect(plain.length).toBeGreaterThan(0);
    expect(plain).not.toContain(docusign);
    expect(explicitFalse).toEqual(plain);
    expect(certified).toEqual([docusign]);

    const box = sim.state.org.apps.find((a) => a.app.name === 'Box')!.app.id;
    await call('admin.apps.restrict', { app_id: box, enterprise_id: ORG });
    expect(
      appIds(await call('admin.apps.restricted.list', { enterprise_id: ORG }), 'restricted_apps'),
    ).not.toContain(box);
    expect(
      appIds(
        await call('admin.apps.restricted.list', { enterprise_id: ORG, certified: true }),
        'restricted_apps',
      ),
    ).toEqual([box]);
  });
});
