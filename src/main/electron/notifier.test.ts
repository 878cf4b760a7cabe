import { EventEmitter } from 'node:events';
import { beforeEach, describe, expect, it, vi } from 'vitest';

const shown: FakeNotification[] = [];
let supported = true;

class FakeNotification extends EventEmitter {
  static isSupported = (): boolean => supported;
  show = vi.fn();
  close = vi.fn();
  constructor(readonly options: { title: string; body: string }) {
    super();
    shown.push(this);
  }
}

vi.mock('electron', () => ({ Notification: FakeNotification }));

const { createElectronNotifier } = await import('./notifier');

const fakeWindow = () => ({
  isMinimized: vi.fn(() => true),
  isDestroyed: vi.fn(() => false),
  restore: vi.fn(),
  show: vi.fn(),
  focus: vi.fn(),
});

const notice = {
  title: '3 new app requests',
  body: 'Zoom, Miro and 1 more',
  requestIds: ['Ar1', 'Ar2', 'Ar3'],
};

describe("Electron's notifier", () => {
  beforeEach(() => {
    shown.length = 0;
    supported = true;
  });

  it('shows one native notification with the notice', () => {
    const emit = vi.fn();
    createElectronNotifier({ window: () => fakeWindow(), emit }).newRequests(notice);
    expect(shown).toHaveLength(1);
    expect(shown[0]?.options).toEqual({ title: '3 new app requests', body: 'Zoom, Miro and 1 more' });
    expect(shown[0]?.show).toHaveBeenCalled();
    expect(emit).not.toHaveBeenCalled();
  });

  it('on click, restores and focuses the window and selects the first new request', () => {
    const emit = vi.fn();
    const window = fakeWindow();
    createElectronNotifier({ window: () => window, emit }).newRequests(notice);
    shown[0]?.emit('click');
    expect(window.restore).toHaveBeenCalled();
    expect(window.focus).toHaveBeenCalled();
    expect(emit).toHaveBeenCalledWith('notify:clicked', { requestId: 'Ar1' });
  });

  it('replaces the previous notification rather than stacking them', () => {
    const notifier = createElectronNotifier({ window: () => null, emit: vi.fn() });
    notifier.newRequests(notice);
    notifier.newRequests({ ...notice, title: '1 new app request', body: 'Zoom', requestIds: ['Ar4'] });
    expect(shown).toHaveLength(2);
    expect(shown[0]?.close).toHaveBeenCalled();
  });

  it('shows nothing where the OS has no notifications', () => {
    supported = false;
    createElectronNotifier({ window: () => null, emit: vi.fn() }).newRequests(notice);
    expect(shown).toHaveLength(0);
  });
});
