/**
 * Small user settings (electron-store in the Electron shell, a JSON file in the browser host),
 * with managed policy on top: a key fixed by policy cannot be changed and is marked as managed.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AdmitError } from '../../shared/result';
import type { Settings } from '../../shared/view-types';
import { writePrivateFileSync } from '../files/private-files';

/** Where settings live; both hosts implement it. */
export type SettingsStorage = { read(): unknown; write(values: StoredSettings): void };

const StoredSettingsSchema = z.object({
  singleKeyShortcuts: z.boolean().default(true),
  lastOrg: z.string().nullable().default(null),
});
export type StoredSettings = z.infer<typeof StoredSettingsSchema>;

/** A settings file written atomically (temp file + fsync + rename), mode 0600, for the browser host. */
export const createJsonSettingsStorage = (file: string): SettingsStorage => ({
  read: () => {
    try {
      return JSON.parse(readFileSync(file, 'utf8')) as unknown;
    } catch {
      return {}; // missing or damaged: defaults, never a crash
    }
  },
  write: (values) => writePrivateFileSync(file, JSON.stringify(values, null, 2)),
});

/** Settings with policy applied. `policy.disableSingleKeyShortcuts` set means the key is managed. */
export const createSettings = (storage: SettingsStorage, policy: { disableSingleKeyShortcuts?: boolean }) => {
  const parsed = StoredSettingsSchema.safeParse(storage.read());
  let stored: StoredSettings = parsed.success ? parsed.data : StoredSettingsSchema.parse({});
  const managed: Settings['managed'] =
    policy.disableSingleKeyShortcuts === undefined ? [] : ['singleKeyShortcuts'];

  const view = (): Settings => ({
    singleKeyShortcuts:
      policy.disableSingleKeyShortcuts === undefined
        ? stored.singleKeyShortcuts
        : !policy.disableSingleKeyShortcuts,
    managed,
  });
  const save = (next: StoredSettings): void => {
    stored = next;
    storage.write(stored);
  };

  return {
    view,
    update: (patch: Partial<Pick<Settings, 'singleKeyShortcuts'>>): Settings => {
      if (patch.singleKeyShortcuts !== undefined && managed.includes('singleKeyShortcuts')) {
        throw new AdmitError('policy', 'Single-key shortcuts are managed by your organization.');
      }
      save({ ...stored, ...patch });
      return view();
    },
    lastOrg: {
      get: (): string | null => stored.lastOrg,
      set: (enterpriseId: string | null): void => save({ ...stored, lastOrg: enterpriseId }),
    },
  };
};
