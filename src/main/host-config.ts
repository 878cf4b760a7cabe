/** Settings every host reads at launch: flags win over ADMIT_* environment variables, which win over defaults. */
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';

export const DEFAULT_SLACK_API_URL = 'https://slack.com/api/';

export type HostConfig = { port: number; dataDir: string; slackApiUrl: string };

/** Ensures the Slack API base is an http(s) URL ending in a slash, so method names append cleanly. */
export const normalizeApiUrl = (raw: string): string => {
  const url = new URL(raw);
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new Error(`SLACK_API_URL must be an http(s) URL, got ${raw}`);
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
};

/** Where Admit keeps its data when nothing says otherwise (the Electron shell uses app.getPath('userData')). */
export const defaultDataDir = (): string => path.join(os.homedir(), '.admit');

/** Reads the browser host's flags and environment. */
export const readHostConfig = (argv: string[], env: NodeJS.ProcessEnv): HostConfig => {
  const { values } = parseArgs({
    args: argv,
    options: { port: { type: 'string' }, 'data-dir': { type: 'string' } },
    strict: true,
  });
  const portText = values.port ?? env['ADMIT_PORT'] ?? '0';
  const port = Number(portText);
  if (!Number.isInteger(port) || port < 0 || port > 65535) {
    throw new Error(`--port/ADMIT_PORT must be an integer 0-65535 (0 = any free port), got ${portText}`);
  }
  return {
    port,
    dataDir: path.resolve(values['data-dir'] ?? env['ADMIT_DATA_DIR'] ?? defaultDataDir()),
    slackApiUrl: normalizeApiUrl(env['SLACK_API_URL'] ?? DEFAULT_SLACK_API_URL),
  };
};
