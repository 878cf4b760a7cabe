/** Layouts that fit 1280 and 1024 px, the queue folded and remembered, and the first-run key hint. */
import { expect, test } from './fixtures';
import { LayoutPage } from './pages/layout-page';
import { TriagePage } from './pages/triage-page';

for (const width of [1280, 1024]) {
  test(`at ${width}×800 the three panes fit: no sideways scroll, no cut names; the folded queue is remembered`, async ({
    page,
    host,
  }) => {
    await page.setViewportSize({ width, height: 800 });
    const triage = new TriagePage(page);
    const layout = new LayoutPage(page);
    await triage.openDemo(host.url);
    await triage.press('Enter');
    await expect(triage.details).toBeVisible();
    for (const colorScheme of ['light', 'dark'] as const) {
      await page.emulateMedia({ colorScheme });
      expect(await layout.sidewaysScroll()).toEqual([]);
      expect(await layout.cutNames()).toEqual([]);
      expect(await layout.axe()).toEqual([]);
    }
    // The list keeps room beside the details and the queue.
    const listWidth = (await triage.list.boundingBox())?.width ?? 0;
    expect(listWidth).toBeGreaterThanOrEqual(width >= 1280 ? 500 : 380);

    await layout.queue.getByRole('button', { name: 'Hide' }).click();
    await expect(layout.queue.getByRole('button', { name: 'Show' })).toHaveAttribute(
      'aria-expanded',
      'false',
    );
    const folded = (await layout.queue.boundingBox())?.width ?? 0;
    expect(folded).toBeLessThan(60);
    expect((await triage.list.boundingBox())?.width ?? 0).toBeGreaterThan(listWidth);
    expect(await layout.sidewaysScroll()).toEqual([]);
    expect(await layout.axe()).toEqual([]);
    await page.reload();
    await expect(triage.activeRow).toBeVisible();
    await expect(layout.queue.getByRole('button', { name: 'Show' })).toBeVisible();
    await layout.queue.getByRole('button', { name: 'Show' }).click();
    await expect(layout.queue.getByRole('button', { name: 'Hide' })).toBeVisible();
  });
}

test('a first-run bar names the keys that matter until dismissed, and passes axe', async ({ page, host }) => {
  const triage = new TriagePage(page);
  const layout = new LayoutPage(page);
  await triage.openDemo(host.url);
  await expect(layout.keyHint).toContainText('j / k move');
  await expect(layout.keyHint).toContainText('Enter details');
  await expect(layout.keyHint).toContainText('a approve');
  await expect(layout.keyHint).toContainText('r restrict');
  await expect(layout.keyHint).toContainText('u undo');
  await expect(layout.keyHint).toContainText('? every shortcut');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await layout.axe()).toEqual([]);
  }
  // The keys it names work: j moves, ? opens every shortcut.
  await triage.press('j');
  await expect(triage.activeRow).toHaveAttribute('aria-posinset', '2');
  await triage.press('?');
  await expect(page.getByRole('dialog', { name: /shortcuts/i })).toBeVisible();
  await triage.press('Escape');
  await layout.keyHint.getByRole('button', { name: 'Got it' }).click();
  await expect(layout.keyHint).toBeHidden();
  await page.reload();
  await expect(triage.activeRow).toBeVisible();
  await expect(layout.keyHint).toBeHidden();
});
