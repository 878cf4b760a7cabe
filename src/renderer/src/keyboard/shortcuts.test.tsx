// @vitest-environment jsdom
import { describe, expect, it } from 'vitest';
import { commandFor, commands, displayKey, isSingleKey, sequenceStart } from './shortcuts';

const on = { singleKeyShortcuts: true, overlayOpen: false };
const key = (k: string, init: KeyboardEventInit = {}, target: EventTarget = document.body) => {
  const event = new KeyboardEvent('keydown', { key: k, ...init });
  Object.defineProperty(event, 'target', { value: target });
  return event;
};

describe('the shortcut registry', () => {
  it('maps keys to commands', () => {
    expect(commandFor(key('j'), on)?.id).toBe('next');
    expect(commandFor(key('ArrowUp'), on)?.id).toBe('prev');
    expect(commandFor(key('a'), on)?.id).toBe('approve');
    expect(commandFor(key('A', { shiftKey: true }), on)?.id).toBe('approve-org');
    expect(commandFor(key('z', { ctrlKey: true }), on)?.id).toBe('undo');
    expect(commandFor(key('z', { metaKey: true }), on)?.id).toBe('undo');
    expect(commandFor(key('k', { metaKey: true }), on)?.id).toBe('palette');
    expect(commandFor(key('?', { shiftKey: true }), on)?.id).toBe('help');
    expect(commandFor(key('q'), on)).toBeUndefined();
  });

  it('is ignored while typing in a text field, but not on a checkbox', () => {
    const input = document.createElement('input');
    expect(commandFor(key('a', {}, input), on)).toBeUndefined();
    expect(commandFor(key('k', { ctrlKey: true }, document.createElement('textarea')), on)).toBeUndefined();
    const box = document.createElement('input');
    box.type = 'checkbox';
    expect(commandFor(key('a', {}, box), on)?.id).toBe('approve');
  });

  it('is ignored while an IME is composing', () => {
    expect(commandFor(key('a', { isComposing: true }), on)).toBeUndefined();
    expect(commandFor(key('a', { keyCode: 229 }), on)).toBeUndefined();
  });

  it('leaves Enter on a button to the button', () => {
    expect(commandFor(key('Enter', {}, document.createElement('button')), on)).toBeUndefined();
    expect(commandFor(key('Enter'), on)?.id).toBe('open');
  });

  it('turns single-key shortcuts off but keeps named and modifier keys', () => {
    const off = { ...on, singleKeyShortcuts: false };
    expect(commandFor(key('j'), off)).toBeUndefined();
    expect(commandFor(key('A', { shiftKey: true }), off)).toBeUndefined();
    expect(commandFor(key('/'), off)).toBeUndefined();
    expect(commandFor(key('ArrowDown'), off)?.id).toBe('next');
    expect(commandFor(key('z', { ctrlKey: true }), off)?.id).toBe('undo');
  });

  it('does nothing while a dialog is open', () => {
    expect(commandFor(key('a'), { ...on, overlayOpen: true })).toBeUndefined();
  });

  it('has unique keys and ids, and shows every key readably', () => {
    const specs = commands.flatMap((c) => c.keys);
    expect(new Set(specs).size).toBe(specs.length);
    expect(new Set(commands.map((c) => c.id)).size).toBe(commands.length);
    expect(isSingleKey('Shift+A')).toBe(true);
    expect(isSingleKey('Mod+k')).toBe(false);
    expect(displayKey('Mod+k', false)).toBe('Ctrl+K');
    expect(displayKey('Mod+k', true)).toBe('⌘K');
    expect(displayKey('ArrowDown', false)).toBe('↓');
    expect(displayKey('j', false)).toBe('j');
    expect(displayKey('g a', false)).toBe('g then a');
  });

  it('runs two-key sequences: g starts one, the second key picks the view', () => {
    expect(sequenceStart(key('g'), on)).toBe('g');
    expect(commandFor(key('g'), on)).toBeUndefined();
    expect(commandFor(key('a'), { ...on, prefix: 'g' })?.id).toBe('view-approved');
    expect(commandFor(key('x'), { ...on, prefix: 'g' })?.id).toBe('view-restricted');
    expect(commandFor(key('r'), { ...on, prefix: 'g' })?.id).toBe('view-requests');
    expect(commandFor(key('a'), on)?.id).toBe('approve');
    expect(commandFor(key('j'), { ...on, prefix: 'g' })).toBeUndefined();
    expect(sequenceStart(key('a'), on)).toBeUndefined();
    expect(sequenceStart(key('g', {}, document.createElement('input')), on)).toBeUndefined();
    // A sequence of character keys is a single-key shortcut (WCAG 2.1.4): off with the others.
    expect(isSingleKey('g a')).toBe(true);
    expect(sequenceStart(key('g'), { ...on, singleKeyShortcuts: false })).toBeUndefined();
  });
});
