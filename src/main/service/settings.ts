/**
 * Small user settings (electron-store in the Electron shell, a JSON file in the browser host),
 * with managed policy on top: a key fixed by policy cannot be changed and is marked as managed.
 */
import { readFileSync } from 'node:fs';
import { z } from 'zod';
import { AdmitError } from '../../shared/result';
import type { ApprovalRule } from '../../shared/rules';
import type { ManagedSetting, Settings } from '../../shared/view-types';
import { writePrivateFileSync } from '../files/private-files';

/** Where settings live; both hosts implement it. */
export type SettingsStorage = { read(): unknown; write(values: StoredSettings): void };

/** The longest a request may wait before it is overdue, in days (also policy `OverdueAfterDays`). */
export const OverdueDaysSchema = z.int().min(1).max(365);

const StoredSettingsSchema = z.object({
  singleKeyShortcuts: z.boolean().default(true),
  overdueAfterDays: OverdueDaysSchema.default(3),
  notifications: z.boolean().default(true),
  queueCollapsed: z.boolean().default(false),
  keyHintDismissed: z.boolean().default(false),
  lastOrg: z.string().nullable().default(null),
  /** The admin's own approval rules, as written; checked rule by rule by src/main/rules/rule-book.ts. */
  personalRules: z.array(z.unknown()).max(200).optional(),
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

/** What managed policy fixes; a key left undefined is the user's to choose. */
export type SettingsPolicy = {
  disableSingleKeyShortcuts?: boolean;
  overdueAfterDays?: number;
  disableNotifications?: boolean;
  /** Managed approval rules (policy `ApprovalRules`), shown first and locked. */
  approvalRules?: ApprovalRule[];
  /** Policy `AllowPersonalAutoRules`: personal rules may decide by themselves. */
  allowPersonalAutoRules?: boolean;
};

/** Settings with policy applied. A policy value that is set means its setting is managed. */
export const createSettings = (storage: SettingsStorage, policy: SettingsPolicy) => {
  const parsed = StoredSettingsSchema.safeParse(storage.read());
  let stored: StoredSettings = parsed.success ? parsed.data : StoredSettingsSchema.parse({});
  const managed: Settings['managed'] = [
    ...(policy.disableSingleKeyShortcuts === undefined ? [] : (['singleKeyShortcuts'] as const)),
    ...(policy.overdueAfterDays === undefined ? [] : (['overdueAfterDays'] as const)),
    ...(policy.disableNotifications === undefined ? [] : (['notifications'] as const)),
  ];

  const view = (): Settings => ({
    singleKeyShortcuts:
      policy.disableSingleKeyShortcuts === undefined
        ? stored.singleKeyShortcuts
        : !policy.disableSingleKeyShortcuts,
    overdueAfterDays: policy.overdueAfterDays ?? stored.overdueAfterDays,
    notifications:
      policy.disableNotifications === undefined ? stored.notifications : !policy.disableNotifications,
    queueCollapsed: stored.queueCollapsed,
    keyHintDismissed: stored.keyHintDismissed,
    managed,
  });
  const save = (next: StoredSettings): void => {
    stored = next;
    storage.write(stored);
  };
  const names: Record<ManagedSetting, string> = {
    singleKeyShortcuts: 'Single-key shortcuts are',
    overdueAfterDays: 'When a request is overdue is',
    notifications: 'Desktop notifications are',
  };

  return {
    view,
    update: (patch: Partial<Omit<Settings, 'managed'>>): Settings => {
      for (const key of managed) {
        if (patch[key] !== undefined) {
          throw new AdmitError('policy', `${names[key]} managed by your organization.`);
        }
      }
      save({ ...stored, ...patch });
      return view();
    },
    lastOrg: {
      get: (): string | null => stored.lastOrg,
      set: (enterpriseId: string | null): void => save({ ...stored, lastOrg: enterpriseId }),
    },
    personalRules: {
      get: (): unknown[] => stored.personalRules ?? [],
      set: (rules: unknown[]): void => save({ ...stored, personalRules: rules }),
    },
  };
};
