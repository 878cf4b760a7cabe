/** Settings the admin changes in the app, saved by main. */
import type { AdmitApi } from '../../../shared/contract';
import type { AppStore } from './app-store';
import type { Unwrap } from './unwrap';

/** Binds the settings' setters; each shows what main saved. */
export const createSettingsCommands = (api: AdmitApi, store: AppStore, unwrap: Unwrap) => {
  const get = store.getState;
  return {
    setSingleKeyShortcuts: async (on: boolean): Promise<void> => {
      const settings = unwrap(await api.settings.set({ singleKeyShortcuts: on }));
      if (settings) get().setSettings(settings);
    },
    /** Turns desktop notifications for new requests on or off. */
    setNotifications: async (on: boolean): Promise<void> => {
      const settings = unwrap(await api.settings.set({ notifications: on }));
      if (settings) get().setSettings(settings);
    },
    /** Changes how many days a request may wait before it is overdue. */
    setOverdueAfterDays: async (days: number): Promise<void> => {
      const settings = unwrap(await api.settings.set({ overdueAfterDays: days }));
      if (settings) get().setSettings(settings);
    },
  };
};
