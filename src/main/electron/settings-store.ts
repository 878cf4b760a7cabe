/** The Electron shell keeps Admit's few small settings with electron-store (one JSON file in the user-data folder). */
import Store from 'electron-store';
import type { SettingsStorage, StoredSettings } from '../service/settings';

/** A SettingsStorage over electron-store; the service validates what it reads. */
export const electronSettingsStorage = (cwd: string): SettingsStorage => {
  const store = new Store<Partial<StoredSettings>>({ name: 'settings', cwd, clearInvalidConfig: true });
  return {
    read: () => store.store,
    write: (values) => {
      store.store = values;
    },
  };
};
