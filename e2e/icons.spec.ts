/** App icons come from main's cache: they load with Slack reachable and still show with it unplugged. */
import { createDemoOrg } from '../src/simulator';
import { expect, test } from './fixtures';
import { TriagePage } from './pages/triage-page';

test('icons are cached by main and still show, with zero console errors, once the simulator is unplugged', async ({
  page,
  world,
}) => {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  // The page itself never loads an image from anywhere but its own origin and data: URLs.
  const remote: string[] = [];
  page.on('request', (request) => {
    if (request.resourceType() === 'image' && !request.url().startsWith('data:')) remote.push(request.url());
  });

  // What each row should show: the app's icon, or its letter where Slack sends no icons.
  const noIcons = new Set(
    createDemoOrg()
      .requests.filter((r) => !r.app.icons)
      .map((r) => r.app.name),
  );
  const expected = (rows: [string, string][]) =>
    rows.map(([label]) => [label, noIcons.has(label.split(', ')[0] ?? '') ? 'letter' : 'image']);

  const triage = new TriagePage(page);
  await triage.openWithToken(world.host.url, world.sim.token);
  await expect.poll(async () => triage.iconsByRow().then((rows) => rows.length)).toBeGreaterThan(3);
  await expect.poll(async () => triage.iconsByRow()).toEqual(expected(await triage.iconsByRow()));

  await world.sim.stop(); // Slack (and its image CDN) is gone: not even a refused connection from a fault
  await page.reload();
  await expect(triage.cachedIcons().first()).toBeVisible();
  await triage.runCommand('Refresh from Slack');
  await expect(triage.connection).toContainText('Offline', { timeout: 30_000 });
  const after = await triage.iconsByRow();
  expect(after.filter(([, icon]) => icon === 'image').length).toBeGreaterThan(3);
  expect(after).toEqual(expected(after));

  expect(remote).toEqual([]);
  expect(errors).toEqual([]);
});
