/** Binds the shortcut registry to the window's key events. */
import { useEffect } from 'react';
import { useController, useStoreApi } from '../components/context';
import { commandFor } from './shortcuts';

/** Runs the registry's command for each key press that is not meant for a text field or an IME. */
export const useShortcuts = (): void => {
  const store = useStoreApi();
  const controller = useController();
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent): void => {
      const s = store.getState();
      if (s.session?.status !== 'signed_in') return;
      const command = commandFor(event, {
        singleKeyShortcuts: s.settings.singleKeyShortcuts,
        overlayOpen: s.overlay !== null,
      });
      if (!command) return;
      event.preventDefault();
      command.run({ controller, store });
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [controller, store]);
};
