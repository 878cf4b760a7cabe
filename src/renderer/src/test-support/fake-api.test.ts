import { describe, expect, it, vi } from 'vitest';
import { channelNames } from '../../../shared/contract-names';
import { contractApi } from './fake-api';

describe('the contract-built fake API', () => {
  it('answers a channel the test did not supply with a typed internal error, never undefined', async () => {
    const { api } = contractApi({});
    expect(await api.recovery.list()).toEqual({
      ok: false,
      error: { code: 'internal', message: "The test's fake API has no handler for recovery:list" },
    });
    // Every channel of the contract is there.
    const object = api as unknown as Record<string, Record<string, unknown>>;
    for (const name of channelNames) {
      const [domain = '', verb = ''] = name.split(':');
      expect(typeof object[domain]?.[verb]).toBe('function');
    }
  });

  it('passes the input to the handler the test supplied', async () => {
    const list = vi.fn(({ offset }: { offset: number; limit: number }) =>
      Promise.resolve({ ok: true as const, value: { total: 0, offset, items: [] } }),
    );
    const { api } = contractApi({ 'inbox:list': list });
    expect(await api.inbox.list({ offset: 5, limit: 10 })).toEqual({
      ok: true,
      value: { total: 0, offset: 5, items: [] },
    });
    expect(list).toHaveBeenCalledWith({ offset: 5, limit: 10 });
  });

  it('emits to every listener of an event until it unsubscribes', () => {
    const { api, emit } = contractApi({});
    const first = vi.fn();
    const second = vi.fn();
    const off = api.connection.onChanged(first);
    api.connection.onChanged(second);
    emit('connection:changed', { state: 'offline', lastSyncedAt: null });
    off();
    emit('connection:changed', { state: 'online', lastSyncedAt: 1 });
    expect(first).toHaveBeenCalledTimes(1);
    expect(second).toHaveBeenCalledTimes(2);
  });
});
