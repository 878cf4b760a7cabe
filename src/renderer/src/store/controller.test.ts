// @vitest-environment jsdom
import { describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test-support/fake-api';
import { actionView, summary } from '../test-support/fixtures';
import { createAppStore } from './app-store';
import { createController } from './controller';
import { selectVisibleIds } from './visible';

const started = async (count: number) => {
  const rows = Array.from({ length: count }, (_, i) => summary(i));
  const fake = fakeApi(rows);
  const store = createAppStore();
  const win = { open: vi.fn() };
  const controller = createController(fake.api, store, win as unknown as Window);
  controller.start();
  await vi.waitFor(() => expect(store.getState().loaded).toBe(true));
  return { ...fake, rows, store, controller, win };
};

describe('renderer controller', () => {
  it('pages the whole inbox in at most 1,000 rows per call', async () => {
    const { store, calls } = await started(2_500);
    expect(calls.list.mock.calls.map(([input]) => input)).toEqual([
      { offset: 0, limit: 1000 },
      { offset: 1000, limit: 1000 },
      { offset: 2000, limit: 1000 },
    ]);
    expect(store.getState().order).toHaveLength(2_500);
    expect(store.getState().activeId).toBe(summary(0).id);
  });

  it('applies inbox deltas by id, without reloading', async () => {
    const { store, calls, emit, rows } = await started(3);
    emit('inbox:changed', { changed: [summary(7)], removed: [rows[0]!.id], total: 3 });
    expect(store.getState().order).toEqual([rows[1]!.id, rows[2]!.id, summary(7).id]);
    expect(calls.list).toHaveBeenCalledTimes(1);
  });

  it('shows a failed result in the one central notice', async () => {
    const { store, controller } = await started(0);
    await controller.connectDemo();
    expect(store.getState().notice).toEqual({ code: 'offline', message: 'Slack is unreachable' });
  });

  it('queues a decision, announces it and moves to the next request', async () => {
    const { store, controller, calls, rows } = await started(3);
    await controller.decide('approve');
    expect(calls.enqueue).toHaveBeenCalledWith({
      kind: 'approve',
      appId: rows[0]!.appId,
      requestId: rows[0]!.id,
      target: { teamId: rows[0]!.teamId },
      appName: rows[0]!.appName,
      targetName: rows[0]!.teamName,
    });
    expect(store.getState().announcement.text).toBe(`Approve queued for App 0 on ${rows[0]!.teamName}`);
    expect(store.getState().activeId).toBe(rows[1]!.id);
  });

  it('sends the chosen scopes when an optional scope is deselected in the open details', async () => {
    const { store, controller, calls } = await started(2);
    controller.openDetail();
    await vi.waitFor(() => expect(store.getState().detail?.id).toBe(summary(0).id));
    store.getState().toggleScope('bot:users:read.email');
    await controller.decide('approve');
    expect(calls.enqueue.mock.calls[0]?.[0]).toMatchObject({
      botScopes: ['chat:write', 'channels:read'],
      userScopes: ['search:read'],
    });
  });

  it('decides on every picked request at once through enqueueMany', async () => {
    const { store, controller, calls, rows } = await started(5);
    controller.togglePick();
    controller.clickRow(rows[3]!.id, { shift: true, toggle: false });
    await controller.decide('restrict', 'org');
    const sent = calls.enqueueMany.mock.calls[0]?.[0] as unknown as { requestId?: string; target: unknown }[];
    expect(sent).toHaveLength(4);
    expect(
      sent.every((a) => a.requestId === undefined && JSON.stringify(a.target) === '{"enterpriseId":"E1"}'),
    ).toBe(true);
    expect(store.getState().picked.size).toBe(0);
    expect(store.getState().announcement.text).toBe('Restrict queued for 4 requests');
  });

  it('shows queue deltas on the rows and filters by queued', async () => {
    const { store, emit, rows } = await started(3);
    emit('actions:changed', {
      changed: [actionView('q1', { requestId: rows[1]!.id })],
      removed: [],
      status: { state: 'running', label: '' },
      progress: { total: 1, done: 0, etaMs: 3000 },
      today: { since: 0, done: 0 },
    });
    expect(store.getState().actionByRequest.get(rows[1]!.id)?.id).toBe('q1');
    store.getState().setFilters({ queued: 'yes' });
    expect(selectVisibleIds(store.getState())).toEqual([rows[1]!.id]);
  });

  it('opens links in a new tab when the host leaves it to the page, https only', async () => {
    const { controller, calls, win } = await started(1);
    await controller.openLink('http://example.com');
    expect(calls.openExternal).not.toHaveBeenCalled();
    await controller.openLink('https://example.com/x');
    expect(win.open).toHaveBeenCalledWith('https://example.com/x', '_blank', 'noopener,noreferrer');
  });
});
