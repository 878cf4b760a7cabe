/** The Electron shell keeps Admit's few small settings with electron-store (one JSON file in the user-data folder). */
import Store from 'electron-store';
import { ensurePrivateDirSync, PRIVATE_FILE_MODE } from '../files/private-files';
import type { SettingsStorage, StoredSettings } from '../service/settings';

/** A SettingsStorage over electron-store, file mode 0600 in a 0700 folder; the service validates what it reads. */
export const electronSettingsStorage = (cwd: string): SettingsStorage => {
  ensurePrivateDirSync(cwd);
  const store = new Store<Partial<StoredSettings>>({
    name: 'settings',
    cwd,
    clearInvalidConfig: true,
    configFileMode: PRIVATE_FILE_MODE,
  });
  return {
    read: () => store.store,
    write: (values) => {
      store.store = values;
    },
  };
};
