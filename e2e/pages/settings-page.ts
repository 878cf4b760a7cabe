/** The settings dialog and the inbox's overdue marks as tests see them. */
import { expect, type Locator, type Page } from '@playwright/test';

/** Page object for Settings (Ctrl+,) and the overdue filter. */
export class SettingsPage {
  readonly dialog: Locator;
  readonly notifications: Locator;
  readonly overdueDays: Locator;
  readonly overdueFilter: Locator;
  readonly overdueCount: Locator;

  constructor(readonly page: Page) {
    this.dialog = page.getByRole('dialog', { name: 'Settings' });
    this.notifications = this.dialog.getByRole('checkbox', {
      name: 'Desktop notifications for new requests',
    });
    this.overdueDays = this.dialog.getByRole('spinbutton', { name: /Overdue after/ });
    this.overdueFilter = page.getByRole('search', { name: 'Filter requests' }).getByRole('checkbox', {
      name: 'Overdue',
    });
    this.overdueCount = page.locator('.status-bar').getByText(/^\d+ overdue$/);
  }

  /** Opens Settings with its shortcut. */
  async open(): Promise<void> {
    await this.page.keyboard.press('Control+,');
    await expect(this.dialog).toBeVisible();
  }

  /** Closes Settings. */
  async close(): Promise<void> {
    await this.dialog.getByRole('button', { name: 'Done' }).click();
    await expect(this.dialog).toBeHidden();
  }
}
