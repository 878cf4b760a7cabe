// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test-support/fake-api';
import { summary } from '../test-support/fixtures';
import { mountApp, press } from '../test-support/mount-app';

afterEach(cleanup);

const mount = async () => {
  const fake = fakeApi([summary(0, { appName: 'Zoom', appId: 'A0ZOOM0001' }), summary(1)]);
  const { store } = await mountApp(fake);
  await screen.findByRole('region', { name: 'Action queue' });
  await vi.waitFor(() => expect(store.getState().loaded).toBe(true));
  return { ...fake, store };
};

/** Opens the dialog from the Ctrl+K palette, as an admin would. */
const openFromPalette = async () => {
  await press('k', { ctrlKey: true });
  const palette = screen.getByRole('dialog', { name: 'Command palette' });
  const input = within(palette).getByRole('combobox', { name: 'Type a command' });
  fireEvent.change(input, { target: { value: 'by ID' } });
  expect(
    within(palette)
      .getAllByRole('option')
      .map((o) => o.textContent),
  ).toEqual(['Approve or restrict an app by ID…']);
  fireEvent.keyDown(input, { key: 'Enter' });
  const dialog = await screen.findByRole('dialog', { name: 'Approve or restrict an app by ID' });
  await within(dialog).findByRole('checkbox', { name: 'Support' });
  return dialog;
};

const type = (dialog: HTMLElement, label: string, value: string) =>
  fireEvent.change(within(dialog).getByLabelText(label), { target: { value } });
const submit = async (dialog: HTMLElement, name: string) => {
  await act(async () => {
    fireEvent.click(within(dialog).getByRole('button', { name }));
  });
};

describe('approve or restrict an app by ID', () => {
  it('is a command of the palette and of the ? overlay', async () => {
    await mount();
    await press('?');
    const help = screen.getByRole('dialog', { name: 'Keyboard shortcuts' });
    const row = within(help).getByText('Approve or restrict an app by ID…').closest('.help-row');
    expect(row?.textContent).toContain('in the command palette');
    fireEvent.click(within(help).getByRole('button', { name: 'Close' }));
    const dialog = await openFromPalette();
    expect(document.activeElement).toBe(within(dialog).getByRole('textbox', { name: 'App ID' }));
    fireEvent.keyDown(document.activeElement!, { key: 'Escape' });
    expect(screen.queryByRole('dialog')).toBeNull();
  });

  it('shows what is wrong beside each field, focuses the first, and queues nothing', async () => {
    const { calls } = await mount();
    const dialog = await openFromPalette();
    type(dialog, 'App ID', 'zoom');
    type(dialog, 'Bot scopes', 'chat:write, <script>');
    await submit(dialog, 'Queue approval');

    const appId = within(dialog).getByRole('textbox', { name: 'App ID' });
    expect(appId.getAttribute('aria-invalid')).toBe('true');
    const appError = document.getElementById('preapprove-app-id-error');
    expect(appError?.textContent).toContain('an app ID starts with A');
    expect(appId.getAttribute('aria-describedby')?.split(' ')).toContain('preapprove-app-id-error');
    expect(document.activeElement).toBe(appId);

    const bot = within(dialog).getByRole('textbox', { name: 'Bot scopes' });
    expect(bot.getAttribute('aria-invalid')).toBe('true');
    expect(document.getElementById(bot.getAttribute('aria-describedby')!.split(' ')[1]!)?.textContent).toBe(
      'Not a scope name: <script>. Use names like chat:write, separated by commas or spaces.',
    );
    const where = within(dialog).getByRole('group', { name: 'Where' });
    expect(where.getAttribute('aria-describedby')).toBe('preapprove-where-error');
    expect(document.getElementById('preapprove-where-error')?.textContent).toBe(
      'Choose at least one workspace, or the whole org.',
    );

    // Fixing a field clears its error; the dialog stays open until everything is right.
    type(dialog, 'App ID', 'A0ZOOM0001');
    expect(appId.getAttribute('aria-invalid')).toBeNull();
    await submit(dialog, 'Queue approval');
    expect(document.activeElement).toBe(within(dialog).getByRole('checkbox', { name: 'Acme HQ' }));
    expect(calls.enqueue).not.toHaveBeenCalled();
    expect(calls.enqueueMany).not.toHaveBeenCalled();
  });

  it('queues one approval per chosen workspace with exactly the scopes typed', async () => {
    const { calls, store } = await mount();
    const dialog = await openFromPalette();
    type(dialog, 'App ID', ' A0ZOOM0001 ');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Engineering' }));
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Support' }));
    type(dialog, 'Bot scopes', 'chat:write commands,, chat:write');
    type(dialog, 'Note for the audit log (optional)', 'ok per security review');
    await submit(dialog, 'Queue approval');

    expect(calls.enqueueMany).toHaveBeenCalledTimes(1);
    const sent = calls.enqueueMany.mock.calls[0]![0];
    // No user_scopes list at all: an empty one would mean "every requested scope" to Slack.
    expect(sent).toEqual([
      {
        kind: 'approve',
        appId: 'A0ZOOM0001',
        appName: 'Zoom',
        note: 'ok per security review',
        target: { teamId: 'T2' },
        targetName: 'Engineering',
        botScopes: ['chat:write', 'commands'],
      },
      {
        kind: 'approve',
        appId: 'A0ZOOM0001',
        appName: 'Zoom',
        note: 'ok per security review',
        target: { teamId: 'T4' },
        targetName: 'Support',
        botScopes: ['chat:write', 'commands'],
      },
    ]);
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(store.getState().announcement.text).toBe('Approve queued for Zoom on Engineering, Support');
  });

  it('queues a restriction for the whole org with enterprise_id and no scopes', async () => {
    const { calls } = await mount();
    const dialog = await openFromPalette();
    type(dialog, 'App ID', 'A0UNKNOWN9');
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Restrict' }));
    expect(within(dialog).queryByRole('textbox', { name: 'Bot scopes' })).toBeNull();
    fireEvent.click(within(dialog).getByRole('radio', { name: 'Whole org (Acme Corp)' }));
    expect(within(dialog).queryByRole('checkbox')).toBeNull();
    await submit(dialog, 'Queue restriction');

    expect(calls.enqueue).toHaveBeenCalledWith({
      kind: 'restrict',
      appId: 'A0UNKNOWN9',
      target: { enterpriseId: 'E1' },
      targetName: 'Acme Corp',
    });
    expect(calls.enqueueMany).not.toHaveBeenCalled();
  });

  it('approves as the app requests when both scope fields are left empty', async () => {
    const { calls } = await mount();
    const dialog = await openFromPalette();
    type(dialog, 'App ID', 'A0NEWAPP01');
    fireEvent.click(within(dialog).getByRole('checkbox', { name: 'Acme HQ' }));
    type(dialog, 'User scopes', '   ');
    await submit(dialog, 'Queue approval');
    expect(calls.enqueue).toHaveBeenCalledWith({
      kind: 'approve',
      appId: 'A0NEWAPP01',
      target: { teamId: 'T1' },
      targetName: 'Acme HQ',
    });
  });
});
