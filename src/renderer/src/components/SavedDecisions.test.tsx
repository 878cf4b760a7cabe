// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen, within } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { RequeueResult, SavedActionsView, SavedActionView } from '../../../shared/view-types';
import { fakeApi } from '../test-support/fake-api';
import { actionView, signedIn, summary } from '../test-support/fixtures';
import { mountApp } from '../test-support/mount-app';

afterEach(cleanup);

const saved = (id: string, patch: Partial<SavedActionView> = {}): SavedActionView => ({
  id,
  label: `Approve App ${id} on Acme HQ`,
  kind: 'approve',
  savedState: 'pending',
  note: '',
  actorName: 'Dana',
  enqueuedAt: Date.UTC(2025, 0, 1),
  status: 'ready',
  detail: null,
  ...patch,
});

const FILE = 'admit.sqlite.corrupt-2025-01-01T00-00-00-000Z.unsent-actions.json';
const PROBLEM =
  '3 queued decisions could not be read back: the database was damaged (file is not a database). 2 were saved to /data/x.json: use Review and re-queue to queue them again. 1 could not be salvaged: check Slack for it.';

const mount = async () => {
  let files: SavedActionsView[] = [
    {
      id: FILE,
      path: `/data/orgs/E1/${FILE}`,
      savedAt: Date.UTC(2025, 0, 1),
      reason: 'file is not a database',
      actions: [
        saved('q1', { note: 'security reviewed' }),
        saved('q2', { savedState: 'sending' }),
        saved('q3', {
          label: 'Saved entry q3',
          kind: null,
          status: 'unreadable',
          detail: 'Cannot be re-queued: it was too damaged to read.',
        }),
      ],
    },
  ];
  const recovery = {
    list: vi.fn(() => Promise.resolve({ ok: true as const, value: files })),
    requeue: vi.fn(({ ids }: { file: string; ids: string[] }) => {
      files = files.map((f) => ({
        ...f,
        actions: f.actions.map((a) => (ids.includes(a.id) ? { ...a, status: 'queued' as const } : a)),
      }));
      const value: RequeueResult = {
        requeued: ids.map((id) => actionView(id, { state: 'needs_attention' })),
        skipped: [],
      };
      return Promise.resolve({ ok: true as const, value });
    }),
    dismiss: vi.fn(() => {
      files = [];
      return Promise.resolve({ ok: true as const, value: true });
    }),
  };
  const fake = fakeApi([summary(0), summary(1)], {
    handlers: {
      'recovery:list': recovery.list,
      'recovery:requeue': recovery.requeue,
      'recovery:dismiss': recovery.dismiss,
      'session:get': () => Promise.resolve({ ok: true, value: signedIn({ problems: [PROBLEM] }) }),
    },
  });
  const { store } = await mountApp(fake);
  await vi.waitFor(() => expect(store.getState().saved).toHaveLength(1));
  return { ...fake, recovery, store };
};

describe('Review and re-queue', () => {
  it('says what happened to the local data, and how many saved decisions wait for review', async () => {
    await mount();
    const notices = screen.getByRole('region', { name: 'Things to know' });
    expect(within(notices).getByText(PROBLEM)).toBeTruthy();
    expect(notices.textContent).toContain('2 saved decisions are waiting for review.');
  });

  it('re-queues the chosen decisions, never the unreadable one, and says they wait for a retry', async () => {
    const { recovery, calls, store } = await mount();
    fireEvent.click(screen.getByRole('button', { name: 'Review and re-queue' }));
    const dialog = await screen.findByRole('dialog', { name: 'Review and re-queue' });
    expect(dialog.textContent).toContain('nothing is sent until you have checked Slack and chosen Retry');
    const boxes = within(dialog).getAllByRole('checkbox') as HTMLInputElement[];
    expect(boxes.map((b) => [b.checked, b.disabled])).toEqual([
      [true, false],
      [true, false],
      [false, true],
    ]);
    expect(dialog.textContent).toContain('Note: security reviewed');
    expect(dialog.textContent).toContain('it may have reached Slack');
    expect(dialog.textContent).toContain('Cannot be re-queued: it was too damaged to read.');

    // Single-key shortcuts do not reach the inbox behind the dialog.
    act(() => {
      fireEvent.keyDown(window, { key: 'a' });
    });
    expect(calls.enqueue).not.toHaveBeenCalled();

    fireEvent.click(boxes[1]!);
    await act(async () => {
      fireEvent.click(within(dialog).getByRole('button', { name: 'Re-queue 1 selected' }));
    });
    expect(recovery.requeue).toHaveBeenCalledWith({ file: FILE, ids: ['q1'] });
    expect(store.getState().announcement.text).toBe('1 decision back in the queue, waiting for you to retry');
    await vi.waitFor(() =>
      expect(
        (within(screen.getByRole('dialog')).getAllByRole('checkbox') as HTMLInputElement[]).map(
          (b) => b.disabled,
        ),
      ).toEqual([true, false, true]),
    );
  });

  it('dismisses a file and closes once nothing is left', async () => {
    const { recovery, store } = await mount();
    act(() => store.getState().setOverlay({ kind: 'review' }));
    const dismiss = await screen.findByRole('button', { name: 'Dismiss this file' });
    await act(async () => {
      fireEvent.click(dismiss);
    });
    expect(recovery.dismiss).toHaveBeenCalledWith({ file: FILE });
    expect(screen.queryByRole('dialog')).toBeNull();
    expect(screen.queryByText(/waiting for review/)).toBeNull();
  });
});
