/** Starts the built browser host (`out/main/web.js`) as a child process with its own data directory. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';

export type RunningWebHost = {
  url: string;
  dataDir: string;
  child: ChildProcess;
  /** Stops gracefully and removes a data directory this call created. */
  stop(): Promise<void>;
  /** SIGKILL: no chance to flush or clean up, like a crash or a power cut. */
  kill(): Promise<void>;
};

const stopChild = async (child: ChildProcess, signal: NodeJS.Signals): Promise<void> => {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill(signal);
  await exited;
};

const LAUNCH_LINE = /^Admit is running at (http:\/\/127\.0\.0\.1:\d+\/#key=[\w-]+)$/m;

/** The launch key, carried in the launch URL's fragment (`#key=…`). */
export const launchKey = (host: RunningWebHost): string =>
  new URLSearchParams(new URL(host.url).hash.slice(1)).get('key') ?? '';

/** Launches the host and resolves once it has printed its one launch line. */
export const startWebHostProcess = async (
  env: Record<string, string> = {},
  existingDataDir?: string,
): Promise<RunningWebHost> => {
  const dataDir = existingDataDir ?? (await mkdtemp(path.join(os.tmpdir(), 'admit-e2e-')));
  const child = spawn(process.execPath, ['out/main/web.js', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`web host did not start: ${stderr}`)), 20_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const match = LAUNCH_LINE.exec(stdout);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.once('exit', (code) => reject(new Error(`web host exited with ${code}: ${stderr}`)));
  });
  return {
    url,
    dataDir,
    child,
    stop: async () => {
      await stopChild(child, 'SIGTERM');
      if (!existingDataDir) await rm(dataDir, { recursive: true, force: true });
    },
    kill: () => stopChild(child, 'SIGKILL'),
  };
};
