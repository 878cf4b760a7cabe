/**
 * The layers of docs/architecture.md are held by lint (eslint.config.js), not by convention: each case
 * lints one import as if it were a file in a zone, through ESLint's Node API with the repository's own
 * config, and names the rule that must fire, or that none may. The code never exists on disk, so the
 * normal lint run and the compiler never see it.
 */
import path from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';

const root = path.resolve(import.meta.dirname, '..');

// Type information is not needed for import rules; without it each case lints in milliseconds.
const eslint = new ESLint({
  cwd: root,
  overrideConfig: {
    languageOptions: { parserOptions: { projectService: false } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'off',
      '@typescript-eslint/no-misused-promises': 'off',
    },
  },
});

type Case = {
  file: string;
  code: string;
  rule: 'no-restricted-imports' | 'no-restricted-syntax';
  says: string;
};

const violations: Case[] = [
  // src/shared: nothing from main, the renderer or the simulator; no Node built-ins; no electron.
  {
    file: 'src/shared/fixture.ts',
    code: "export { createAccounts } from '../main/service/accounts';",
    rule: 'no-restricted-imports',
    says: 'src/shared is the layer everything else imports',
  },
  {
    file: 'src/shared/fixture.ts',
    code: "import type { App } from '../renderer/src/App';\nexport type A = App;",
    rule: 'no-restricted-imports',
    says: 'src/shared is the layer everything else imports',
  },
  {
    file: 'src/shared/fixture.ts',
    code: "import { readFile } from 'node:fs/promises';\nexport const r = readFile;",
    rule: 'no-restricted-imports',
    says: 'no Node built-ins',
  },
  {
    file: 'src/shared/fixture.ts',
    code: "import path from 'path';\nexport const p = path;",
    rule: 'no-restricted-imports',
    says: 'no Node built-ins',
  },
  {
    file: 'src/shared/fixture.ts',
    code: "export const load = () => import('node:crypto');",
    rule: 'no-restricted-syntax',
    says: 'no Node built-ins',
  },
  {
    file: 'src/shared/fixture.ts',
    code: "export type Fs = typeof import('node:fs');",
    rule: 'no-restricted-syntax',
    says: 'no Node built-ins',
  },
  // src/simulator: nothing from the code it stands in for.
  {
    file: 'src/simulator/fixture.ts',
    code: "export { createSlackAdminClient } from '../main/slack';",
    rule: 'no-restricted-imports',
    says: "The simulator is Slack's witness",
  },
  {
    file: 'src/simulator/methods/fixture.ts',
    code: "export const load = () => import('../../main/slack/wire');",
    rule: 'no-restricted-syntax',
    says: "The simulator is Slack's witness",
  },
  // The core under src/main: neither host, and never electron.
  {
    file: 'src/main/service/fixture.ts',
    code: "export { registerIpc } from '../electron/ipc';",
    rule: 'no-restricted-imports',
    says: 'The core under src/main imports neither host',
  },
  {
    file: 'src/main/fixture.ts',
    code: "export { startWebHost } from './web/web-host';",
    rule: 'no-restricted-imports',
    says: 'The core under src/main imports neither host',
  },
  {
    file: 'src/main/queue/fixture.ts',
    code: "import { app } from 'electron';\nexport const a = app;",
    rule: 'no-restricted-imports',
    says: 'Only the Electron shell',
  },
  {
    file: 'src/main/queue/fixture.ts',
    code: "export const load = async () => (await import('electron')).app;",
    rule: 'no-restricted-syntax',
    says: 'Only the Electron shell',
  },
  // The hosts: each uses the core, neither the other.
  {
    file: 'src/main/electron/fixture.ts',
    code: "export { readStatic } from '../web/web-host';",
    rule: 'no-restricted-imports',
    says: 'The Electron shell does not import the browser host',
  },
  {
    file: 'src/main/web/fixture.ts',
    code: "export const load = () => import('../electron/app-protocol');",
    rule: 'no-restricted-syntax',
    says: 'The browser host does not import the Electron shell',
  },
  {
    file: 'src/main/web/fixture.ts',
    code: "import { net } from 'electron';\nexport const n = net;",
    rule: 'no-restricted-imports',
    says: 'Only the Electron shell',
  },
  // The renderer: only the contract.
  {
    file: 'src/renderer/src/store/fixture.ts',
    code: "export { createAccounts } from '../../../main/service/accounts';",
    rule: 'no-restricted-imports',
    says: 'The renderer talks to main only through the contract',
  },
  {
    file: 'src/renderer/src/fixture.ts',
    code: "export const load = () => import('node:path');",
    rule: 'no-restricted-syntax',
    says: 'no Node built-ins',
  },
];

const allowed: { file: string; code: string }[] = [
  { file: 'src/shared/fixture.ts', code: "export { z } from 'zod';\nexport { ok } from './result';" },
  { file: 'src/simulator/fixture.ts', code: "export { methodFacts } from '../slack-facts';" },
  { file: 'src/main/service/fixture.ts', code: "export { keyOf } from '../../shared/actions';" },
  { file: 'src/main/sync/fixture.ts', code: "export { systemTimers } from '../time/timers';" },
  { file: 'src/main/web/fixture.ts', code: "export { readStatic } from '../files/static-files';" },
  { file: 'src/main/electron/fixture.ts', code: "import { app } from 'electron';\nexport const a = app;" },
  { file: 'src/main/fixture.ts', code: "export const load = () => import('node:fs');" },
  {
    file: 'src/renderer/src/fixture.ts',
    code: "export type { AdmitApi } from '../../shared/contract-names';",
  },
];

const lint = async (file: string, code: string) => {
  const [result] = await eslint.lintText(`${code}\n`, { filePath: path.join(root, file) });
  return result?.messages ?? [];
};

describe('layer zones', () => {
  it.each(violations)('$file: $code → $rule', async ({ file, code, rule, says }) => {
    const messages = await lint(file, code);
    expect(messages.map((m) => m.ruleId)).toEqual([rule]);
    expect(messages[0]?.message).toContain(says);
  });

  it.each(allowed)('$file: $code is allowed', async ({ file, code }) => {
    expect(await lint(file, code)).toEqual([]);
  });
});
