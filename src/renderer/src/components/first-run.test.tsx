// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test-support/fake-api';
import { actionView, summary } from '../test-support/fixtures';
import { mountApp } from '../test-support/mount-app';
import { withWindowLayout } from '../test-support/window-layout';

withWindowLayout();

const hint = () => screen.queryByRole('complementary', { name: 'Keyboard hint' });

describe('the first-run key hint', () => {
  it('names the keys that matter most until dismissed, and stays dismissed', async () => {
    const fake = fakeApi([summary(0)], { keyHintDismissed: false });
    await mountApp(fake);
    const bar = await vi.waitFor(() => {
      const found = hint();
      if (!found) throw new Error('no hint yet');
      return found;
    });
    const keys = within(bar)
      .getAllByText((_, el) => el?.tagName === 'KBD')
      .map((k) => k.textContent);
    expect(keys).toEqual(['j / k', 'Enter', 'a', 'r', 'u', '?']);
    expect(bar.textContent).toMatch(/move.*details.*approve.*restrict.*undo.*every shortcut/);
    fireEvent.click(within(bar).getByRole('button', { name: 'Got it' }));
    expect(hint()).toBeNull();
    expect(fake.calls.settingsSet).toHaveBeenCalledWith({ keyHintDismissed: true });
    // The next launch reads the setting back: no hint.
    cleanup();
    await mountApp(fake);
    expect(hint()).toBeNull();
  });

  it('with single-key shortcuts off, points to the command palette instead of dead keys', async () => {
    const fake = fakeApi([summary(0)], { keyHintDismissed: false });
    const { store } = await mountApp(fake);
    act(() => store.getState().setSettings({ ...store.getState().settings, singleKeyShortcuts: false }));
    expect(hint()?.textContent).toMatch(/Single-key shortcuts are off: Ctrl\/Cmd\+K opens every command/);
    expect(hint()?.textContent).not.toMatch(/approve/);
  });
});

/** This machine's last local midnight before `ms`. */
const midnight = (ms: number): number => {
  const d = new Date(ms);
  d.setHours(0, 0, 0, 0);
  return d.getTime();
};

describe('the queue panel', () => {
  it('folds to a strip that still says what waits, and the choice is remembered', async () => {
    const fake = fakeApi([summary(0)]);
    const { store } = await mountApp(fake);
    act(() =>
      store.getState().setQueue({
        actions: [
          actionView('q1', { label: 'Approve Zoom on Acme HQ' }),
          actionView('q2', { state: 'done' }),
        ],
        status: { state: 'running', label: '' },
        progress: { total: 0, done: 0, etaMs: null },
        today: { since: 0, done: 0 },
      }),
    );
    const queue = screen.getByRole('region', { name: 'Action queue' });
    const hide = within(queue).getByRole('button', { name: 'Hide' });
    expect(hide.getAttribute('aria-expanded')).toBe('true');
    fireEvent.click(hide);
    const folded = screen.getByRole('region', { name: 'Action queue' });
    expect(within(folded).queryByRole('list')).toBeNull();
    expect(folded.textContent).toContain('1 waiting');
    expect(within(folded).getByRole('button', { name: 'Show' }).getAttribute('aria-expanded')).toBe('false');
    expect(fake.calls.settingsSet).toHaveBeenCalledWith({ queueCollapsed: true });
    cleanup();
    await mountApp(fake);
    await vi.waitFor(() =>
      expect(
        within(screen.getByRole('region', { name: 'Action queue' })).getByRole('button', { name: 'Show' }),
      ).toBeTruthy(),
    );
    fireEvent.click(screen.getByRole('button', { name: 'Show' }));
    expect(
      within(screen.getByRole('region', { name: 'Action queue' })).getByText('Export audit log'),
    ).toBeTruthy();
  });

  it('a save main refuses puts the panel back as it was and says why', async () => {
    const fake = fakeApi([summary(0)]);
    fake.calls.settingsSet.mockImplementationOnce(
      () =>
        Promise.resolve({ ok: false, error: { code: 'internal', message: 'The disk is full.' } }) as never,
    );
    const { store } = await mountApp(fake);
    fireEvent.click(screen.getByRole('button', { name: 'Hide' }));
    await vi.waitFor(() => expect(store.getState().notice?.message).toBe('The disk is full.'));
    expect(screen.getByRole('button', { name: 'Hide' })).toBeTruthy();
  });
});

describe('after the last request', () => {
  it('says what happened today, what is still sending, and offers the inventories and the audit export', async () => {
    const fake = fakeApi([]);
    const { store } = await mountApp(fake);
    const now = Date.now();
    act(() =>
      store.getState().setQueue({
        actions: [
          actionView('q1', { state: 'done', enqueuedAt: now - 1000 }),
          actionView('q2', { state: 'done', enqueuedAt: now - 2000 }),
          actionView('q3', { state: 'pending', enqueuedAt: now - 500 }),
          actionView('q4', { state: 'conflict', enqueuedAt: now - 400 }),
        ],
        status: { state: 'running', label: '' },
        progress: { total: 2, done: 0, etaMs: null },
        // Main counts today's decisions in the audit log: 5, more than this window's queue saw.
        today: { since: midnight(now), done: 5 },
      }),
    );
    const done = screen.getByRole('region', { name: 'No pending requests' });
    expect(done.textContent).toContain('5 decisions reached Slack today.');
    expect(done.textContent).toContain('1 decision is still on the way to Slack.');
    expect(done.textContent).toContain('1 decision needs you in the queue.');
    act(() => fake.emit('connection:changed', { state: 'offline', lastSyncedAt: 1 }));
    expect(done.textContent).toContain('still on the way to Slack, waiting for Slack to be reachable.');
    const exportSpy = vi.spyOn(fake.api.audit, 'export');
    URL.createObjectURL = vi.fn(() => 'blob:x');
    URL.revokeObjectURL = vi.fn();
    fireEvent.click(within(done).getByRole('button', { name: 'Export the audit log (CSV)' }));
    expect(exportSpy).toHaveBeenCalledWith({ format: 'csv' });
    fireEvent.click(within(done).getByRole('button', { name: 'See approved apps' }));
    await vi.waitFor(() => expect(store.getState().view).toBe('approved'));
  });

  it('with nothing decided yet, says so rather than counting zero as a result', async () => {
    await mountApp(fakeApi([]));
    expect(screen.getByRole('region', { name: 'No pending requests' }).textContent).toContain(
      'No decision reached Slack today yet.',
    );
  });

  it("reads yesterday's count as none yet", async () => {
    const { store } = await mountApp(fakeApi([]));
    const yesterday = midnight(Date.now()) - 86_400_000;
    act(() =>
      store.getState().setQueue({
        actions: [],
        status: { state: 'running', label: '' },
        progress: { total: 0, done: 0, etaMs: null },
        today: { since: yesterday, done: 7 },
      }),
    );
    expect(screen.getByRole('region', { name: 'No pending requests' }).textContent).toContain(
      'No decision reached Slack today yet.',
    );
  });
});
