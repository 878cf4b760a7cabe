// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RequestDetail, RequestSummary, SyncStatus } from '../../../shared/view-types';
import { fakeApi } from '../test-support/fake-api';
import { detailOf, summary } from '../test-support/fixtures';
import { mountApp, press } from '../test-support/mount-app';

afterEach(cleanup);

const mount = async (rows: RequestSummary[], detail?: (r: RequestSummary) => RequestDetail) => {
  const fake = fakeApi(rows, detail ? { detail } : {});
  const { store } = await mountApp(fake);
  return { ...fake, store };
};

const orgRow = summary(1, { appName: 'Miro', teamId: 'E1', teamName: 'Whole org', level: 'org' });

const status = (patch: Partial<SyncStatus>): SyncStatus => ({
  state: 'idle',
  lastSyncedAt: Date.now() - 3_600_000,
  lastAttemptAt: Date.now(),
  done: 40,
  targets: { total: 21, complete: 17, partial: 1, failed: 3 },
  problems: ['Acme Sales: requests could not be read (not allowed)', 'Acme HQ: 1 request could not be read'],
  ...patch,
});

describe('a sync that could not read everything', () => {
  it('says how partial it was, never "synced just now", and lists the problems on click', async () => {
    const { emit } = await mount([summary(0)]);
    act(() => emit('sync:progress', status({})));
    const footer = document.querySelector<HTMLElement>('footer.status-bar')!;
    expect(within(footer).getByText('Synced 18 of 21 workspaces · 3 failed · 1 incomplete')).toBeTruthy();
    expect(footer.textContent).toMatch(/last complete sync 1 h ago|last complete sync 60 min ago/);
    expect(footer.textContent).not.toMatch(/synced just now/);
    fireEvent.click(within(footer).getByText(/Synced 18 of 21/));
    const problems = within(footer).getByRole('list', { name: 'Sync problems' });
    expect(
      within(problems)
        .getAllByRole('listitem')
        .map((li) => li.textContent),
    ).toEqual([
      'Acme Sales: requests could not be read (not allowed)',
      'Acme HQ: 1 request could not be read',
    ]);
  });

  it('says nothing about partial syncs once every target was read', async () => {
    const { emit } = await mount([summary(0)]);
    act(() =>
      emit(
        'sync:progress',
        status({ targets: { total: 5, complete: 5, partial: 0, failed: 0 }, problems: [] }),
      ),
    );
    expect(screen.queryByText(/Synced \d+ of/)).toBeNull();
  });
});

describe('whole-org requests', () => {
  it('show "Whole org" in the workspace filter and details, and are decided at the org', async () => {
    const { calls } = await mount([orgRow, summary(2)], (r) => ({
      ...detailOf(r),
      suggestedLevel: r.level,
    }));
    // (The row itself is checked in Chromium: jsdom lays out no rows for the virtualized list.)
    const filter = screen.getByRole('combobox', { name: 'Workspace' });
    expect(within(filter).getByRole('option', { name: 'Whole org' })).toBeTruthy();
    await press('Enter');
    const details = await screen.findByRole('region', { name: 'Request details' });
    expect(within(details).getByText('Whole org (requested for every workspace)')).toBeTruthy();
    expect(
      (within(details).getByRole('radio', { name: 'This workspace' }) as HTMLInputElement).disabled,
    ).toBe(true);
    await press('r');
    await vi.waitFor(() => expect(calls.enqueue).toHaveBeenCalledTimes(1));
    expect(calls.enqueue.mock.calls[0]?.[0]).toMatchObject({
      kind: 'restrict',
      requestId: orgRow.id,
      target: { enterpriseId: 'E1' },
    });
  });

  it('a workspace request for an app resolved at the org defaults to the org, saying why', async () => {
    const note = 'Zoom is approved for the whole org, so this decision applies to the whole org by default.';
    await mount([summary(0, { appName: 'Zoom' })], (r) => ({
      ...detailOf(r),
      suggestedLevel: 'org',
      levelNote: note,
      orgResolution: 'approved',
    }));
    await press('Enter');
    const details = await screen.findByRole('region', { name: 'Request details' });
    expect(await within(details).findByText(note)).toBeTruthy();
    expect((within(details).getByRole('radio', { name: 'Whole org' }) as HTMLInputElement).checked).toBe(
      true,
    );
  });
});

describe('an approval that cannot be sent as chosen', () => {
  it('is refused with the reason and Restrict offered instead', async () => {
    const { calls } = await mount([summary(0, { appName: 'Zoom' })]);
    await press('Enter');
    const details = await screen.findByRole('region', { name: 'Request details' });
    // The only user-token scope is optional: leaving it out leaves nothing Slack can be told.
    fireEvent.click(
      await within(details).findByRole('checkbox', { name: 'Include optional scope search:read' }),
    );
    const blocked = within(details).getByRole('note', { name: 'Approval not possible' });
    expect(blocked.textContent).toMatch(/Slack cannot approve Zoom without any of its user token scopes/);
    await press('a');
    expect(calls.enqueue).not.toHaveBeenCalled();
    expect(screen.getByRole('alert').textContent).toMatch(/cannot approve Zoom/);
    fireEvent.click(within(blocked).getByRole('button', { name: 'Restrict instead' }));
    await vi.waitFor(() => expect(calls.enqueue).toHaveBeenCalledTimes(1));
    expect(calls.enqueue.mock.calls[0]?.[0]).toMatchObject({ kind: 'restrict', requestId: 'Ar000000' });
  });
});
