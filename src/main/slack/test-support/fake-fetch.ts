/** A scripted stand-in for `fetch` that records every Slack call the WebClient makes. */

/** One recorded request: the Slack method, its form parameters and headers. */
export type RecordedCall = {
  method: string;
  params: Record<string, string>;
  headers: Record<string, string>;
};

/** What the fake answers: a JSON body (object) or raw text, with optional status and headers. */
export type FakeReply = { status?: number; headers?: Record<string, string>; body?: unknown };

/** Decides the reply to a call; throwing simulates a network failure. */
export type FakeHandler = (call: RecordedCall, index: number) => FakeReply | Promise<FakeReply>;

/** A fake fetch plus the calls it saw. */
export type FakeFetch = { fetch: typeof fetch; calls: RecordedCall[] };

/** Builds a fake fetch; by default every call answers `{ ok: true }`. */
export function fakeFetch(handler: FakeHandler = () => ({ body: { ok: true } })): FakeFetch {
  const calls: RecordedCall[] = [];
  const impl = async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const url = String(input);
    const method = url.slice(url.lastIndexOf('/') + 1);
    const params = Object.fromEntries(new URLSearchParams(typeof init?.body === 'string' ? init.body : ''));
    const headers = Object.fromEntries(Object.entries((init?.headers ?? {}) as Record<string, string>));
    const call = { method, params, headers };
    calls.push(call);
    const reply = await handler(call, calls.length - 1);
    const body = typeof reply.body === 'string' ? reply.body : JSON.stringify(reply.body ?? { ok: true });
    const res = new Response(body, {
      status: reply.status ?? 200,
      headers: { 'content-type': 'application/json; charset=utf-8', ...reply.headers },
    });
    Object.defineProperty(res, 'url', { value: url });
    return res;
  };
  return { fetch: impl as typeof fetch, calls };
}

/** A minimal valid app request for list fixtures. */
export function fakeRequest(n: number): Record<string, unknown> {
  return {
    id: `Ar${String(n).padStart(6, '0')}`,
    app: { id: `A${String(n).padStart(6, '0')}`, name: `App ${n}` },
    user: { id: 'W0000001', name: 'Jane', email: 'jane@example.com' },
    team: { id: 'T0000001', name: 'Acme', domain: 'acme' },
    scopes: [{ name: 'chat:write', token_type: 'bot' }],
    date_created: 1_700_000_000 + n,
  };
}
