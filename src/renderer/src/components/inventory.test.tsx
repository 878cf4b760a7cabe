// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test-support/fake-api';
import { detailOf, summary } from '../test-support/fixtures';
import { mountApp, press } from '../test-support/mount-app';

afterEach(cleanup);

const mount = async () => {
  const fake = fakeApi([summary(0, { appName: 'Zoom' }), summary(1)]);
  const { store } = await mountApp(fake);
  await screen.findByRole('region', { name: 'Action queue' });
  await vi.waitFor(() => expect(store.getState().loaded).toBe(true));
  return { ...fake, store };
};

/** The details of the active inventory row (jsdom lays out no rows of the virtualized list). */
const details = (status: 'Approved' | 'Restricted') =>
  screen.findByRole('region', { name: `${status} app details` });

describe('the Approved and Restricted views', () => {
  it('are tabs beside Requests, each a listbox of apps with the active one in details', async () => {
    const { store } = await mount();
    const tabs = within(screen.getByRole('tablist', { name: 'Views' })).getAllByRole('tab');
    expect(tabs.map((t) => t.textContent)).toEqual(['Requests', 'Approved', 'Restricted', 'Rules']);
    expect(tabs[0]!.getAttribute('aria-selected')).toBe('true');
    expect(screen.getByRole('tabpanel', { name: 'Requests' })).toBeTruthy();

    fireEvent.click(tabs[1]!);
    expect(await screen.findByRole('listbox', { name: 'Approved apps' })).toBeTruthy();
    expect(screen.getByRole('tabpanel', { name: 'Approved' })).toBeTruthy();
    expect(await screen.findByText('4 approved')).toBeTruthy();
    // The lists are a cache read on their own cadence: the view says how old they are.
    expect(screen.getByText('Lists read 12 min ago')).toBeTruthy();
    const approved = await details('Approved');
    expect(within(approved).getByRole('heading', { name: 'Jira Cloud' })).toBeTruthy();
    expect(within(approved).getByRole('table', { name: 'Bot token scopes' })).toBeTruthy();
    expect(within(approved).getByRole('table', { name: 'User token scopes' })).toBeTruthy();
    expect(within(approved).getByRole('button', { name: 'Homepage ↗' })).toBeTruthy();
    expect(screen.queryByRole('listbox', { name: 'Requests' })).toBeNull();

    await press('j');
    expect(within(approved).getByRole('heading', { name: 'Notion' })).toBeTruthy();
    expect(store.getState().activeId).toBe(summaryId(0)); // the inbox's own selection is left alone

    fireEvent.click(screen.getByRole('tab', { name: 'Restricted' }));
    expect(await screen.findByRole('listbox', { name: 'Restricted apps' })).toBeTruthy();
    expect(await screen.findByText('2 restricted')).toBeTruthy();
    fireEvent.click(screen.getByRole('tab', { name: 'Requests' }));
    expect(screen.getByRole('listbox', { name: 'Requests' })).toBeTruthy();
  });

  it('switches views with g a, g x and g r, listed in ? and the palette', async () => {
    await mount();
    await press('g');
    await press('a');
    expect(await screen.findByRole('listbox', { name: 'Approved apps' })).toBeTruthy();
    await press('g');
    await press('x');
    expect(await screen.findByRole('listbox', { name: 'Restricted apps' })).toBeTruthy();
    await press('g');
    await press('r');
    expect(await screen.findByRole('listbox', { name: 'Requests' })).toBeTruthy();
    // "a" alone still approves; only after "g" does it switch views.
    expect(screen.getByRole('tab', { name: 'Requests' }).getAttribute('aria-selected')).toBe('true');

    await press('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    for (const [title, keys] of [
      ['Go to Requests', 'g then r'],
      ['Go to Approved apps', 'g then a'],
      ['Go to Restricted apps', 'g then x'],
    ]) {
      const row = within(help).getByText(title!).closest('.help-row') as HTMLElement;
      expect(within(row).getByText(keys!)).toBeTruthy();
    }
    fireEvent.click(within(help).getByRole('button', { name: 'Close' }));
    await press('k', { ctrlKey: true });
    const palette = screen.getByRole('dialog', { name: 'Command palette' });
    fireEvent.change(within(palette).getByRole('combobox'), { target: { value: 'approved apps' } });
    fireEvent.keyDown(within(palette).getByRole('combobox'), { key: 'Enter' });
    expect(await screen.findByRole('listbox', { name: 'Approved apps' })).toBeTruthy();
  });

  it('searches and filters an inventory by workspace through main', async () => {
    const { calls } = await mount();
    fireEvent.click(screen.getByRole('tab', { name: 'Approved' }));
    await screen.findByText('4 approved');
    // Opening the view lets main re-read old lists; a search does not.
    expect(calls.inventoryList).toHaveBeenLastCalledWith(expect.objectContaining({ opened: true }));
    const search = screen.getByRole('searchbox', { name: 'Search approved apps' });
    fireEvent.change(search, { target: { value: 'notion' } });
    expect(await screen.findByText('1 app matches')).toBeTruthy();
    expect(calls.inventoryList.mock.lastCall?.[0]).not.toHaveProperty('opened');
    expect(within(await details('Approved')).getByRole('heading', { name: 'Notion' })).toBeTruthy();
    expect(calls.inventoryList).toHaveBeenLastCalledWith(
      expect.objectContaining({ status: 'approved', query: 'notion' }),
    );
    fireEvent.change(search, { target: { value: '' } });
    await screen.findByText('4 approved');
    const place = screen.getByRole('combobox', { name: 'Workspace' });
    expect(within(place).getByRole('option', { name: 'Whole org' })).toBeTruthy();
    fireEvent.change(place, { target: { value: 'E1' } });
    expect(await screen.findByText('1 app matches')).toBeTruthy();
    expect(within(await details('Approved')).getByRole('heading', { name: 'DocuSign' })).toBeTruthy();
    expect(calls.inventoryList).toHaveBeenLastCalledWith(
      expect.objectContaining({ status: 'approved', target: 'E1' }),
    );
  });

  it('queues clear resolution, restrict and uninstall on the active app, with no request', async () => {
    const { calls } = await mount();
    await press('g');
    await press('a');
    await details('Approved');
    await press('C', { shiftKey: true });
    await vi.waitFor(() => expect(calls.enqueue).toHaveBeenCalledTimes(1));
    expect(calls.enqueue.mock.calls[0]![0]).toEqual({
      kind: 'clearResolution',
      appId: 'AI0',
      target: { teamId: 'T1' },
      appName: 'Jira Cloud',
      targetName: 'Acme HQ',
    });
    await press('r');
    await vi.waitFor(() => expect(calls.enqueue).toHaveBeenCalledTimes(2));
    expect(calls.enqueue.mock.calls[1]![0]).toMatchObject({ kind: 'restrict', appId: 'AI0' });
    expect(calls.enqueue.mock.calls[1]![0]).not.toHaveProperty('requestId');

    await press('End');
    await press('U', { shiftKey: true });
    const dialog = screen.getByRole('alertdialog', { name: 'Uninstall DocuSign?' });
    expect(dialog.textContent).toMatch(/every workspace of Acme Corp/);
    const button = within(dialog).getByRole('button', { name: 'Uninstall' }) as HTMLButtonElement;
    expect(button.disabled).toBe(true);
    fireEvent.change(within(dialog).getByLabelText('Type DocuSign to confirm'), {
      target: { value: 'DocuSign' },
    });
    fireEvent.click(button);
    await vi.waitFor(() => expect(calls.enqueue).toHaveBeenCalledTimes(3));
    expect(calls.enqueue.mock.calls[2]![0]).toMatchObject({
      kind: 'uninstall',
      appId: 'AI3',
      target: { enterpriseId: 'E1' },
    });

    // A restricted app cannot be restricted again: nothing is queued.
    await press('g');
    await press('x');
    await details('Restricted');
    await press('r');
    expect(screen.getByTestId('announcer').textContent).toMatch(/already restricted/);
    expect(calls.enqueue).toHaveBeenCalledTimes(3);
  });

  it('reloads an opened inventory when main says the cached lists changed', async () => {
    const { calls, emit } = await mount();
    fireEvent.click(screen.getByRole('tab', { name: 'Approved' }));
    await screen.findByText('4 approved');
    const before = calls.inventoryList.mock.calls.length;
    act(() => emit('inventory:changed', { targets: ['T1'] }));
    await vi.waitFor(() => expect(calls.inventoryList.mock.calls.length).toBeGreaterThan(before));
  });

  it('reload when main re-read the lists while the view’s first load was still under way', async () => {
    const { calls, emit } = await mount();
    let answer: (page: unknown) => void = () => undefined;
    const stale = new Promise((resolve) => (answer = resolve));
    calls.inventoryList.mockImplementationOnce(() => stale as never);
    fireEvent.click(screen.getByRole('tab', { name: 'Approved' }));
    await vi.waitFor(() => expect(calls.inventoryList).toHaveBeenCalledTimes(1));
    // Main finishes reading the lists while that first answer (from before the read) is on its way.
    act(() => emit('inventory:changed', { targets: ['E1'] }));
    await act(async () =>
      answer({
        ok: true,
        value: {
          total: 0,
          offset: 0,
          items: [],
          places: [],
          freshness: { oldestReadAt: null, unread: 3, incomplete: 0, places: 3, reading: true },
        },
      }),
    );
    expect(await screen.findByText('4 approved')).toBeTruthy();
    expect(screen.getByText('Lists read 12 min ago')).toBeTruthy();
  });

  it('say when the lists are still being read, or could not be read everywhere', async () => {
    const { freshnessText } = await import('./InventoryView');
    const now = Date.UTC(2026, 0, 1, 12);
    const base = { oldestReadAt: now - 3 * 60 * 60_000, unread: 0, incomplete: 0, places: 5, reading: false };
    expect(freshnessText({ ...base, oldestReadAt: null, unread: 5, reading: true }, now)).toBe(
      'Reading the lists from Slack…',
    );
    expect(freshnessText({ ...base, oldestReadAt: null, unread: 5 }, now)).toBe('Not read from Slack yet');
    expect(freshnessText(base, now)).toBe('Lists read 3 h ago');
    expect(freshnessText({ ...base, unread: 2, reading: true }, now)).toBe(
      'Lists read 3 h ago · 2 of 5 places not read yet · reading again…',
    );
    expect(freshnessText({ ...base, incomplete: 1 }, now)).toBe(
      'Lists read 3 h ago · 1 of 5 places could not be read in full',
    );
  });
});

