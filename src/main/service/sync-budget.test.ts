/**
 * Slack's budget goes to what the admin is looking at: an inbox refresh reads requests.list only,
 * and the approved and restricted lists are read after the first sync and then on their own cadence.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { InventoryPage } from '../../shared/view-types';
import { startHarness, type Harness } from './test-support/service-harness';

let h: Harness;
afterEach(() => h?.close());

const methodsSince = (from: number): Record<string, number> => {
  const out: Record<string, number> = {};
  for (const c of h.sim.state.calls.slice(from)) out[c.method] = (out[c.method] ?? 0) + 1;
  return out;
};

describe('the sync spends Slack’s budget on the inbox', () => {
  it('an inbox refresh reads requests.list once per workspace and the org, and no inventory list', async () => {
    h = await startHarness();
    await h.signIn();
    await h.inventoriesRead();
    const before = h.sim.state.calls.length;
    await h.call('inbox:refresh');
    const targets = h.sim.state.teams.size + 1;
    expect(methodsSince(before)).toEqual({
      'admin.teams.list': 1,
      'admin.apps.requests.list': targets,
    });
  });

  it('reads every place’s approved and restricted lists once after the first sync, and says how old they are', async () => {
    h = await startHarness();
    const before = h.sim.state.calls.length;
    await h.signIn();
    await h.inventoriesRead();
    const calls = methodsSince(before);
    const places = h.sim.state.teams.size + 1;
    // Both certified variants of each list at each place (one page each in the demo org).
    expect(calls['admin.apps.approved.list']).toBe(2 * places);
    expect(calls['admin.apps.restricted.list']).toBe(2 * places);
    const page = await h.call<InventoryPage>('inventory:list', { status: 'approved', offset: 0, limit: 1 });
    expect(page.freshness).toMatchObject({ unread: 0, incomplete: 0, places, reading: false });
    expect(page.freshness.oldestReadAt).toBeGreaterThan(Date.now() - 60_000);

    // Opening the view again while the lists are fresh reads nothing more.
    const again = h.sim.state.calls.length;
    await h.call('inventory:list', { status: 'restricted', offset: 0, limit: 100, opened: true });
    await h.call('inbox:refresh');
    expect(methodsSince(again)['admin.apps.approved.list']).toBeUndefined();
    expect(methodsSince(again)['admin.apps.restricted.list']).toBeUndefined();
  });
});
