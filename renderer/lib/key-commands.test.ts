import { describe, expect, it } from 'vitest';
import { type KeyLike, keyCommand } from './key-commands.ts';

const press = (key: string, overrides: Partial<KeyLike> = {}): KeyLike => ({
  key,
  ctrlKey: false,
  metaKey: false,
  altKey: false,
  repeat: false,
  target: { tagName: 'BODY' },
  ...overrides,
});

describe('keyCommand', () => {
  it('maps the shortcut keys', () => {
    expect(['a', 'j', 'k', '?', 'Escape', 'x'].map((k) => keyCommand(press(k)))).toEqual(['ack', 'next', 'prev', 'help', 'close', null]);
  });

  it('ignores keys typed into inputs, textareas, selects and editable content', () => {
    for (const tagName of ['INPUT', 'textarea', 'SELECT']) expect(keyCommand(press('a', { target: { tagName } }))).toBeNull();
    expect(keyCommand(press('j', { target: { tagName: 'DIV', isContentEditable: true } }))).toBeNull();
  });

  it('ignores chords such as Ctrl+A (select all) and Cmd+K', () => {
    expect(keyCommand(press('a', { ctrlKey: true }))).toBeNull();
    expect(keyCommand(press('k', { metaKey: true }))).toBeNull();
    expect(keyCommand(press('j', { altKey: true }))).toBeNull();
  });

  it('does not repeat an ack while the key is held, but lets j/k auto-repeat', () => {
    expect(keyCommand(press('a', { repeat: true }))).toBeNull();
    expect(keyCommand(press('j', { repeat: true }))).toBe('next');
  });

  it('is case-sensitive: Shift+A is not an ack', () => {
    expect(keyCommand(press('A'))).toBeNull();
  });

  it('works without a target', () => {
    expect(keyCommand(press('a', { target: null }))).toBe('ack');
  });
});
