import { afterEach, describe, expect, it, vi } from 'vitest';
import type { InventoryItem, InventoryPage } from '../../shared/view-types';
import { startHarness, type Harness } from './test-support/service-harness';

let h: Harness;
afterEach(() => h?.close());

const inventory = (status: 'approved' | 'restricted', extra: object = {}): Promise<InventoryPage> =>
  h.call<InventoryPage>('inventory:list', { status, offset: 0, limit: 1000, ...extra });

const targetOf = (i: InventoryItem) =>
  i.level === 'org' ? { enterpriseId: i.target } : { teamId: i.target };

describe('the Approved and Restricted inventories', () => {
  it('lists every app resolved at a workspace or the org from the cache, with search and a place filter', async () => {
    h = await startHarness();
    await h.signIn();
    await h.inventoriesRead();
    const approved = await inventory('approved');
    expect(approved.total).toBeGreaterThanOrEqual(3);
    expect(approved.items.some((i) => i.level === 'org' && i.targetName === 'Whole org')).toBe(true);
    expect(approved.items.some((i) => i.level === 'workspace')).toBe(true);
    for (const i of approved.items) expect(i.links.every((l) => l.url.startsWith('https://'))).toBe(true);
    const restricted = await inventory('restricted');
    expect(restricted.items.length).toBeGreaterThanOrEqual(1);

    const first = approved.items[0]!;
    const searched = await inventory('approved', { query: first.appName.toUpperCase() });
    expect(searched.items.map((i) => i.key)).toContain(first.key);
    expect(searched.items.every((i) => i.appName === first.appName || i.targetName === first.appName)).toBe(
      true,
    );
    const here = await inventory('approved', { target: first.target });
    expect(here.items.every((i) => i.target === first.target)).toBe(true);
    expect(approved.places.map((p) => p.id)).toContain(first.target);
  });

  it("opens a resolved app's own links (and only those) beyond Slack's hosts", async () => {
    const openUrl = vi.fn(async (_url: string, _extraHosts?: readonly string[]) => undefined);
    h = await startHarness({ openUrl });
    await h.signIn();
    await h.inventoriesRead();
    const items = [...(await inventory('approved')).items, ...(await inventory('restricted')).items];
    const withLink = items.find((i) => i.links.some((l) => !new URL(l.url).hostname.endsWith('slack.com')));
    expect(withLink).toBeDefined();
    const link = withLink!.links.find((l) => !new URL(l.url).hostname.endsWith('slack.com'))!;
    await h.call('app:openExternal', { url: link.url, appId: withLink!.appId });
    expect(openUrl).toHaveBeenLastCalledWith(link.url, [new URL(link.url).hostname]);
    await h.call('app:openExternal', { url: 'https://evil.example/phish', appId: withLink!.appId });
    expect(openUrl).toHaveBeenLastCalledWith('https://evil.example/phish', []);
  });

  it('clears, restricts and uninstalls from the inventory, each reaching Slack exactly once, and re-reads the lists', async () => {
    h = await startHarness();
    await h.signIn();
    await h.inventoriesRead();
    const workspaceApproved = (await inventory('approved')).items.filter((i) => i.level === 'workspace');
    expect(workspaceApproved.length).toBeGreaterThanOrEqual(3);
    const [toClear, toRestrict, toUninstall] = workspaceApproved as [
      InventoryItem,
      InventoryItem,
      InventoryItem,
    ];
    const before = h.sim.state.calls.length;
    const drained = h.waitFor('actions:changed', (d) => d.progress.total === 3 && d.progress.done === 3);
    const reread = h.waitFor('inventory:changed', (p) => p.targets.includes(toRestrict.target));
    await h.call('actions:enqueueMany', [
      { kind: 'clearResolution', appId: toClear.appId, target: targetOf(toClear), appName: toClear.appName },
      {
        kind: 'restrict',
        appId: toRestrict.appId,
        target: targetOf(toRestrict),
        appName: toRestrict.appName,
      },
      { kind: 'uninstall', appId: toUninstall.appId, target: { teamIds: [toUninstall.target] } },
    ]);
    await drained;
    await reread;
    const sent = h.sim.state.calls.slice(before).filter((c) => !c.method.endsWith('.list'));
    const byMethod = (m: string) => sent.filter((c) => c.method === m).map((c) => c.params);
    expect(byMethod('admin.apps.clearResolution')).toEqual([
      { app_id: toClear.appId, team_id: toClear.target },
    ]);
    expect(byMethod('admin.apps.restrict')).toEqual([
      { app_id: toRestrict.appId, team_id: toRestrict.target },
    ]);
    expect(byMethod('admin.apps.uninstall')).toEqual([
      { app_id: toUninstall.appId, team_ids: toUninstall.target },
    ]);

    await expect
      .poll(async () => (await inventory('approved')).items.map((i) => i.key))
      .not.toContain(toClear.key);
    const approvedNow = (await inventory('approved')).items.map((i) => i.key);
    expect(approvedNow).not.toContain(toRestrict.key);
    const restrictedNow = (await inventory('restricted')).items.map((i) => i.key);
    expect(restrictedNow).toContain(`restricted:${toRestrict.appId}@${toRestrict.target}`);
  });
});
