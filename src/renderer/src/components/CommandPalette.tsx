/** Ctrl/⌘+K: every command from the registry, filterable; Enter runs the highlighted one. */
import { useMemo, useState, type KeyboardEvent } from 'react';
import { commands, displayKey } from '../keyboard/shortcuts';
import { useController, useStoreApi } from './context';
import { Dialog } from './Dialog';
import { isMac } from './platform';

/** The command palette dialog. */
export const CommandPalette = () => {
  const store = useStoreApi();
  const controller = useController();
  const [query, setQuery] = useState('');
  const [index, setIndex] = useState(0);
  const matching = useMemo(() => {
    const q = query.trim().toLowerCase();
    return commands.filter(
      (c) =>
        c.id !== 'palette' && (!q || c.title.toLowerCase().includes(q) || c.group.toLowerCase().includes(q)),
    );
  }, [query]);
  const close = () => store.getState().setOverlay(null);
  const run = (i: number) => {
    const command = matching[i];
    if (!command) return;
    close();
    command.run({ controller, store });
  };
  const onKeyDown = (event: KeyboardEvent<HTMLInputElement>): void => {
    if (event.key === 'ArrowDown' || event.key === 'ArrowUp') {
      event.preventDefault();
      const step = event.key === 'ArrowDown' ? 1 : -1;
      setIndex((i) => (i + step + matching.length) % Math.max(1, matching.length));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      run(index);
    }
  };
  const optionId = (i: number) => `palette-option-${i}`;
  return (
    <Dialog title="Command palette" onClose={close} className="palette">
      <input
        type="text"
        role="combobox"
        aria-expanded="true"
        aria-controls="palette-list"
        aria-activedescendant={matching.length > 0 ? optionId(index) : undefined}
        aria-label="Type a command"
        placeholder="Type a command…"
        data-autofocus
        value={query}
        onChange={(e) => {
          setQuery(e.target.value);
          setIndex(0);
        }}
        onKeyDown={onKeyDown}
      />
      <ul id="palette-list" role="listbox" aria-label="Commands">
        {matching.map((c, i) => (
          <li
            key={c.id}
            id={optionId(i)}
            role="option"
            aria-selected={i === index}
            className={i === index ? 'active' : ''}
            onMouseEnter={() => setIndex(i)}
            onClick={() => run(i)}
          >
            <span>{c.title}</span>
            <span className="keys">
              {c.keys.map((k) => (
                <kbd key={k}>{displayKey(k, isMac)}</kbd>
              ))}
            </span>
          </li>
        ))}
        {matching.length === 0 && <li className="empty">No command matches.</li>}
      </ul>
    </Dialog>
  );
};
