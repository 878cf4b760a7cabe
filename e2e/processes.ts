/** Child processes for end-to-end tests that need more than one page: the simulator, and API calls to a host. */
import { spawn, type ChildProcess } from 'node:child_process';
import { launchKey, type RunningWebHost } from './web-host';

export type RunningSimulator = {
  apiUrl: string;
  origin: string;
  token: string;
  child: ChildProcess;
  stop(): Promise<void>;
};

const SIM_LINE = /^Slack simulator at (http:\/\/127\.0\.0\.1:\d+\/api\/) token=(\S+)$/m;

/** Starts `out/main/simulator.js` with the given flags and waits for its one line. */
export const startSimulatorProcess = async (args: string[] = []): Promise<RunningSimulator> => {
  const child = spawn(process.execPath, ['out/main/simulator.js', '--port', '0', ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let out = '';
  let err = '';
  child.stderr?.on('data', (c: Buffer) => (err += c.toString()));
  const [apiUrl, token] = await new Promise<[string, string]>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`simulator did not start: ${err}`)), 20_000);
    child.stdout?.on('data', (c: Buffer) => {
      out += c.toString();
      const m = SIM_LINE.exec(out);
      if (m?.[1] && m[2]) {
        clearTimeout(timer);
        resolve([m[1], m[2]]);
      }
    });
    child.once('exit', (code) => reject(new Error(`simulator exited with ${code}: ${err}`)));
  });
  return {
    apiUrl,
    origin: new URL(apiUrl).origin,
    token,
    child,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
};

type Answer<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };

/** Calls one contract channel on a browser host, the way the page does, and returns its Result. */
export const invokeRaw = async <T>(
  host: RunningWebHost,
  channel: string,
  input?: unknown,
): Promise<Answer<T>> => {
  const response = await fetch(`${new URL(host.url).origin}/api/invoke/${channel}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-admit-key': launchKey(host) },
    body: JSON.stringify({ input }),
  });
  return (await response.json()) as Answer<T>;
};

/** Calls one contract channel; throws on a failed result. */
export const invoke = async <T>(host: RunningWebHost, channel: string, input?: unknown): Promise<T> => {
  const result = await invokeRaw<T>(host, channel, input);
  if (!result.ok) throw new Error(`${channel}: ${result.error.code}: ${result.error.message}`);
  return result.value;
};

/** Reads the simulator's control API. */
export const simGet = async <T>(sim: RunningSimulator, path: string): Promise<T> =>
  (await (await fetch(`${sim.origin}${path}`)).json()) as T;

/** Polls until `check` returns a value (not undefined), or fails after `timeoutMs`. */
export const until = async <T>(
  check: () => Promise<T | undefined>,
  timeoutMs = 30_000,
  what = 'condition',
): Promise<T> => {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await check().catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};
