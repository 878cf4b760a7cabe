/** Binds the shortcut registry to the window's key events. */
import { useEffect } from 'react';
import { useController, useStoreApi } from '../components/context';
import { commandFor, sequenceStart } from './shortcuts';

/** How long the second key of a sequence (`g a`) may wait after the first. */
const SEQUENCE_MS = 1500;

/** Runs the registry's command for each key press that is not meant for a text field or an IME. */
export const useShortcuts = (): void => {
  const store = useStoreApi();
  const controller = useController();
  useEffect(() => {
    let prefix: { key: string; at: number } | null = null;
    const onKeyDown = (event: KeyboardEvent): void => {
      const s = store.getState();
      if (s.session?.status !== 'signed_in') return;
      if (['Shift', 'Control', 'Alt', 'Meta'].includes(event.key)) return;
      const options = {
        singleKeyShortcuts: s.settings.singleKeyShortcuts,
        overlayOpen: s.overlay !== null,
        prefix: prefix && event.timeStamp - prefix.at <= SEQUENCE_MS ? prefix.key : null,
      };
      prefix = null;
      const command = commandFor(event, options);
      if (command) {
        event.preventDefault();
        command.run({ controller, store });
        return;
      }
      const start = sequenceStart(event, options);
      if (start) {
        event.preventDefault();
        prefix = { key: start, at: event.timeStamp };
      }
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [controller, store]);
};
