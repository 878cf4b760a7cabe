import { mkdtemp, readdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createJsonSettingsStorage, createSettings } from './settings';

describe("the browser host's settings file", () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'admit-settings-'));
  });
  afterEach(() => rm(dir, { recursive: true, force: true }));

  it('is written atomically, mode 0600, and read back', async () => {
    const file = path.join(dir, 'data', 'settings.json');
    const settings = createSettings(createJsonSettingsStorage(file), {});
    settings.update({ singleKeyShortcuts: false });
    settings.lastOrg.set('E0ACME');
    expect(JSON.parse(await readFile(file, 'utf8'))).toEqual({
      singleKeyShortcuts: false,
      overdueAfterDays: 3,
      notifications: true,
      queueCollapsed: false,
      keyHintDismissed: false,
      lastOrg: 'E0ACME',
    });
    expect(await readdir(path.dirname(file))).toEqual(['settings.json']);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    expect(createSettings(createJsonSettingsStorage(file), {}).lastOrg.get()).toBe('E0ACME');
  });

  it('remembers the layout choices (queue folded, key hint dismissed), which policy never fixes', async () => {
    const file = path.join(dir, 'settings.json');
    const settings = createSettings(createJsonSettingsStorage(file), { disableNotifications: true });
    expect(settings.update({ queueCollapsed: true, keyHintDismissed: true })).toMatchObject({
      queueCollapsed: true,
      keyHintDismissed: true,
      managed: ['notifications'],
    });
    expect(createSettings(createJsonSettingsStorage(file), {}).view()).toMatchObject({
      queueCollapsed: true,
      keyHintDismissed: true,
    });
    expect(() => settings.update({ notifications: true })).toThrow(/managed by your organization/);
  });

  it('falls back to defaults when the file is damaged', async () => {
    const file = path.join(dir, 'settings.json');
    await writeFile(file, '{ not json');
    expect(createSettings(createJsonSettingsStorage(file), {}).view()).toEqual({
      singleKeyShortcuts: true,
      overdueAfterDays: 3,
      notifications: true,
      queueCollapsed: false,
      keyHintDismissed: false,
      managed: [],
    });
  });

  it('keeps the overdue threshold, and refuses to change it while policy fixes it', async () => {
    const file = path.join(dir, 'settings.json');
    const settings = createSettings(createJsonSettingsStorage(file), {});
    expect(settings.update({ overdueAfterDays: 10 }).overdueAfterDays).toBe(10);
    expect(createSettings(createJsonSettingsStorage(file), {}).view().overdueAfterDays).toBe(10);
    const managed = createSettings(createJsonSettingsStorage(file), { overdueAfterDays: 5 });
    expect(managed.view()).toMatchObject({ overdueAfterDays: 5, managed: ['overdueAfterDays'] });
    expect(() => managed.update({ overdueAfterDays: 2 })).toThrow(/managed by your organization/);
  });
});
