import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { TriagePage } from './pages/triage-page';

test('opens Approved with g a, searches, clears a resolution and sees it Done in the queue', async ({
  page,
  host,
}) => {
  const triage = new TriagePage(page);
  await triage.openDemo(host.url);
  // The demo starts from an empty cache, at Slack's real Tier 2 pace: the approved and restricted
  // lists are read beside the first sync (four calls a place) and arrive in about half a minute.
  await expect(triage.connection).toContainText('synced just now', { timeout: 90_000 });
  await triage.press('g', 'a');
  const approved = triage.inventory('Approved');
  await expect(approved).toBeVisible();
  await expect(triage.tab('Approved')).toHaveAttribute('aria-selected', 'true');
  const first = approved.getByRole('option').first();
  await expect(first).toHaveAttribute('aria-posinset', '1', { timeout: 60_000 });
  // Every place's lists read, none still being read: the view says only how old they are.
  await expect(page.getByRole('status').filter({ hasText: /^Lists read / })).toHaveText(
    /^Lists read (just now|\d+ min ago)$/,
    { timeout: 60_000 },
  );
  await expect(first).toHaveAttribute('aria-setsize', /^\d+$/);
  // Every app resolved for the whole org is listed beside those of each workspace.
  await expect(approved.getByRole('option', { name: /Whole org/ }).first()).toBeVisible();

  await triage.searchInventory('Approved', 'Notion');
  const row = triage.inventoryActiveRow('Approved');
  await expect(row).toHaveAttribute('aria-label', /^Notion, .+, \d+ scopes, by .+, Approved /);
  await expect(triage.inventoryDetails('Approved').getByRole('heading', { name: 'Notion' })).toBeVisible();

  await triage.press('Shift+C');
  await expect(triage.announcer).toContainText('Clear resolution queued for Notion');
  const entry = triage.queueItem(/Clear resolution of Notion/);
  await expect(entry).toContainText('Done', { timeout: 30_000 });
  // Once Slack has applied it, the inventory re-reads that workspace: Notion is no longer approved there.
  await expect(approved.getByRole('option')).toHaveCount(0, { timeout: 15_000 });
  await expect(page.getByText('No app matches these filters.')).toBeVisible();

  await triage.press('g', 'r');
  await expect(triage.list).toBeVisible();
});

test('has no axe violations on the Approved and Restricted views, in light and dark', async ({
  page,
  host,
}) => {
  const triage = new TriagePage(page);
  await triage.openDemo(host.url);
  await expect(triage.connection).toContainText('synced just now', { timeout: 90_000 });
  for (const status of ['Approved', 'Restricted'] as const) {
    await triage.tab(status).click();
    // The lists arrive about half a minute after sign-in at the demo's real Tier 2 pace.
    await expect(triage.inventoryActiveRow(status)).toHaveAttribute('aria-posinset', '1', {
      timeout: 60_000,
    });
    await expect(triage.inventoryDetails(status).getByRole('heading', { level: 3 })).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      const results = await new AxeBuilder({ page }).analyze();
      expect(
        results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
      ).toEqual([]);
    }
  }
});
