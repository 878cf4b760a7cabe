/**
 * The one shortcut registry: every command with its keys. The global key handler and the "?"
 * overlay and the command palette all read this list, so they cannot disagree.
 */
import type { AppStore } from '../store/app-store';
import type { Controller } from '../store/controller';

export type CommandContext = { controller: Controller; store: AppStore };
export type CommandGroup = 'Move' | 'Decide' | 'Queue' | 'View';

export type Command = {
  id: string;
  title: string;
  group: CommandGroup;
  /** Key specs: `j`, `ArrowDown`, `Shift+A`, `Mod+k` (Mod is Ctrl, or ⌘ on a Mac), `g a` (g, then a). */
  keys: string[];
  run: (ctx: CommandContext) => void;
};

/** Every command the app offers by keyboard. */
export const commands: readonly Command[] = [
  {
    id: 'next',
    title: 'Next request',
    group: 'Move',
    keys: ['j', 'ArrowDown'],
    run: (c) => c.controller.move(1),
  },
  {
    id: 'prev',
    title: 'Previous request',
    group: 'Move',
    keys: ['k', 'ArrowUp'],
    run: (c) => c.controller.move(-1),
  },
  {
    id: 'first',
    title: 'First request',
    group: 'Move',
    keys: ['Home'],
    run: (c) => c.controller.move('first'),
  },
  { id: 'last', title: 'Last request', group: 'Move', keys: ['End'], run: (c) => c.controller.move('last') },
  {
    id: 'open',
    title: 'Open details (again: accept the suggestion)',
    group: 'Move',
    keys: ['Enter'],
    run: (c) => c.controller.openDetail(),
  },
  {
    id: 'back',
    title: 'Back (close details or clear selection)',
    group: 'Move',
    keys: ['Escape'],
    run: (c) => c.controller.back(),
  },
  {
    id: 'pick',
    title: 'Select for a bulk decision',
    group: 'Move',
    keys: ['x'],
    run: (c) => c.controller.togglePick(),
  },
  { id: 'search', title: 'Search', group: 'Move', keys: ['/'], run: (c) => c.store.getState().focusSearch() },
  {
    id: 'approve',
    title: 'Approve',
    group: 'Decide',
    keys: ['a'],
    run: (c) => void c.controller.decide('approve'),
  },
  {
    id: 'approve-org',
    title: 'Approve for the whole org',
    group: 'Decide',
    keys: ['Shift+A'],
    run: (c) => void c.controller.decide('approve', 'org'),
  },
  {
    id: 'restrict',
    title: 'Restrict',
    group: 'Decide',
    keys: ['r'],
    run: (c) => void c.controller.decide('restrict'),
  },
  {
    id: 'restrict-org',
    title: 'Restrict for the whole org',
    group: 'Decide',
    keys: ['Shift+R'],
    run: (c) => void c.controller.decide('restrict', 'org'),
  },
  {
    id: 'cancel',
    title: 'Cancel request',
    group: 'Decide',
    keys: ['c'],
    run: (c) => void c.controller.decide('cancel'),
  },
  {
    id: 'clear',
    title: 'Clear resolution',
    group: 'Decide',
    keys: ['Shift+C'],
    run: (c) => void c.controller.decide('clearResolution'),
  },
  {
    id: 'uninstall',
    title: 'Uninstall…',
    group: 'Decide',
    keys: ['Shift+U'],
    run: (c) => c.controller.askUninstall(),
  },
  {
    id: 'preapprove',
    title: 'Approve or restrict an app by ID…',
    group: 'Decide',
    keys: [],
    run: (c) => c.controller.preapproval.open(),
  },
  {
    id: 'accept-suggestion',
    title: 'Accept suggestion',
    group: 'Decide',
    keys: ['s'],
    run: (c) => void c.controller.suggestions.acceptSuggestion(),
  },
  {
    id: 'accept-all-suggestions',
    title: 'Accept all suggestions',
    group: 'Decide',
    keys: [],
    run: (c) => void c.controller.suggestions.acceptAll(),
  },
  {
    id: 'undo',
    title: 'Undo the last pending action',
    group: 'Queue',
    keys: ['u', 'Mod+z'],
    run: (c) => void c.controller.undoLast(),
  },
  {
    id: 'export-csv',
    title: 'Export audit log (CSV)',
    group: 'Queue',
    keys: [],
    run: (c) => void c.controller.exportAudit('csv'),
  },
  {
    id: 'export-json',
    title: 'Export audit log (JSON)',
    group: 'Queue',
    keys: [],
    run: (c) => void c.controller.exportAudit('json'),
  },
  {
    id: 'hide-queued',
    title: 'Show only requests not queued yet',
    group: 'View',
    keys: [],
    run: (c) => c.store.getState().setFilters({ queued: 'no' }),
  },
  {
    id: 'clear-filters',
    title: 'Clear filters and search',
    group: 'View',
    keys: [],
    run: (c) => c.store.getState().resetFilters(),
  },
  {
    id: 'refresh',
    title: 'Refresh from Slack',
    group: 'View',
    keys: [],
    run: (c) => void c.controller.refresh(),
  },
  {
    id: 'view-requests',
    title: 'Go to Requests',
    group: 'View',
    keys: ['g r'],
    run: (c) => c.controller.showView('requests'),
  },
  {
    id: 'view-approved',
    title: 'Go to Approved apps',
    group: 'View',
    keys: ['g a'],
    run: (c) => c.controller.showView('approved'),
  },
  {
    id: 'view-restricted',
    title: 'Go to Restricted apps',
    group: 'View',
    keys: ['g x'],
    run: (c) => c.controller.showView('restricted'),
  },
  {
    id: 'view-rules',
    title: 'Go to Approval rules',
    group: 'View',
    keys: ['g u'],
    run: (c) => c.controller.showView('rules'),
  },
  {
    id: 'palette',
    title: 'Command palette',
    group: 'View',
    keys: ['Mod+k'],
    run: (c) => c.store.getState().setOverlay({ kind: 'palette' }),
  },
  {
    id: 'help',
    title: 'Keyboard shortcuts',
    group: 'View',
    keys: ['?'],
    run: (c) => c.store.getState().setOverlay({ kind: 'help' }),
  },
  {
    id: 'settings',
    title: 'Settings',
    group: 'View',
    keys: ['Mod+,'],
    run: (c) => c.store.getState().setOverlay({ kind: 'settings' }),
  },
];

