/** The first-run bar: the keys that matter most, in one line, until the admin dismisses it. */
import { useAppStore, useController } from './context';

const KEYS: [key: string, what: string][] = [
  ['j / k', 'move'],
  ['Enter', 'details'],
  ['a', 'approve'],
  ['r', 'restrict'],
  ['u', 'undo'],
  ['?', 'every shortcut'],
];

/** Shown until dismissed (remembered); with single-key shortcuts off it names the palette instead. */
export const KeyHint = () => {
  const dismissed = useAppStore((s) => s.settings.keyHintDismissed);
  const singleKeys = useAppStore((s) => s.settings.singleKeyShortcuts);
  const preferences = useController().preferences;
  if (dismissed) return null;
  return (
    <aside className="key-hint" aria-label="Keyboard hint">
      <p>
        {singleKeys ? (
          <>
            <span className="key-hint-lead">The keyboard is the fast path:</span>
            {KEYS.map(([key, what]) => (
              <span key={key} className="key-hint-item">
                <kbd>{key}</kbd> {what}
              </span>
            ))}
          </>
        ) : (
          <span>
            Single-key shortcuts are off: <kbd>Ctrl/Cmd+K</kbd> opens every command.
          </span>
        )}
      </p>
      <button type="button" className="small" onClick={() => void preferences.dismissKeyHint()}>
        Got it
      </button>
    </aside>
  );
};
