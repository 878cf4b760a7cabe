/** Triage end to end in Chromium against the browser host and the demo org's simulator. */
import AxeBuilder from '@axe-core/playwright';
import { createDemoOrg } from '../src/simulator';
import { expect, test } from './fixtures';
import { TriagePage } from './pages/triage-page';

test('triages 20 requests by keyboard alone and the queue starts draining', async ({ page, host }) => {
  const triage = new TriagePage(page);
  await triage.openDemo(host.url);

  // Hide queued requests (from the palette): each decision then takes its row out of view and the
  // next undecided request becomes active, however fast Slack confirms and removes rows.
  await triage.runCommand('not queued');
  const keys = ['a', 'r', 'c'];
  const decided = new Set<string>();
  for (let i = 0; i < 20; i++) {
    const id = await triage.activeRow.getAttribute('data-request-id');
    expect(id && !decided.has(id)).toBeTruthy();
    decided.add(id!);
    await triage.press(keys[i % 3]!);
    await expect(triage.queueItems).toHaveCount(i + 1);
    await expect(triage.activeRow).not.toHaveAttribute('data-request-id', id!);
  }
  await expect(triage.announcer).toContainText('queued for');

  // Slack's Tier 2 paces the queue 3 s apart: check the first decisions land, not all 20.
  await expect(triage.queueItems.filter({ hasText: 'Done' }).first()).toBeVisible({ timeout: 30_000 });
  await expect(triage.queue.getByRole('progressbar', { name: 'Sending queued actions' })).toBeVisible();
});

test('undo takes back the last pending decision', async ({ page, host }) => {
  const triage = new TriagePage(page);
  await triage.openDemo(host.url);
  // Three approvals: Slack's rate tier keeps the last one pending long enough to take it back.
  await triage.press('a', 'a', 'a');
  await expect(triage.queueItems).toHaveCount(3);
  await triage.press('u');
  await expect(triage.announcer).toContainText('Undid Approve');
  await expect(triage.queueItems).toHaveCount(2);
});

test('a deselected optional scope is left out of the approval', async ({ page, host }) => {
  const request = createDemoOrg().requests.find(
    (r) => r.scopes.filter((s) => s.is_optional).length > 0 && r.scopes.length > 2,
  );
  if (!request) throw new Error('the demo org has a request with an optional scope');
  const optional = request.scopes.find((s) => s.is_optional)!;

  const triage = new TriagePage(page);
  await triage.openDemo(host.url);
  await triage.searchFor(`${request.app.name} ${request.user.name}`);
  await triage.press('Enter');
  await expect(triage.details.getByRole('heading', { name: request.app.name })).toBeVisible();
  await triage.optionalScope(optional.name).uncheck();
  await triage.press('a');
  await expect(triage.announcer).toContainText(`Approve queued for ${request.app.name}`);

  const item = triage.queueItem(request.app.name);
  await expect(item).toContainText('Done', { timeout: 30_000 });
  const audit = await triage.exportAudit('JSON');
  const entry = (JSON.parse(audit) as unknown[])
    .map((e) => JSON.stringify(e))
    .find((e) => e.includes(request.app.id) && e.includes('approve'));
  expect(entry).toBeDefined();
  for (const s of request.scopes.filter((x) => x.name !== optional.name)) expect(entry).toContain(s.name);
  expect(entry).not.toContain(`"${optional.name}"`);
});

test('the command palette and the shortcut overlay list the same commands', async ({ page, host }) => {
  const triage = new TriagePage(page);
  await triage.openDemo(host.url);
  await triage.press('?');
  const help = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(help.getByText('Undo the last pending action')).toBeVisible();
  await triage.press('Escape');
  await triage.press('Control+k');
  await page.keyboard.type('restrict for');
  await triage.press('Enter');
  await expect(triage.announcer).toContainText('Restrict queued for');
  await expect(triage.queueItems).toHaveCount(1);
});

test('has no axe violations with the details open, in light and dark', async ({ page, host }) => {
  const triage = new TriagePage(page);
  await triage.openDemo(host.url);
  await triage.press('Enter');
  await expect(triage.scopeChanges).toBeVisible();
  await triage.press('a');
  await expect(triage.queueItems).toHaveCount(1);
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  }
});
