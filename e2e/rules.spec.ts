import AxeBuilder from '@axe-core/playwright';
import { expect, test } from './fixtures';
import { RulesPage } from './pages/rules-page';
import { TriagePage } from './pages/triage-page';

test('a personal rule is dry-run as it is typed, saved, suggested on rows and accepted with s', async ({
  page,
  host,
}) => {
  const triage = new TriagePage(page);
  const rules = new RulesPage(page);
  await triage.openDemo(host.url);
  await expect(triage.connection).toContainText('synced just now', { timeout: 90_000 });
  await triage.press('g', 'u');
  await expect(rules.panel).toBeVisible();
  await expect(rules.tab).toHaveAttribute('aria-selected', 'true');

  await rules.editor.fill('[{"name": "Everything", "then": "restrict"}]');
  await expect(rules.rule('Everything')).toContainText(/Matches \d+ pending requests now: /);
  await rules.save.click();
  await expect(page.getByText('Your rules are saved.')).toBeVisible();
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const results = await new AxeBuilder({ page }).analyze();
    expect(
      results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`),
    ).toEqual([]);
  }

  await triage.tab('Requests').click();
  await triage.list.focus();
  await expect(triage.activeRow).toHaveAttribute('aria-label', /Suggested: Restrict \(rule "Everything"\)/);
  await triage.press('s');
  await expect(triage.announcer).toContainText('Restrict (rule "Everything") queued for');
  await expect(triage.queueItem(/^Restrict /).first()).toBeVisible();
});
