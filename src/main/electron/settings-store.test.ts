import { describe, expect, it, vi } from 'vitest';

const files = new Map<string, unknown>();
vi.mock('electron-store', () => ({
  default: class {
    private readonly key: string;
    constructor(options: { name: string; cwd: string; clearInvalidConfig: boolean }) {
      expect(options.clearInvalidConfig).toBe(true); // a damaged file means defaults, never a crash
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

describe('Electron settings storage', () => {
  it('keeps settings across launches in the user-data folder, with policy still on top', () => {
    const first = createSettings(electronSettingsStorage('/userdata'), {});
    first.update({ singleKeyShortcuts: false });
    first.lastOrg.set('E0ACMECORP1');
    const next = createSettings(electronSettingsStorage('/userdata'), {});
    expect(next.view()).toEqual({ singleKeyShortcuts: false, managed: [] });
    expect(next.lastOrg.get()).toBe('E0ACMECORP1');
    const managed = createSettings(electronSettingsStorage('/userdata'), {
      disableSingleKeyShortcuts: false,
    });
    expect(managed.view()).toEqual({ singleKeyShortcuts: true, managed: ['singleKeyShortcuts'] });
  });
});
