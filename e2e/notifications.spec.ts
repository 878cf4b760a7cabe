/**
 * New requests and old ones in a real browser: a request added on the simulator brings one Web
 * Notification after a Refresh, and its click selects it; overdue requests are marked and filtered;
 * the connect screen offers the Slack app manifest.
 */
import AxeBuilder from '@axe-core/playwright';
import type { Page } from '@playwright/test';
import { createDemoOrg, DEMO_REQUEST_COUNT } from '../src/simulator';
import { expect, test, type SlackWorld } from './fixtures';
import { SettingsPage } from './pages/settings-page';
import { TriagePage } from './pages/triage-page';

type Recorded = { title: string; body: string };

/** Replaces the page's Notification with one that records what it was asked to show. */
const recordNotifications = async (page: Page): Promise<void> => {
  await page.addInitScript(() => {
    type Shown = { title: string; body: string; onclick: (() => void) | null };
    const shown: Shown[] = [];
    class RecordingNotification {
      static permission = 'granted';
      static requestPermission = async (): Promise<string> => 'granted';
      onclick: (() => void) | null = null;
      body: string;
      constructor(
        readonly title: string,
        options?: { body?: string },
      ) {
        this.body = options?.body ?? '';
        shown.push(this);
      }
      close(): void {}
    }
    Object.defineProperty(globalThis, 'Notification', { value: RecordingNotification, configurable: true });
    Object.defineProperty(globalThis, '__shownNotifications', { value: shown });
  });
};

const shownNotifications = (page: Page): Promise<Recorded[]> =>
  page.evaluate(() =>
    (globalThis as unknown as { __shownNotifications: Recorded[] }).__shownNotifications.map(
      ({ title, body }) => ({
        title,
        body,
      }),
    ),
  );

const addRequest = async ({ sim }: SlackWorld, appId: string, teamId: string): Promise<string> => {
  const response = await fetch(`${sim.origin}/_sim/requests`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ app_id: appId, team_id: teamId }),
  });
  expect(response.ok).toBe(true);
  return ((await response.json()) as { request: { id: string } }).request.id;
};

const signInWithToken = async (page: Page, { sim, host }: SlackWorld): Promise<TriagePage> => {
  await page.goto(host.url);
  await page.getByLabel('Token', { exact: true }).fill(sim.token);
  await page.getByRole('button', { name: 'Connect' }).click();
  const triage = new TriagePage(page);
  await expect(page.getByText(`${DEMO_REQUEST_COUNT} pending`)).toBeVisible();
  await expect(triage.connection).toContainText(/synced (just now|\d)/);
  return triage;
};

const axeViolations = async (page: Page): Promise<string[]> => {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
};

test('a request added on Slack brings one desktop notification after a refresh; its click selects it', async ({
  page,
  context,
  world,
}) => {
  await recordNotifications(page);
  await context.grantPermissions(['notifications'], { origin: new URL(world.host.url).origin });
  const triage = await signInWithToken(page, world);
  // The first sync brought the backlog: no notification for it.
  expect(await shownNotifications(page)).toEqual([]);

  const demo = createDemoOrg();
  const app = demo.apps[0]!.app;
  const id = await addRequest(world, app.id, demo.teams[0]!.id);
  await triage.runCommand('Refresh from Slack');
  await expect(page.getByText(`${DEMO_REQUEST_COUNT + 1} pending`)).toBeVisible();
  await expect.poll(() => shownNotifications(page)).toEqual([{ title: '1 new app request', body: app.name }]);

  await page.evaluate(() =>
    (
      globalThis as unknown as { __shownNotifications: { onclick: () => void }[] }
    ).__shownNotifications[0]!.onclick(),
  );
  await expect(triage.activeRow).toHaveAttribute('data-request-id', id);
});

test('overdue requests are marked in words and filtered; settings and filters pass axe', async ({
  page,
  host,
}) => {
  const triage = new TriagePage(page);
  const settings = new SettingsPage(page);
  await triage.openDemo(host.url);
  await expect(settings.overdueCount).toBeVisible();
  const overdue = Number((await settings.overdueCount.textContent())?.split(' ')[0]);
  expect(overdue).toBeGreaterThan(0);
  await settings.overdueFilter.check();
  await expect(page.getByText(new RegExp(`^${overdue} of ${DEMO_REQUEST_COUNT} match`))).toBeVisible();
  await expect(triage.activeRow).toHaveAttribute('aria-label', /Overdue/);
  await expect(triage.activeRow.getByText('Overdue', { exact: true })).toBeVisible();
  // The exact date is heard with the age, and shown on hover.
  await expect(triage.activeRow).toHaveAttribute('aria-label', /\d+ (d|wk|mo|yr), .*Requested /);
  await expect(triage.activeRow.locator('time.age')).toHaveAttribute('title', /^Requested /);

  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page)).toEqual([]);
  }
  await settings.open();
  await expect(settings.notifications).toBeChecked();
  await expect(settings.overdueDays).toHaveValue('3');
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page)).toEqual([]);
  }
  await settings.close();
});

test('the connect screen offers the Slack app manifest and passes axe with it open', async ({
  page,
  host,
}) => {
  await page.goto(host.url);
  await page.getByText('Show the manifest').click();
  await expect(page.getByLabel('Slack app manifest')).toContainText('"admin.apps:write"');
  await expect(page.getByRole('button', { name: 'Create the Slack app from this manifest' })).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    expect(await axeViolations(page)).toEqual([]);
  }
});
