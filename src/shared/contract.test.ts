import { describe, expect, it, vi } from 'vitest';
import { apiPath, buildApi, channelNames, channels, eventNames } from './contract';

describe('the contract', () => {
  it('names every channel and event domain:verb', () => {
    for (const name of [...channelNames, ...eventNames]) expect(name).toMatch(/^[a-z]+:[a-zA-Z]+$/);
  });

  it('documents every channel', () => {
    for (const name of channelNames) expect(channels[name].doc.length).toBeGreaterThan(10);
  });

  it('builds one function per channel and one on* per event, each wired to its name', async () => {
    const invoke = vi.fn(async () => ({ ok: true as const, value: null }));
    const off = vi.fn();
    const subscribe = vi.fn(() => off);
    const api = buildApi(invoke, subscribe) as unknown as Record<
      string,
      Record<string, (x?: unknown) => unknown>
    >;
    for (const name of channelNames) {
      const [domain, verb] = apiPath(name, 'channel');
      await api[domain]?.[verb]?.({ probe: name });
      expect(invoke).toHaveBeenLastCalledWith(name, { probe: name });
    }
    for (const name of eventNames) {
      const [domain, key] = apiPath(name, 'event');
      expect(key).toMatch(/^on[A-Z]/);
      const unsubscribe = api[domain]?.[key]?.(() => undefined);
      expect(subscribe).toHaveBeenLastCalledWith(name, expect.any(Function));
      expect(unsubscribe).toBe(off);
    }
  });
});
