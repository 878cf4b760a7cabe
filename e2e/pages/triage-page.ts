/** The triage screen as tests see it: every selector lives here, specs only say what they do. */
import { expect, type Download, type Locator, type Page } from '@playwright/test';
import { DEMO_REQUEST_COUNT } from '../../src/simulator';

/** Page object for the signed-in triage workspace. */
export class TriagePage {
  readonly list: Locator;
  readonly activeRow: Locator;
  readonly details: Locator;
  readonly scopeChanges: Locator;
  readonly queue: Locator;
  readonly queueItems: Locator;
  readonly connection: Locator;
  readonly announcer: Locator;
  readonly search: Locator;
  /** "Approve or restrict an app by ID" (from the palette). */
  readonly preapproveDialog: Locator;

  constructor(readonly page: Page) {
    this.list = page.getByRole('listbox', { name: 'Requests' });
    this.activeRow = this.list.locator('[role=option][aria-selected=true]');
    this.details = page.getByRole('region', { name: 'Request details' });
    this.scopeChanges = this.details.getByRole('region', { name: 'Scope changes' });
    this.queue = page.getByRole('region', { name: 'Action queue' });
    this.queueItems = this.queue.getByRole('list', { name: 'Queued actions' }).getByRole('listitem');
    this.connection = page.getByRole('status', { name: 'Connection' });
    this.announcer = page.getByTestId('announcer');
    this.search = page.getByRole('searchbox', { name: 'Search requests' });
    this.preapproveDialog = page.getByRole('dialog', { name: 'Approve or restrict an app by ID' });
  }

  /** Opens the app and signs into the demo org; resolves once every demo request is listed. */
  async openDemo(url: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByRole('button', { name: 'Try the demo org' }).click();
    await expect(this.page.getByText(`${DEMO_REQUEST_COUNT} pending`)).toBeVisible();
    await expect(this.activeRow).toHaveAttribute('aria-posinset', '1');
    await this.list.focus();
  }

  /** Opens the app and pastes an org token; resolves once the first sync has listed every request. */
  async openWithToken(url: string, token: string): Promise<void> {
    await this.page.goto(url);
    await this.page.getByLabel('Token', { exact: true }).fill(token);
    await this.page.getByRole('button', { name: 'Connect' }).click();
    await expect(this.page.getByText(`${DEMO_REQUEST_COUNT} pending`)).toBeVisible();
    await expect(this.connection).toContainText(/synced (just now|\d)/);
    await expect(this.activeRow).toHaveAttribute('aria-posinset', '1');
    await this.list.focus();
  }

  /** The app icons drawn from main's cache (data: URLs) in the visible rows. */
  cachedIcons(): Locator {
    return this.list.locator('img.app-icon[src^="data:image/"]');
  }

  /** What each rendered row's icon is, by the row's accessible name: `image` (a data: URL) or `letter`. */
  async iconsByRow(): Promise<[label: string, icon: 'image' | 'letter'][]> {
    return this.list
      .locator('[role=option]')
      .evaluateAll((rows) =>
        rows.map((row) => [
          row.getAttribute('aria-label') ?? '',
          row.querySelector('img.app-icon[src^="data:image/"]') ? 'image' : 'letter',
        ]),
      ) as Promise<[string, 'image' | 'letter'][]>;
  }

  /** Presses keys one after another on whatever has focus. */
  async press(...keys: string[]): Promise<void> {
    for (const key of keys) await this.page.keyboard.press(key);
  }

  /** Runs a command from the Ctrl+K palette by typing part of its title. */
  async runCommand(title: string): Promise<void> {
    await this.press('Control+k');
    const palette = this.page.getByRole('dialog', { name: 'Command palette' });
    await expect(palette).toBeVisible();
    await this.page.keyboard.type(title);
    await this.press('Enter');
    await expect(palette).toBeHidden();
  }

  /** Narrows the inbox by keyboard: `/`, type, Enter back to the list. */
  async searchFor(text: string): Promise<void> {
    await this.press('/');
    await expect(this.search).toBeFocused();
    await this.page.keyboard.type(text);
    await this.press('Enter');
    await expect(this.list).toBeFocused();
  }

  /** A view's tab: Requests, Approved or Restricted. */
  tab(name: 'Requests' | 'Approved' | 'Restricted'): Locator {
    return this.page.getByRole('tablist', { name: 'Views' }).getByRole('tab', { name, exact: true });
  }

  /** The listbox of the Approved or Restricted view. */
  inventory(status: 'Approved' | 'Restricted'): Locator {
    return this.page.getByRole('listbox', { name: `${status} apps` });
  }

  /** The active row of an inventory. */
  inventoryActiveRow(status: 'Approved' | 'Restricted'): Locator {
    return this.inventory(status).locator('[role=option][aria-selected=true]');
  }

  /** The details region of an inventory's active app. */
  inventoryDetails(status: 'Approved' | 'Restricted'): Locator {
    return this.page.getByRole('region', { name: `${status} app details` });
  }

  /** Narrows an inventory by keyboard: `/`, type, Enter back to its list. */
  async searchInventory(status: 'Approved' | 'Restricted', text: string): Promise<void> {
    await this.press('/');
    const search = this.page.getByRole('searchbox', { name: `Search ${status.toLowerCase()} apps` });
    await expect(search).toBeFocused();
    await this.page.keyboard.type(text);
    await this.press('Enter');
    await expect(this.inventory(status)).toBeFocused();
  }

  /** The queue entry of an action by its label ("Approve Zoom on Acme HQ"). */
  queueItem(label: string | RegExp): Locator {
    return this.queueItems.filter({ hasText: label });
  }

  /** The "include" checkbox of an optional scope in "Scope changes". */
  optionalScope(name: string): Locator {
    return this.scopeChanges.getByRole('checkbox', { name: `Include optional scope ${name}` });
  }

  /** Exports the audit log and returns its text. */
  async exportAudit(format: 'CSV' | 'JSON'): Promise<string> {
    const [download] = await Promise.all([
      this.page.waitForEvent('download'),
      this.queue.getByRole('button', { name: format, exact: true }).click(),
    ]);
    return readDownload(download);
  }
}

const readDownload = async (download: Download): Promise<string> => {
  const stream = await download.createReadStream();
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};