type Spec = { key: string; mod: boolean; shift: boolean; alt: boolean };

const parse = (spec: string): Spec => {
  const parts = spec.split('+');
  const key = parts.pop() || '+';
  return { key, mod: parts.includes('Mod'), shift: parts.includes('Shift'), alt: parts.includes('Alt') };
};

const isCharacter = (key: string): boolean => key.length === 1;
const isLetter = (key: string): boolean => /^[a-z]$/i.test(key);

/** The steps of a spec: `g a` is g, then a; every other spec is one step. */
const steps = (spec: string): string[] => spec.split(' ');

/**
 * A shortcut made of character keys only (with Shift at most), which WCAG 2.1.4 lets users turn
 * off: one key, or a sequence of them like `g a`.
 */
export const isSingleKey = (spec: string): boolean =>
  steps(spec).every((step) => {
    const s = parse(step);
    return !s.mod && !s.alt && isCharacter(s.key);
  });

type KeyEvent = Pick<KeyboardEvent, 'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey'>;

/** One step of a key spec, parsed once: what a key event must be to press it. */
type Step = Spec & { letter: boolean; character: boolean };

const stepOf = (spec: string): Step => {
  const s = parse(spec);
  const letter = isLetter(s.key);
  // A letter is compared in lower case: Shift is checked on its own.
  return { ...s, key: letter ? s.key.toLowerCase() : s.key, letter, character: isCharacter(s.key) };
};

/** Does this key event press this step? */
const presses = (s: Step, e: KeyEvent): boolean => {
  if (s.mod !== (e.ctrlKey || e.metaKey) || s.alt !== e.altKey) return false;
  if (s.letter) return e.key.toLowerCase() === s.key && e.shiftKey === s.shift;
  // Punctuation like ? and / already encodes Shift in the character.
  if (s.character) return e.key === s.key;
  return e.key === s.key && e.shiftKey === s.shift;
};

/** A command's key spec, parsed: one step, or a sequence of two (`g a`). */
type Binding = { command: Command; first: Step; firstKey: string; second?: Step; singleKey: boolean };

