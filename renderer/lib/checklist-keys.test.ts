import { describe, expect, it } from 'vitest';
import { checklistKey, stepAfterMove } from './checklist-keys.ts';
import type { KeyLike } from './key-commands.ts';

const press = (key: string, overrides: Partial<KeyLike> = {}): KeyLike => ({ key, ctrlKey: false, metaKey: false, altKey: false, repeat: false, target: { tagName: 'BUTTON' }, ...overrides });

describe('checklist keys', () => {
  it('maps j/k, the arrows, Home/End and c; nothing else, no chords, nothing typed into a field', () => {
    expect(['j', 'ArrowDown', 'k', 'ArrowUp', 'Home', 'End', 'c', ' ', 'a', 'x'].map((k) => checklistKey(press(k)))).toEqual(['next', 'next', 'prev', 'prev', 'first', 'last', 'copy', null, null, null]);
    expect(checklistKey(press('c', { ctrlKey: true }))).toBeNull();
    expect(checklistKey(press('j', { target: { tagName: 'TEXTAREA' } }))).toBeNull();
    expect(checklistKey(press('c', { repeat: true }))).toBeNull();
  });

  it('moves within the steps and stops at the ends', () => {
    const ids = ['a', 'b', 'c'];
    expect(stepAfterMove(ids, null, 'next')).toBe('a');
    expect(stepAfterMove(ids, 'a', 'next')).toBe('b');
    expect(stepAfterMove(ids, 'c', 'next')).toBe('c');
    expect(stepAfterMove(ids, 'a', 'prev')).toBe('a');
    expect(stepAfterMove(ids, 'b', 'last')).toBe('c');
    expect(stepAfterMove(ids, 'c', 'first')).toBe('a');
    expect(stepAfterMove([], null, 'next')).toBeNull();
  });
});
