import { mkdtempSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

const files = new Map<string, unknown>();
vi.mock('electron-store', () => ({
  default: class {
    private readonly key: string;
    constructor(options: { name: string; cwd: string; clearInvalidConfig: boolean; configFileMode: number }) {
      expect(options.clearInvalidConfig).toBe(true); // a damaged file means defaults, never a crash
      expect(options.configFileMode).toBe(0o600);
      this.key = `${options.cwd}/${options.name}.json`;
    }
    get store(): unknown {
      return files.get(this.key) ?? {};
    }
    set store(value: unknown) {
      files.set(this.key, value);
    }
  },
}));

const { electronSettingsStorage } = await import('./settings-store');
const { createSettings } = await import('../service/settings');

const root = mkdtempSync(path.join(os.tmpdir(), 'admit-settings-'));
const userData = path.join(root, 'Admit');

describe('Electron settings storage', () => {
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it('keeps settings across launches in the user-data folder, with policy still on top', () => {
    const first = createSettings(electronSettingsStorage(userData), {});
    first.update({ singleKeyShortcuts: false });
    first.lastOrg.set('E0ACMECORP1');
    const next = createSettings(electronSettingsStorage(userData), {});
    expect(next.view()).toEqual({
      singleKeyShortcuts: false,
      overdueAfterDays: 3,
      notifications: true,
      queueCollapsed: false,
      keyHintDismissed: false,
      managed: [],
    });
    expect(next.lastOrg.get()).toBe('E0ACMECORP1');
    const managed = createSettings(electronSettingsStorage(userData), {
      disableSingleKeyShortcuts: false,
    });
    expect(managed.view()).toEqual({
      singleKeyShortcuts: true,
      overdueAfterDays: 3,
      notifications: true,
      queueCollapsed: false,
      keyHintDismissed: false,
      managed: ['singleKeyShortcuts'],
    });
  });

  it.runIf(process.platform !== 'win32')('keeps them in a folder only this user may enter', () => {
    electronSettingsStorage(userData);
    expect(statSync(userData).mode & 0o777).toBe(0o700);
  });
});