const compile = (registry: readonly Command[]): Binding[] =>
  registry.flatMap((command) =>
    command.keys.flatMap((spec): Binding[] => {
      const [first = '', second, ...more] = steps(spec);
      // Longer sequences are bound to nothing.
      if (more.length > 0) return [];
      const singleKey = isSingleKey(spec);
      return [
        {
          command,
          first: stepOf(first),
          firstKey: first,
          ...(second ? { second: stepOf(second) } : {}),
          singleKey,
        },
      ];
    }),
  );

// The registry is parsed once, not on every key press (which re-split every spec of every command,
// twice a press): the shipped one when this module loads, any other the first time it is asked.
const compiled = new WeakMap<readonly Command[], Binding[]>([[commands, compile(commands)]]);
const bindingsOf = (registry: readonly Command[]): Binding[] => {
  let bindings = compiled.get(registry);
  if (!bindings) compiled.set(registry, (bindings = compile(registry)));
  return bindings;
};

const TEXT_INPUTS = new Set(['text', 'search', 'password', 'email', 'number', 'url', 'tel', '']);

/** Is the admin typing into a text field, where letters must stay letters? */
export const isTyping = (target: EventTarget | null): boolean => {
  if (!target || !(target instanceof HTMLElement)) return false;
  if (target.isContentEditable || target.tagName === 'TEXTAREA' || target.tagName === 'SELECT') return true;
  return target.tagName === 'INPUT' && TEXT_INPUTS.has((target as HTMLInputElement).type);
};

const isControl = (target: EventTarget | null): boolean =>
  target instanceof HTMLElement && target.closest('button, a, input, summary, [role=checkbox]') !== null;

export type KeyOptions = {
  singleKeyShortcuts: boolean;
  overlayOpen: boolean;
  /** The first key of a sequence pressed just before (`g`), if any. */
  prefix?: string | null;
};

/** The command a key event runs, or undefined when the event must be left alone. */
export const commandFor = (
  e: Pick<
    KeyboardEvent,
    'key' | 'ctrlKey' | 'metaKey' | 'shiftKey' | 'altKey' | 'isComposing' | 'keyCode' | 'target'
  >,
  options: KeyOptions,
  registry: readonly Command[] = commands,
): Command | undefined => {
  if (e.isComposing || e.keyCode === 229) return undefined; // IME composition
  if (options.overlayOpen || isTyping(e.target)) return undefined;
  if ((e.key === 'Enter' || e.key === ' ') && isControl(e.target)) return undefined;
  const found = bindingsOf(registry).find((b) => {
    if (b.singleKey && !options.singleKeyShortcuts) return false;
    if (b.second === undefined) return !options.prefix && presses(b.first, e);
    return options.prefix === b.firstKey && presses(b.second, e);
  });
  return found?.command;
};

/**
 * The first key of a sequence (`g` of `g a`) when this event presses one and nothing else is bound
 * to it; the key handler then waits for the second key.
 */
export const sequenceStart = (
  e: Parameters<typeof commandFor>[0],
  options: KeyOptions,
  registry: readonly Command[] = commands,
): string | undefined => {
  if (options.prefix || commandFor(e, options, registry)) return undefined;
  if (e.isComposing || e.keyCode === 229 || options.overlayOpen || isTyping(e.target)) return undefined;
  const start = bindingsOf(registry).find(
    (b) => b.second !== undefined && (options.singleKeyShortcuts || !b.singleKey) && presses(b.first, e),
  );
  return start?.firstKey;
};

const keyNames: Record<string, string> = { ArrowDown: '↓', ArrowUp: '↑', Escape: 'Esc' };

/** How a key spec is shown: `Ctrl+K` or `⌘K`, `↓`, `Shift+A`, `j`, `g then a`. */
export const displayKey = (spec: string, mac: boolean): string =>
  steps(spec)
    .map((step) => displayStep(step, mac))
    .join(' then ');

const displayStep = (spec: string, mac: boolean): string => {
  const s = parse(spec);
  const key = keyNames[s.key] ?? (s.mod || s.shift ? s.key.toUpperCase() : s.key);
  const mods = [s.mod ? (mac ? '⌘' : 'Ctrl') : '', s.alt ? (mac ? '⌥' : 'Alt') : '', s.shift ? 'Shift' : ''];
  return [...mods.filter(Boolean), key].join(mac && s.mod ? '' : '+');
};
