// @vitest-environment jsdom
import { afterEach, describe, expect, it } from 'vitest';
import { createHttpApi, takeLaunchKey, type HttpApiEnv } from './http-api';

afterEach(() => {
  window.sessionStorage.clear();
  window.history.replaceState(null, '', '/');
});

describe('the launch key', () => {
  it('comes from the URL fragment once, stays in this tab, and leaves the address bar', () => {
    window.history.replaceState(null, '', '/#key=abc-123');
    expect(takeLaunchKey(window.location, window.sessionStorage, window.history)).toBe('abc-123');
    expect(window.location.href).not.toContain('abc-123');
    expect(window.location.hash).toBe('');
    expect(window.sessionStorage.getItem('admit.launchKey')).toBe('abc-123');
    // A reload finds it in sessionStorage.
    expect(takeLaunchKey(window.location, window.sessionStorage, window.history)).toBe('abc-123');
  });

  it('keeps the rest of the fragment and ignores a key in the query (which servers and logs see)', () => {
    window.history.replaceState(null, '', '/?key=leaked#key=good&panel=help');
    expect(takeLaunchKey(window.location, window.sessionStorage, window.history)).toBe('good');
    expect(window.location.hash).toBe('#panel=help');
    window.sessionStorage.clear();
    window.history.replaceState(null, '', '/?key=leaked');
    expect(takeLaunchKey(window.location, window.sessionStorage, window.history)).toBeNull();
  });
});

/** A stand-in EventSource the test opens, feeds and breaks. */
class FakeSource extends EventTarget {
  closed = false;
  constructor(readonly url: string) {
    super();
  }
  close(): void {
    this.closed = true;
  }
  push(event: string, payload: unknown): void {
    this.dispatchEvent(new MessageEvent(event, { data: JSON.stringify(payload) }));
  }
}

const fakeEnv = () => {
  const sources: FakeSource[] = [];
  const timers: (() => void)[] = [];
  const requests: { url: string; headers: Record<string, string> }[] = [];
  let tickets = 0;
  const env: HttpApiEnv = {
    fetch: async (input, init) => {
      const url = String(input);
      requests.push({ url, headers: (init?.headers ?? {}) as Record<string, string> });
      const body =
        url === '/api/events/ticket'
          ? { ok: true, value: { ticket: `t${++tickets}` } }
          : { ok: true, value: url };
      return new Response(JSON.stringify(body));
    },
    openEventSource: (url) => {
      const source = new FakeSource(url);
      sources.push(source);
      return source as unknown as EventSource;
    },
    setTimeout: (run) => timers.push(run),
  };
  return { env, sources, timers, requests };
};

const settle = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('the HTTP bridge', () => {
  it('opens the event stream with a single-use ticket bought by a keyed call, never with the key', async () => {
    const { env, sources, requests } = fakeEnv();
    const api = createHttpApi('the-key', env);
    const seen: unknown[] = [];
    api.inbox.onChanged((delta) => seen.push(delta));
    await settle();
    expect(requests[0]).toMatchObject({ url: '/api/events/ticket', headers: { 'x-admit-key': 'the-key' } });
    expect(sources.map((s) => s.url)).toEqual(['/api/events?ticket=t1']);
    expect(sources[0]?.url).not.toContain('the-key');
    sources[0]?.dispatchEvent(new Event('open'));
    sources[0]?.push('inbox:changed', { total: 3 });
    expect(seen).toEqual([{ total: 3 }]);
  });

  it('lets calls wait for the stream to open, so they cannot miss the events they cause', async () => {
    const { env, sources, requests } = fakeEnv();
    const api = createHttpApi('the-key', env);
    api.session.onChanged(() => undefined);
    const call = api.session.get();
    await settle();
    expect(requests.map((r) => r.url)).toEqual(['/api/events/ticket']);
    sources[0]?.dispatchEvent(new Event('open'));
    await call;
    expect(requests.map((r) => r.url)).toEqual(['/api/events/ticket', '/api/invoke/session%3Aget']);
    expect(requests[1]?.headers['x-admit-key']).toBe('the-key');
  });

  it('reconnects with a fresh ticket when the stream breaks, keeping every listener', async () => {
    const { env, sources, timers } = fakeEnv();
    const api = createHttpApi('the-key', env);
    const seen: unknown[] = [];
    api.inbox.onChanged((delta) => seen.push(['inbox', delta]));
    api.sync.onProgress((sync) => seen.push(['sync', sync]));
    await settle();
    sources[0]?.dispatchEvent(new Event('open'));
    sources[0]?.dispatchEvent(new Event('error'));
    expect(sources[0]?.closed).toBe(true);
    expect(timers).toHaveLength(1);
    timers[0]?.();
    await settle();
    expect(sources.map((s) => s.url)).toEqual(['/api/events?ticket=t1', '/api/events?ticket=t2']);
    sources[1]?.push('inbox:changed', { total: 1 });
    sources[1]?.push('sync:progress', { running: false });
    expect(seen).toEqual([
      ['inbox', { total: 1 }],
      ['sync', { running: false }],
    ]);
  });
});
