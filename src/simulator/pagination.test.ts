import { describe, expect, it } from 'vitest';
import { generateOrg } from './generate-org';
import { setup, uncertifiedAt } from './test-support/simulator-setup';

type Page = { body: Record<string, unknown> };
const nextCursor = (a: Page) => (a.body.response_metadata as { next_cursor: string }).next_cursor;
const ids = (a: Page) => (a.body.app_requests as { id: string }[]).map((r) => r.id);

describe('cursor pagination', () => {
  it('pages a workspace with a small limit, newest first, ending with next_cursor ""', async () => {
    const { call, sim } = await setup();
    const team = 'T0ACMEHQ001';
    const expected = uncertifiedAt(sim, team).map((r) => r.id);
    const seen: string[] = [];
    let cursor = '';
    let pages = 0;
    do {
      const a = await call('admin.apps.requests.list', {
        team_id: team,
        limit: 4,
        ...(cursor ? { cursor } : {}),
      });
      expect(ids(a).length).toBeLessThanOrEqual(4);
      seen.push(...ids(a));
      cursor = nextCursor(a);
      pages++;
    } while (cursor);
    expect(seen).toEqual(expected);
    expect(pages).toBe(Math.ceil(expected.length / 4));
    const dates = seen.map((id) => sim.state.pending.get(id)!.date_created);
    expect([...dates].sort((a, b) => b - a)).toEqual(dates);
  });

  it('keeps its place when items are resolved between pages', async () => {
    const { call, sim } = await setup();
    const team = 'T0ACMEHQ001';
    const all = uncertifiedAt(sim, team).map((r) => r.id);
    const first = await call('admin.apps.requests.list', { team_id: team, limit: 5 });
    // Resolve one request already seen: the next page must not skip anything.
    await call('admin.apps.requests.cancel', { request_id: all[0]!, team_id: team });
    const second = await call('admin.apps.requests.list', {
      team_id: team,
      limit: 5,
      cursor: nextCursor(first),
    });
    expect(ids(second)).toEqual(all.slice(5, 10));
  });

  it('pages 10,000 generated requests (workspaces and org, certified=true) with limit 1000, no duplicates or gaps', async () => {
    const org = generateOrg({ requests: 10_000, workspaces: 20, seed: 7 });
    const { call, sim } = await setup({ org });
    const seen = new Set<string>();
    let total = 0;
    const targets = [...org.teams.map((t) => ({ team_id: t.id })), { enterprise_id: org.enterprise.id }];
    for (const target of targets) {
      let cursor = '';
      do {
        const a = await call('admin.apps.requests.list', {
          ...target,
          certified: true,
          limit: 1000,
          ...(cursor ? { cursor } : {}),
        });
        expect(a.body.ok).toBe(true);
        for (const id of ids(a)) seen.add(id);
        total += ids(a).length;
        cursor = nextCursor(a);
      } while (cursor);
    }
    expect(total).toBe(10_000);
    expect(seen.size).toBe(10_000);
    expect([...seen].every((id) => sim.state.pending.has(id))).toBe(true);
  });

  it('refuses a cursor from the list without certified for the list with it', async () => {
    const { call } = await setup();
    const first = await call('admin.apps.requests.list', { team_id: 'T0ACMEHQ001', limit: 2 });
    const a = await call('admin.apps.requests.list', {
      team_id: 'T0ACMEHQ001',
      certified: true,
      cursor: nextCursor(first),
    });
    expect(a.body.error).toBe('invalid_cursor');
  });

  it('pages admin.teams.list', async () => {
    const org = generateOrg({ requests: 10, workspaces: 25, seed: 3 });
    const { call } = await setup({ org });
    const seen: string[] = [];
    let cursor = '';
    do {
      const a = await call('admin.teams.list', { limit: 10, ...(cursor ? { cursor } : {}) });
      seen.push(...(a.body.teams as { id: string }[]).map((t) => t.id));
      cursor = nextCursor(a);
    } while (cursor);
    expect(seen.sort()).toEqual(org.teams.map((t) => t.id).sort());
  });

  it('generates 10,000 requests over 20 workspaces quickly and deterministically', () => {
    const t0 = performance.now();
    const a = generateOrg({ requests: 10_000, workspaces: 20, seed: 5 });
    expect(performance.now() - t0).toBeLessThan(500);
    const b = generateOrg({ requests: 10_000, workspaces: 20, seed: 5 });
    expect(a.requests.map((r) => r.id)).toEqual(b.requests.map((r) => r.id));
    expect(new Set(a.requests.map((r) => r.id)).size).toBe(10_000);
    expect(new Set(a.requests.flatMap((r) => (r.team ? [r.team.id] : []))).size).toBe(20);
  });
});