describe('a request’s open details', () => {
  it('are read again when main re-read the lists of their workspace or the org, not of another place', async () => {
    // jsdom has no layout: give the virtualized list a viewport so it renders its rows.
    vi.spyOn(HTMLElement.prototype, 'clientHeight', 'get').mockReturnValue(800);
    vi.spyOn(HTMLElement.prototype, 'clientWidth', 'get').mockReturnValue(1200);
    const row = summary(0, { appName: 'Zoom' });
    const detail = vi.fn(detailOf);
    const fake = fakeApi([row, summary(1)], { detail });
    const { store } = await mountApp(fake);
    await screen.findByRole('option', { name: /^Zoom,/ });
    await press('Enter');
    await screen.findByRole('region', { name: 'Request details' });
    await vi.waitFor(() => expect(detail).toHaveBeenCalledTimes(1));
    act(() => fake.emit('inventory:changed', { targets: ['T999'] }));
    await new Promise((r) => setTimeout(r, 20));
    expect(detail).toHaveBeenCalledTimes(1);
    act(() => fake.emit('inventory:changed', { targets: [row.teamId] }));
    await vi.waitFor(() => expect(detail).toHaveBeenCalledTimes(2));
    act(() => fake.emit('inventory:changed', { targets: ['E1'] })); // the org's lists
    await vi.waitFor(() => expect(detail).toHaveBeenCalledTimes(3));
    expect(store.getState().detail?.id).toBe(row.id);
    vi.restoreAllMocks();
  });
});

const summaryId = (i: number): string => summary(i).id;
