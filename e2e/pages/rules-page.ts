import type { Locator, Page } from '@playwright/test';

/** The Rules tab: the rules in force with their dry-run counts, and the editor of personal rules. */
export class RulesPage {
  readonly tab: Locator;
  readonly panel: Locator;
  readonly list: Locator;
  readonly editor: Locator;
  readonly save: Locator;

  constructor(readonly page: Page) {
    this.tab = page.getByRole('tab', { name: 'Rules' });
    this.panel = page.getByRole('tabpanel', { name: 'Rules' });
    this.list = page.getByRole('list', { name: 'Approval rules' });
    this.editor = page.getByRole('textbox', { name: /Your rules \(JSON\)/ });
    this.save = page.getByRole('button', { name: 'Save my rules' });
  }

  /** One rule of the list, by its name. */
  rule(name: string): Locator {
    return this.list.getByRole('listitem', { name: new RegExp(`^${name}:`) });
  }
}
