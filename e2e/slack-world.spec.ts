/**
 * Triage against a Slack simulator the test controls: sign in with Slack from the UI, lose the
 * connection and get it back, and another admin deciding first.
 */
import type { Page } from '@playwright/test';
import { DEMO_REQUEST_COUNT } from '../src/simulator';
import { expect, test, type SlackWorld } from './fixtures';
import { TriagePage } from './pages/triage-page';

const simPost = async ({ sim }: SlackWorld, path: string, body: unknown): Promise<void> => {
  const response = await fetch(`${sim.origin}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  expect(response.ok).toBe(true);
};

/** Pastes the simulator's org token on the connect screen and waits for the inbox. */
const signInWithToken = async (page: Page, { sim, host }: SlackWorld): Promise<TriagePage> => {
  await page.goto(host.url);
  await page.getByLabel('Token', { exact: true }).fill(sim.token);
  await page.getByRole('button', { name: 'Connect' }).click();
  const triage = new TriagePage(page);
  await expect(page.getByText(`${DEMO_REQUEST_COUNT} pending`)).toBeVisible();
  // The first sync is over (no more rows arriving to reorder the list under the test's feet).
  await expect(triage.connection).toContainText(/synced (just now|\d)/);
  await expect(triage.activeRow).toHaveAttribute('aria-posinset', '1');
  await triage.list.focus();
  return triage;
};

test('sign in with Slack from the connect screen: the browser tab completes it and the inbox opens', async ({
  page,
  world: { host },
}) => {
  await page.goto(host.url);
  await expect(page.getByText(/Slack turns off its own app approval screens/)).toBeVisible();
  const [popup] = await Promise.all([
    page.waitForEvent('popup'),
    page.getByRole('button', { name: 'Sign in with Slack' }).click(),
  ]);
  await expect(popup.getByRole('heading', { name: 'Signed in to Admit' })).toBeVisible();
  await expect(page.getByText(`${DEMO_REQUEST_COUNT} pending`)).toBeVisible();
});

test('offline: decisions keep queueing, and drain once Slack is back', async ({ page, world }) => {
  const triage = await signInWithToken(page, world);
  await simPost(world, '/_sim/faults', { offline: true });
  await triage.press('a', 'r', 'c');
  await expect(triage.queueItems).toHaveCount(3);
  await expect(triage.connection).toContainText('Offline', { timeout: 15_000 });
  await expect(triage.queueItems.filter({ hasText: 'Done' })).toHaveCount(0);

  await simPost(world, '/_sim/faults', { reset: true });
  await expect(triage.connection).toContainText('Online', { timeout: 30_000 });
  await expect(triage.queueItems.filter({ hasText: 'Done' })).toHaveCount(3, { timeout: 30_000 });
});

test('a request another admin resolved differently is shown as a conflict', async ({ page, world }) => {
  const triage = await signInWithToken(page, world);
  const id = await triage.activeRow.getAttribute('data-request-id');
  await simPost(world, '/_sim/resolve', { request_id: id, status: 'restricted' });
  await expect(triage.activeRow).toHaveAttribute('data-request-id', id!);
  await triage.press('a');
  const item = triage.queueItems.first();
  await expect(item).toContainText('Conflict', { timeout: 15_000 });
  await expect(item).toContainText(/restricted/i);
});

test('a sync that cannot read a workspace or one request says so in the status bar and keeps the rest', async ({
  page,
  world,
}) => {
  const triage = await signInWithToken(page, world);
  await simPost(world, '/_sim/faults', {
    errorFor: { 'admin.apps.requests.list@T0ACMESLS03': 'not_allowed' },
    malformedItemAt: ['T0ACMEHQ001'],
  });
  await triage.runCommand('Refresh from Slack');
  const footer = page.locator('footer.status-bar');
  await expect(footer.getByText('Synced 4 of 5 workspaces · 1 failed · 1 incomplete')).toBeVisible({
    timeout: 30_000,
  });
  await expect(triage.connection).toContainText('last complete sync');
  await expect(triage.connection).not.toContainText(/\bsynced just now/);
  await footer.getByText(/Synced 4 of 5/).click();
  const problems = footer.getByRole('list', { name: 'Sync problems' });
  await expect(problems).toContainText('Acme HQ: 1 request could not be read (date_created');
  await expect(problems).toContainText('Acme Sales: requests could not be read');
  // Nothing was dropped: every request is still listed.
  await expect(page.getByText(`${DEMO_REQUEST_COUNT} pending`)).toBeVisible();

  await simPost(world, '/_sim/faults', { reset: true });
  await triage.runCommand('Refresh from Slack');
  await expect(footer.getByText(/Synced \d+ of 5/)).toBeHidden({ timeout: 30_000 });
  await expect(triage.connection).toContainText(/synced (just now|\d)/);
});
