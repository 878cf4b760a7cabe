// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test-support/fake-api';
import { detailOf, summary } from '../test-support/fixtures';
import { mountApp, press } from '../test-support/mount-app';

afterEach(cleanup);

const mount = async (count = 5) => {
  const rows = Array.from({ length: count }, (_, i) =>
    summary(i, { appName: i === 0 ? 'Zoom' : `App ${i}` }),
  );
  const fake = fakeApi(rows);
  const { store } = await mountApp(fake);
  await screen.findByRole('region', { name: 'Action queue' });
  await vi.waitFor(() => expect(store.getState().loaded).toBe(true));
  return { ...fake, rows, store };
};

describe('triage UI', () => {
  it('names its regions and shows how many requests match', async () => {
    const { store } = await mount();
    expect(screen.getByRole('listbox', { name: 'Requests' })).toBeTruthy();
    expect(screen.getByText('5 pending')).toBeTruthy();
    act(() => store.getState().setFilters({ query: 'zoom' }));
    expect(screen.getByText('1 of 5 match')).toBeTruthy();
  });

  it('opens details with Enter, shows scope changes, and closes with Esc', async () => {
    await mount();
    await press('Enter');
    const details = await screen.findByRole('region', { name: 'Request details' });
    expect(await within(details).findByRole('region', { name: 'Scope changes' })).toBeTruthy();
    expect(within(details).getByRole('table', { name: 'Bot token scopes' })).toBeTruthy();
    expect(within(details).getByRole('table', { name: 'User token scopes' })).toBeTruthy();
    await press('Escape');
    expect(screen.queryByRole('region', { name: 'Request details' })).toBeNull();
  });

  it('moves the selection to the next request before the decision goes to main', async () => {
    const { calls, rows } = await mount();
    // The active option as the listbox tells assistive technology (rows outside the view are not drawn).
    const selected = (): string | null =>
      screen.getByRole('listbox', { name: 'Requests' }).getAttribute('aria-activedescendant');
    const first = selected();
    expect(first).toContain(rows[0]!.id);
    let selectedWhenSent: string | null = null;
    calls.enqueue.mockImplementationOnce(async (input) => {
      selectedWhenSent = selected();
      return { ok: true, value: { ...input, id: 'x', state: 'pending' } } as never;
    });
    await press('a');
    await vi.waitFor(() => expect(calls.enqueue).toHaveBeenCalledTimes(1));
    expect(selectedWhenSent).toContain(rows[1]!.id); // the DOM had moved on when main was asked
    expect(calls.enqueue).toHaveBeenCalledWith(expect.objectContaining({ kind: 'approve', appName: 'Zoom' }));
  });

  it('loads the next row’s details only once the selection has moved in the DOM', async () => {
    const rows = Array.from({ length: 4 }, (_, i) => summary(i, { appName: `App ${i}` }));
    const selected = (): string | null =>
      screen.getByRole('listbox', { name: 'Requests' }).getAttribute('aria-activedescendant');
    const askedWhen: Array<[string, string | null]> = [];
    const fake = fakeApi(rows, {
      detail: (r) => {
        askedWhen.push([r.id, selected()]);
        return detailOf(r);
      },
    });
    const { store } = await mountApp(fake);
    await vi.waitFor(() => expect(store.getState().loaded).toBe(true));
    await press('Enter');
    await screen.findByRole('region', { name: 'Request details' });
    await press('j');
    await vi.waitFor(() => expect(askedWhen.map(([id]) => id)).toContain(rows[1]!.id));
    const [, domThen] = askedWhen.find(([id]) => id === rows[1]!.id)!;
    expect(domThen).toContain(rows[1]!.id); // the move was drawn before main was asked
  });

  it('asks for the app name before an uninstall, saying it cannot be undone', async () => {
    const { calls } = await mount();
    await press('U', { shiftKey: true });
    const dialog = screen.getByRole('alertdialog', { name: 'Uninstall Zoom?' });
    expect(dialog.textContent).toContain('cannot be undone');
    const confirm = within(dialog).getByRole('button', { name: 'Uninstall' }) as HTMLButtonElement;
    expect(confirm.disabled).toBe(true);
    const field = within(dialog).getByLabelText('Type Zoom to confirm');
    fireEvent.change(field, { target: { value: 'Zoo' } });
    expect(confirm.disabled).toBe(true);
    fireEvent.change(field, { target: { value: 'Zoom' } });
    expect(confirm.disabled).toBe(false);
    await act(async () => {
      fireEvent.click(confirm);
    });
    expect(calls.enqueue).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'uninstall', target: { teamIds: ['T1'] }, appName: 'Zoom' }),
    );
    expect(screen.queryByRole('alertdialog')).toBeNull();
  });

  it('does not uninstall when the dialog is dismissed with Esc', async () => {
    const { calls } = await mount();
    await press('U', { shiftKey: true });
    fireEvent.keyDown(screen.getByRole('alertdialog'), { key: 'Escape' });
    expect(screen.queryByRole('alertdialog')).toBeNull();
    expect(calls.enqueue).not.toHaveBeenCalled();
  });

  it('lists every shortcut from the registry in the ? overlay', async () => {
    await mount();
    await press('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    expect(within(help).getByText('Approve')).toBeTruthy();
    expect(within(help).getByText('Undo the last pending action')).toBeTruthy();
  });

  it('runs a command from the palette', async () => {
    const { calls } = await mount();
    await press('k', { ctrlKey: true });
    const input = screen.getByRole('combobox', { name: 'Type a command' });
    fireEvent.change(input, { target: { value: 'restrict for' } });
    await act(async () => {
      fireEvent.keyDown(input, { key: 'Enter' });
    });
    expect(calls.enqueue).toHaveBeenCalledWith(
      expect.objectContaining({ kind: 'restrict', target: { enterpriseId: 'E1' } }),
    );
  });

  it('ignores single keys once they are turned off, and shows a managed setting as such', async () => {
    const { store, calls } = await mount();
    act(() =>
      store.getState().setSettings({
        ...store.getState().settings,
        singleKeyShortcuts: false,
        overdueAfterDays: 3,
        notifications: true,
        managed: ['singleKeyShortcuts'],
      }),
    );
    await press('a');
    expect(calls.enqueue).not.toHaveBeenCalled();
    await press(',', { ctrlKey: true });
    expect(screen.getByText('Managed by your organization')).toBeTruthy();
    expect(
      (screen.getByRole('checkbox', { name: /Single-key shortcuts/ }) as HTMLInputElement).disabled,
    ).toBe(true);
  });

  it('shows the connection as Offline', async () => {
    const { emit } = await mount();
    act(() => emit('connection:changed', { state: 'offline', lastSyncedAt: Date.now() }));
    expect(screen.getByRole('status', { name: 'Connection' }).textContent).toContain('Offline');
  });

  it("passes the OS's online/offline events to main as hints", async () => {
    const { calls } = await mount();
    act(() => void window.dispatchEvent(new Event('offline')));
    act(() => void window.dispatchEvent(new Event('online')));
    expect(calls.hint.mock.calls).toEqual([[{ online: false }], [{ online: true }]]);
  });
});
