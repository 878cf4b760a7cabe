import { afterEach, describe, expect, it } from 'vitest';
import type { ActionView, AuditExport, InventoryPage } from '../../shared/view-types';
import { startHarness, type Harness } from './test-support/service-harness';

let h: Harness;
const byJson = (a: unknown, b: unknown): number => JSON.stringify(a).localeCompare(JSON.stringify(b));
afterEach(() => h?.close());

/** The simulator's ID of a demo app, by name (Slack would show it on the app's page). */
const appIdOf = (name: string): string => {
  const entry = [...h.sim.state.apps.values()].find((a) => a.app.name === name);
  if (!entry) throw new Error(`no demo app ${name}`);
  return entry.app.id;
};

describe('approving or restricting an app by ID, before anyone requests it', () => {
  it('sends each decision to Slack exactly once with app_id and its target, verifies it and audits it', async () => {
    h = await startHarness();
    await h.signIn();
    const [hq, eng] = [...h.sim.state.teams.keys()] as [string, string];
    const zoom = appIdOf('Zoom');
    const lunch = appIdOf('Lunch Roulette');
    const org = h.sim.state.org.enterprise.id;

    const before = h.sim.state.calls.length;
    const drained = h.waitFor('actions:changed', (d) => d.progress.total === 3 && d.progress.done === 3);
    const queued = await h.call<ActionView[]>('actions:enqueueMany', [
      { kind: 'approve', appId: zoom, target: { teamId: hq }, targetName: 'Acme HQ' },
      { kind: 'approve', appId: zoom, target: { teamId: eng }, targetName: 'Acme Engineering' },
      { kind: 'restrict', appId: lunch, target: { enterpriseId: org }, note: 'not for us' },
    ]);
    expect(queued.map((a) => a.label)).toEqual([
      `Approve ${zoom} on Acme HQ`,
      `Approve ${zoom} on Acme Engineering`,
      `Restrict ${lunch} on ${org}`,
    ]);
    await drained;

    const sent = h.sim.state.calls
      .slice(before)
      .filter((c) => c.method === 'admin.apps.approve' || c.method === 'admin.apps.restrict')
      .map((c) => [c.method, c.params])
      .sort(byJson);
    // Once each, in any order (keys progress in parallel); no request_id, and no scope list: Slack
    // approves what the app requests.
    expect(sent).toHaveLength(3);
    expect(sent).toEqual(
      [
        ['admin.apps.approve', { app_id: zoom, team_id: hq }],
        ['admin.apps.approve', { app_id: zoom, team_id: eng }],
        ['admin.apps.restrict', { app_id: lunch, enterprise_id: org }],
      ].sort(byJson),
    );
    const view = await h.call<{ actions: ActionView[] }>('actions:list');
    expect(view.actions.filter((a) => queued.some((q) => q.id === a.id)).map((a) => a.state)).toEqual([
      'done',
      'done',
      'done',
    ]);

    // The inventories show them once the places are re-read.
    await expect
      .poll(async () =>
        (
          await h.call<InventoryPage>('inventory:list', { status: 'approved', offset: 0, limit: 1000 })
        ).items.map((i) => i.key),
      )
      .toEqual(expect.arrayContaining([`approved:${zoom}@${hq}`, `approved:${zoom}@${eng}`]));

    const audit = JSON.parse((await h.call<AuditExport>('audit:export', { format: 'json' })).content) as {
      actionId: string;
    }[];
    for (const q of queued) expect(audit.some((e) => JSON.stringify(e).includes(q.id))).toBe(true);
  });

  it('refuses an empty scope list and an ID that is not an app ID, before anything is queued', async () => {
    h = await startHarness();
    await h.signIn();
    const [hq] = [...h.sim.state.teams.keys()] as [string];
    await expect(
      h.call('actions:enqueueMany', [{ kind: 'approve', appId: 'zoom', target: { teamId: hq } }]),
    ).rejects.toThrow(/an app ID starts with A/);
    await expect(
      h.call('actions:enqueue', {
        kind: 'approve',
        appId: appIdOf('Zoom'),
        target: { teamId: hq },
        botScopes: ['no way'],
      }),
    ).rejects.toThrow(/scope name/);
    await expect(
      h.call('actions:enqueueMany', [
        {
          kind: 'approve',
          appId: appIdOf('Zoom'),
          target: { teamId: hq },
          botScopes: ['chat:write'],
          userScopes: [],
        },
      ]),
    ).rejects.toThrow(/empty user_scopes list/);
    expect((await h.call<{ actions: ActionView[] }>('actions:list')).actions).toEqual([]);
  });
});
