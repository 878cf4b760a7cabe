/** The Electron shell keeps Admit's few small settings, and where its window was, with electron-store. */
import Store from 'electron-store';
import { ensurePrivateDirSync, PRIVATE_FILE_MODE } from '../files/private-files';
import type { SettingsStorage, StoredSettings } from '../service/settings';
import type { WindowState } from './window-bounds';

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

/** Where the window was left: read back unchecked (window-bounds.ts validates it against the displays). */
export type WindowStateStorage = { read(): unknown; write(state: WindowState): void };

/**
 * The window's size and place, in their own electron-store file (`window-state.json`): the settings
 * file is rewritten whole by the service, and this one changes on every move.
 */
export const electronWindowStateStorage = (cwd: string): WindowStateStorage => {
  ensurePrivateDirSync(cwd);
  const store = new Store<{ window?: WindowState }>({
    name: 'window-state',
    cwd,
    clearInvalidConfig: true,
    configFileMode: PRIVATE_FILE_MODE,
  });
  return {
    read: () => store.get('window'),
    write: (state) => store.set('window', state),
  };
};
