/** A tiny fetch client for the simulator, used by its tests (and handy for e2e fixtures). */

/** A raw answer: HTTP status, headers and parsed JSON (or undefined when the body is not JSON). */
export type SimAnswer = { status: number; headers: Headers; body: Record<string, unknown>; text: string };

/** How to send a call: as POST form (default), POST JSON or GET query; token via header unless `tokenParam`. */
export type CallOptions = { token?: string | null; as?: 'form' | 'json' | 'get'; tokenParam?: boolean };

/** Calls a Web API method on a simulator the way Slack clients do. */
export async function callApi(
  apiUrl: string,
  method: string,
  args: Record<string, string | number | boolean | string[]> = {},
  opts: CallOptions = {},
): Promise<SimAnswer> {
  const headers: Record<string, string> = {};
  const all: Record<string, unknown> = { ...args };
  if (opts.token) {
    if (opts.tokenParam) all.token = opts.token;
    else headers.authorization = `Bearer ${opts.token}`;
  }
  const form = new URLSearchParams(Object.entries(all).map(([k, v]): [string, string] => [k, String(v)]));
  let res: Response;
  if (opts.as === 'get') {
    res = await fetch(`${apiUrl}${method}?${form}`, { headers });
  } else if (opts.as === 'json') {
    headers['content-type'] = 'application/json; charset=utf-8';
    res = await fetch(`${apiUrl}${method}`, { method: 'POST', headers, body: JSON.stringify(all) });
  } else {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    res = await fetch(`${apiUrl}${method}`, { method: 'POST', headers, body: form.toString() });
  }
  const text = await res.text();
  let body: Record<string, unknown> = {};
  try {
    body = JSON.parse(text) as Record<string, unknown>;
  } catch {
    // Left empty: malformed-JSON fault tests read `text`.
  }
  return { status: res.status, headers: res.headers, body, text };
}
