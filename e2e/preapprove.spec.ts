import AxeBuilder from '@axe-core/playwright';
import { createDemoOrg } from '../src/simulator';
import { expect, test } from './fixtures';
import { TriagePage } from './pages/triage-page';

const appIdOf = (name: string): string => {
  const entry = createDemoOrg().apps.find((a) => a.app.name === name);
  if (!entry) throw new Error(`no demo app ${name}`);
  return entry.app.id;
};

test('approves an app by ID for two workspaces from the palette and sees both Done in the queue', async ({
  page,
  host,
}) => {
  const triage = new TriagePage(page);
  await triage.openDemo(host.url);
  // The dialog lists the workspaces the first sync read.
  await expect(triage.connection).toContainText('synced just now', { timeout: 90_000 });
  await triage.runCommand('by ID');
  const dialog = triage.preapproveDialog;
  await expect(dialog).toBeVisible();
  await expect(dialog.getByRole('textbox', { name: 'App ID' })).toBeFocused();
  await expect(dialog.getByRole('checkbox', { name: 'Acme Support' })).toBeVisible();

  // A wrong ID is refused beside the field, and the dialog stays open.
  await page.keyboard.type('zoom');
  await page.keyboard.press('Enter');
  await expect(dialog.getByRole('textbox', { name: 'App ID' })).toHaveAccessibleDescription(
    /an app ID starts with A/,
  );
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).include('[role=dialog]').analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  }

  await dialog.getByRole('textbox', { name: 'App ID' }).fill(appIdOf('Zoom'));
  await dialog.getByRole('checkbox', { name: 'Acme Engineering' }).check();
  await dialog.getByRole('checkbox', { name: 'Acme Support' }).check();
  await dialog.getByRole('button', { name: 'Queue approval' }).click();
  await expect(dialog).toBeHidden();
  await expect(triage.announcer).toContainText('Approve queued for Zoom on Acme Engineering, Acme Support');
  for (const place of ['Acme Engineering', 'Acme Support']) {
    await expect(triage.queueItem(`Approve Zoom on ${place}`)).toContainText('Done', { timeout: 30_000 });
  }
});
