// @vitest-environment jsdom
import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { fakeApi } from '../test-support/fake-api';
import { summary } from '../test-support/fixtures';
import { mountApp } from '../test-support/mount-app';

/** Records what the page asked the browser to show. */
class FakeNotification {
  static permission: NotificationPermission = 'granted';
  static requestPermission = vi.fn(async (): Promise<NotificationPermission> => {
    FakeNotification.permission = 'granted';
    return 'granted';
  });
  static shown: FakeNotification[] = [];
  onclick: (() => void) | null = null;
  close = vi.fn();
  constructor(
    readonly title: string,
    readonly options: NotificationOptions,
  ) {
    FakeNotification.shown.push(this);
  }
}

beforeEach(() => {
  FakeNotification.permission = 'granted';
  FakeNotification.shown = [];
  FakeNotification.requestPermission.mockClear();
  Object.assign(window, { Notification: FakeNotification });
});
afterEach(() => {
  cleanup();
  Reflect.deleteProperty(window, 'Notification');
  vi.restoreAllMocks();
});

const notice = { title: '1 new app request', body: 'App 3', requestIds: ['Ar000003'] };

const mount = async () => {
  const rows = Array.from({ length: 5 }, (_, i) => summary(i));
  const fake = fakeApi(rows);
  const { store } = await mountApp(fake);
  return { ...fake, rows, store };
};

describe('desktop notifications in the page', () => {
  it('shows one Web Notification for a notice; its click focuses the window and selects the request', async () => {
    const { emit, store } = await mount();
    const focus = vi.spyOn(window, 'focus').mockImplementation(() => undefined);
    act(() => store.getState().setFilters({ query: 'App 1' })); // hides the new request
    act(() => emit('notify:newRequests', notice));
    expect(FakeNotification.shown).toHaveLength(1);
    expect(FakeNotification.shown[0]).toMatchObject({
      title: '1 new app request',
      options: { body: 'App 3' },
    });
    act(() => FakeNotification.shown[0]?.onclick?.());
    expect(focus).toHaveBeenCalled();
    expect(store.getState().activeId).toBe('Ar000003');
    expect(store.getState().filters.query).toBe('');
  });

  it('shows nothing without permission, or with the setting off', async () => {
    const { emit, store } = await mount();
    FakeNotification.permission = 'default';
    act(() => emit('notify:newRequests', notice));
    FakeNotification.permission = 'granted';
    act(() => store.getState().setSettings({ ...store.getState().settings, notifications: false }));
    act(() => emit('notify:newRequests', notice));
    expect(FakeNotification.shown).toEqual([]);
  });

  it('selects the request a native (Electron) notification click chose', async () => {
    const { emit, store } = await mount();
    act(() => emit('notify:clicked', { requestId: 'Ar000002' }));
    expect(store.getState().activeId).toBe('Ar000002');
  });

  it('asks the browser for permission only when the admin presses the button', async () => {
    FakeNotification.permission = 'default';
    await mount();
    expect(FakeNotification.requestPermission).not.toHaveBeenCalled();
    act(() => {
      fireEvent.keyDown(window, { key: ',', ctrlKey: true });
    });
    expect(
      (screen.getByRole('checkbox', { name: 'Desktop notifications for new requests' }) as HTMLInputElement)
        .checked,
    ).toBe(true);
    fireEvent.click(screen.getByRole('button', { name: 'Turn on desktop notifications' }));
    expect(FakeNotification.requestPermission).toHaveBeenCalledTimes(1);
    await vi.waitFor(() =>
      expect(screen.queryByRole('button', { name: 'Turn on desktop notifications' })).toBeNull(),
    );
  });

  it('shows a setting fixed by policy as managed', async () => {
    const { store } = await mount();
    act(() =>
      store
        .getState()
        .setSettings({ ...store.getState().settings, notifications: false, managed: ['notifications'] }),
    );
    act(() => {
      fireEvent.keyDown(window, { key: ',', ctrlKey: true });
    });
    const box = screen.getByRole('checkbox', {
      name: 'Desktop notifications for new requests',
    }) as HTMLInputElement;
    expect(box.disabled).toBe(true);
    expect(box.checked).toBe(false);
    expect(screen.getByText('Managed by your organization')).toBeTruthy();
  });
});
