/** What the layout tests look at: sideways scrolling, cut names, the queue strip and the key hint. */
import AxeBuilder from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';

/** Page object for the triage workspace's layout. */
export class LayoutPage {
  readonly queue: Locator;
  readonly keyHint: Locator;

  constructor(readonly page: Page) {
    this.queue = page.getByRole('region', { name: 'Action queue' });
    this.keyHint = page.getByRole('complementary', { name: 'Keyboard hint' });
  }

  /** Elements (by a short description) wider than their box: anything that scrolls sideways. */
  sidewaysScroll(): Promise<string[]> {
    return this.page
      .locator('html, .triage > *, .list, .top-bar, .filter-bar')
      .evaluateAll((elements) =>
        elements
          .filter(
            (el) =>
              el.scrollWidth > el.clientWidth + 1 &&
              el.ownerDocument.defaultView?.getComputedStyle(el).overflowX !== 'hidden',
          )
          .map((el) => `${el.tagName.toLowerCase()}.${el.className}`),
      );
  }

  /**
   * The visible rows whose app name, or the workspace at the start of the line under it, is cut:
   * each text must end inside its cell.
   */
  cutNames(): Promise<string[]> {
    return this.page.locator('[role=option][data-request-id]').evaluateAll((rows) => {
      const cut: string[] = [];
      for (const row of rows) {
        const name = row.querySelector('.app-name');
        const meta = row.querySelector('.cell.app .meta');
        if (!name || !meta) continue;
        if (name.scrollWidth > name.clientWidth + 1) cut.push(`name: ${name.textContent}`);
        const text = meta.firstChild;
        const workspace = (meta.textContent ?? '').split(' · ')[0] ?? '';
        if (!text || workspace === '') continue;
        const range = row.ownerDocument.createRange();
        range.setStart(text, 0);
        range.setEnd(text, Math.min(workspace.length, text.textContent?.length ?? 0));
        // Room for the ellipsis: a workspace that ends under it is cut.
        if (range.getBoundingClientRect().right > meta.getBoundingClientRect().right - 12) {
          cut.push(`workspace: ${workspace}`);
        }
      }
      return cut;
    });
  }

  /** Axe's violations, by rule and target. */
  async axe(): Promise<string[]> {
    const results = await new AxeBuilder({ page: this.page }).analyze();
    return results.violations.map((v) => `${v.id}: ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
  }
}
