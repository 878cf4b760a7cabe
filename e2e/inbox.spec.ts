/** The first vertical slice, end to end in Chromium: connect to the demo org and see every pending request. */
import { createDemoOrg, DEMO_ORG_LEVEL_REQUEST_COUNT, DEMO_REQUEST_COUNT } from '../src/simulator';
import { expect, test } from './fixtures';

test('the demo inbox lists every pending request: each workspace, the whole org, certified apps', async ({
  page,
  host,
}) => {
  // Nothing may trip the CSP or fail to load: app icons come from main's cache as data: URLs.
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  await page.goto(host.url);
  await expect(page).not.toHaveURL(/key=/); // the launch key is taken out of the address bar
  await page.getByRole('button', { name: 'Try the demo org' }).click();

  const list = page.getByRole('listbox', { name: 'Requests' });
  await expect(page.getByText(`${DEMO_REQUEST_COUNT} pending`)).toBeVisible();
  await expect(list.getByRole('option').first()).toHaveAttribute('aria-setsize', String(DEMO_REQUEST_COUNT));

  // Walk the whole (virtualized) list by keyboard, collecting each row's accessible name.
  await list.focus();
  const seen = new Set<string>();
  for (let i = 0; i < DEMO_REQUEST_COUNT; i++) {
    const active = list.locator('[role=option][aria-selected=true]');
    await expect(active).toHaveAttribute('aria-posinset', String(i + 1));
    // The list keeps the active row where the admin can see it, scrolling as the walk goes down.
    await expect(active).toBeInViewport();
    seen.add((await active.getAttribute('aria-label')) ?? '');
    await page.keyboard.press('j');
  }

  // Slack sends whole-org requests with `team: null`: they read "Whole org" where a workspace would be.
  const expected = createDemoOrg().requests.map(
    (r) => `${r.app.name}, ${r.team ? r.team.name : 'Whole org'}`,
  );
  expect(seen.size).toBe(DEMO_REQUEST_COUNT);
  for (const name of expected) {
    expect([...seen].some((label) => label.startsWith(name))).toBe(true);
  }
  expect([...seen].filter((label) => label.includes(', Whole org, '))).toHaveLength(
    DEMO_ORG_LEVEL_REQUEST_COUNT,
  );

  // The workspace filter offers the whole org, and shows exactly those rows.
  await page.getByRole('combobox', { name: 'Workspace' }).selectOption({ label: 'Whole org' });
  await expect(
    page.getByText(`${DEMO_ORG_LEVEL_REQUEST_COUNT} of ${DEMO_REQUEST_COUNT} match`),
  ).toBeVisible();
  expect(errors).toEqual([]);
});

test('the browser host refuses calls without the launch key', async ({ request, host }) => {
  const origin = new URL(host.url).origin;
  const response = await request.post(`${origin}/api/invoke/session:get`, { data: {} });
  expect(response.status()).toBe(401);
  const body = (await response.json()) as { ok: boolean; error: { code: string } };
  expect(body).toEqual({ ok: false, error: expect.objectContaining({ code: 'untrusted_sender' }) });
});
