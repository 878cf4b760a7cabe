import { describe, expect, it, vi } from 'vitest';
import type { AdmitApi } from '../../../shared/contract';
import type { RequestSummary } from '../../../shared/view-types';
import { createAppStore } from './app-store';
import { createController } from './controller';

const summary = (i: number): RequestSummary => ({
  id: `Ar${i}`,
  appId: `A${i}`,
  appName: `App ${i}`,
  appIconUrl: '',
  developerType: 'internal',
  directoryApproved: false,
  teamId: 'T1',
  teamName: 'One',
  requesterName: 'Ana',
  createdAt: i,
  scopeCount: 1,
  sensitiveCount: 0,
  newScopeCount: 0,
  previousStatus: null,
});

const fakeApi = (total: number) => {
  const listeners: Record<string, (p: unknown) => void> = {};
  const list = vi.fn(async ({ offset, limit }: { offset: number; limit: number }) => ({
    ok: true as const,
    value: {
      total,
      offset,
      items: Array.from({ length: Math.max(0, Math.min(limit, total - offset)) }, (_, i) =>
        summary(offset + i),
      ),
    },
  }));
  const on = (name: string) => (fn: (p: unknown) => void) => {
    listeners[name] = fn;
    return () => delete listeners[name];
  };
  const api = {
    session: {
      get: async () => ({
        ok: true,
        value: {
          status: 'signed_in',
          account: {
            enterpriseId: 'E1',
            enterpriseName: 'Acme',
            userName: 'a',
            isDemo: true,
            tokenStorage: 'memory',
          },
        },
      }),
      connectDemo: async () => ({ ok: false, error: { code: 'offline', message: 'Slack is unreachable' } }),
      onChanged: on('session:changed'),
    },
    inbox: { list, onChanged: on('inbox:changed') },
    sync: { onProgress: on('sync:progress') },
  } as unknown as AdmitApi;
  return { api, list, listeners };
};

describe('renderer controller', () => {
  it('pages the whole inbox in at most 1,000 rows per call', async () => {
    const { api, list } = fakeApi(2_500);
    const store = createAppStore();
    createController(api, store).start();
    await vi.waitFor(() => expect(store.getState().rows.filter(Boolean)).toHaveLength(2_500));
    expect(list.mock.calls.map(([input]) => input)).toEqual([
      { offset: 0, limit: 1000 },
      { offset: 1000, limit: 1000 },
      { offset: 2000, limit: 1000 },
    ]);
    expect(store.getState().rows[2_499]?.id).toBe('Ar2499');
  });

  it('shows a failed result in the one central notice', async () => {
    const { api } = fakeApi(0);
    const store = createAppStore();
    const controller = createController(api, store);
    await controller.connectDemo();
    expect(store.getState().notice).toEqual({ code: 'offline', message: 'Slack is unreachable' });
  });

  it('reloads when main says the inbox changed and clears it on sign-out', async () => {
    const { api, list, listeners } = fakeApi(3);
    const store = createAppStore();
    createController(api, store).start();
    await vi.waitFor(() => expect(store.getState().total).toBe(3));
    listeners['inbox:changed']?.({ total: 3 });
    await vi.waitFor(() => expect(list).toHaveBeenCalledTimes(2));
    listeners['session:changed']?.({ status: 'signed_out', demoAvailable: true });
    expect(store.getState().total).toBe(0);
  });
});
