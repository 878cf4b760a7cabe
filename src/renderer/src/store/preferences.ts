/**
 * The layout's own remembered choices (the queue panel folded, the first-run key hint dismissed),
 * kept by main's settings like every other setting: shown at once, then saved; a failed save goes to
 * the notice and the choice is put back as main has it.
 */
import type { AdmitApi } from '../../../shared/contract';
import type { Result } from '../../../shared/result';
import type { Settings } from '../../../shared/view-types';
import type { AppStore } from './app-store';

type Choice = Pick<Settings, 'queueCollapsed' | 'keyHintDismissed'>;

/** The preference calls, bound to a store. */
export const createPreferences = (
  api: AdmitApi,
  store: AppStore,
  unwrap: <T>(result: Result<T>) => T | undefined,
) => {
  const save = async (patch: Partial<Choice>): Promise<void> => {
    const before = store.getState().settings;
    store.getState().setSettings({ ...before, ...patch });
    const saved = unwrap(await api.settings.set(patch));
    store.getState().setSettings(saved ?? before);
  };
  return {
    /** Folds the queue panel to a strip, or opens it again; remembered across launches. */
    setQueueCollapsed: (collapsed: boolean): Promise<void> => save({ queueCollapsed: collapsed }),
    /** Hides the first-run bar that names the main keys, for good. */
    dismissKeyHint: (): Promise<void> => save({ keyHintDismissed: true }),
  };
};
