/** The built simulator and browser host as child processes, and the HTTP calls benchmarks make to them. */
import { spawn } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

const ROOT = path.resolve(import.meta.dirname, '..', '..');
const SIM_LINE = /^Slack simulator at (http:\/\/127\.0\.0\.1:\d+\/api\/) token=(\S+)$/m;
const HOST_LINE = /^Admit is running at (http:\/\/127\.0\.0\.1:\d+\/#key=([\w-]+))$/m;

/** Spawns a built entry and resolves with the first match of `line` on its stdout. */
const spawnUntilLine = async (script, args, env, line, what) => {
  const child = spawn(process.execPath, [path.join(ROOT, script), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr.on('data', (c) => (err += c.toString()));
  const match = await new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} did not start: ${err}`)), 30_000);
    child.stdout.on('data', (c) => {
      out += c.toString();
      const m = line.exec(out);
      if (m) {
        clearTimeout(timer);
        resolve(m);
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`${what} exited with ${code}: ${err}`));
    });
  });
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGTERM');
    await exited;
  };
  return { child, match, stop };
};

/** Starts `out/main/simulator.js` with CLI flags, e.g. { requests: 10000, workspaces: 20, 'rate-scale': 0 }. */
export const startSimulator = async (flags = {}) => {
  const args = ['--port', '0'];
  for (const [name, value] of Object.entries(flags)) args.push(`--${name}`, String(value));
  const { child, match, stop } = await spawnUntilLine(
    'out/main/simulator.js',
    args,
    {},
    SIM_LINE,
    'simulator',
  );
  const apiUrl = match[1];
  const origin = new URL(apiUrl).origin;
  return {
    apiUrl,
    origin,
    token: match[2],
    pid: child.pid,
    stop,
    get: async (p) => (await fetch(`${origin}${p}`)).json(),
    post: async (p, body) =>
      (
        await fetch(`${origin}${p}`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
        })
      ).json(),
    /** The simulator's call log, optionally for one method. */
    calls: async (method) =>
      (await (await fetch(`${origin}/_sim/calls${method ? `?method=${method}` : ''}`)).json()).calls,
  };
};

/** The simulator's certified apps (a catalog fact Slack keeps but does not send). */
export const certifiedApps = async (sim) => new Set((await sim.get('/_sim/state')).certified_app_ids);

/** Starts `out/main/web.js` against a simulator, with a fresh data directory that `stop()` removes. */
export const startHost = async (sim, env = {}) => {
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'admit-bench-'));
  const { child, match, stop } = await spawnUntilLine(
    'out/main/web.js',
    ['--port', '0', '--data-dir', dataDir],
    { SLACK_API_URL: sim.apiUrl, ADMIT_OFFER_DEMO: 'false', ...env },
    HOST_LINE,
    'browser host',
  );
  const url = match[1];
  const key = match[2];
  const origin = new URL(url).origin;
  const host = {
    url,
    key,
    origin,
    dataDir,
    pid: child.pid,
    stop: async () => {
      await stop();
      await rm(dataDir, { recursive: true, force: true });
    },
    /** Calls one contract channel the way the page does; throws on a failed result. */
    invoke: async (channel, input) => {
      const response = await fetch(`${origin}/api/invoke/${channel}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-admit-key': key },
        body: JSON.stringify({ input }),
      });
      const result = await response.json();
      if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
      return result.value;
    },
    /** Subscribes to the host's Server-Sent Events; returns an unsubscribe function. */
    events: (listener) => subscribeEvents(origin, key, listener),
  };
  return host;
};

/** Reads `/api/events` and calls `listener(event, payload, receivedAtMs)` for each frame. */
const subscribeEvents = (origin, key, listener) => {
  const controller = new AbortController();
  const ready = (async () => {
    // The event stream opens with a single-use ticket that a keyed call buys.
    const answer = await (
      await fetch(`${origin}/api/events/ticket`, { method: 'POST', headers: { 'x-admit-key': key } })
    ).json();
    const response = await fetch(`${origin}/api/events?ticket=${answer.value.ticket}`, {
      signal: controller.signal,
    });
    const reader = response.body.getReader();
    const decoder = new TextDecoder();
    let buffer = '';
    void (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) return;
          buffer += decoder.decode(value, { stream: true });
          let end;
          while ((end = buffer.indexOf('\n\n')) >= 0) {
            const frame = buffer.slice(0, end);
            buffer = buffer.slice(end + 2);
            const event = /^event: (.*)$/m.exec(frame)?.[1];
            const data = /^data: (.*)$/m.exec(frame)?.[1];
            if (event && data) listener(event, JSON.parse(data), performance.now());
          }
        }
      } catch {
        // Aborted by the caller.
      }
    })();
  })();
  return { ready, close: () => controller.abort() };
};

/** Signs a host into the simulator's org and waits until the first full sync has finished. */
export const signInAndSync = async (host, sim) => {
  await host.invoke('session:connectToken', { token: sim.token });
  // Sign-in starts a sync in the background; a refresh joins that same sync and resolves with it.
  return host.invoke('inbox:refresh');
};

/** Polls until `check` returns something other than undefined, or throws after `timeoutMs`. */
export const until = async (check, timeoutMs, what, everyMs = 100) => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
};

/** Runs `fn` with resources that are always stopped afterwards, in reverse order. */
export const withResources = async (fn) => {
  const stack = [];
  const use = (resource) => {
    stack.push(resource);
    return resource;
  };
  try {
    return await fn(use);
  } finally {
    for (const r of stack.reverse()) await r.stop().catch(() => undefined);
  }
};
