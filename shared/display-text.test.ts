import { describe, expect, it } from 'vitest';
import { DEFAULT_DISPLAY_LIMIT, displayText, neutraliseControls, truncationNote } from './display-text.ts';

describe('displayText', () => {
  it('passes ordinary text through unchanged', () => {
    expect(displayText('HighApiErrorRate on api-1')).toEqual({ text: 'HighApiErrorRate on api-1', truncated: false, fullLength: 25 });
  });

  it('keeps newlines and tabs, which are visible in pre-wrapped text', () => {
    expect(displayText('a\n\tb').text).toBe('a\n\tb');
  });

  it('truncates a 1 MB string to the limit with an ellipsis and reports the full length', () => {
    const huge = 'x'.repeat(1024 * 1024);
    const shown = displayText(huge);
    expect(shown.truncated).toBe(true);
    expect(shown.fullLength).toBe(1024 * 1024);
    expect(shown.text).toHaveLength(DEFAULT_DISPLAY_LIMIT + 1);
    expect(shown.text.endsWith('…')).toBe(true);
  });

  it('does not split a surrogate pair at the cut', () => {
    const text = 'a'.repeat(9) + '😀' + 'b';
    const shown = displayText(text, 10);
    expect(shown.text).toBe('a'.repeat(9) + '…');
  });

  it('stringifies non-strings and treats null/undefined as empty', () => {
    expect(displayText(42).text).toBe('42');
    expect(displayText(null).text).toBe('');
    expect(displayText(undefined).fullLength).toBe(0);
  });

  it('neutralises bidi overrides inside truncated text too', () => {
    const shown = displayText('\u202Eabc' + 'z'.repeat(50), 5);
    expect(shown.text).toBe('⟨U+202E⟩abcz…');
  });
});

describe('neutraliseControls', () => {
  it('shows the right-to-left override as a visible escape', () => {
    expect(neutraliseControls('invoice\u202Efdp.exe')).toBe('invoice⟨U+202E⟩fdp.exe');
  });

  it('escapes every bidi embedding, override and isolate plus LRM/RLM/ALM', () => {
    const controls = ['\u202A', '\u202B', '\u202C', '\u202D', '\u202E', '\u2066', '\u2067', '\u2068', '\u2069', '\u200E', '\u200F', '\u061C'];
    const out = neutraliseControls(controls.join(''));
    expect(out).toBe(controls.map((c) => `⟨U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}⟩`).join(''));
    expect(out).not.toMatch(/[\u202a-\u202e\u2066-\u2069\u200e\u200f\u061c]/);
  });

  it('escapes C0 and C1 controls such as NUL, ESC and DEL', () => {
    expect(neutraliseControls('a\u0000b\u001bc\u007fd\u0085')).toBe('a⟨U+0000⟩b⟨U+001B⟩c⟨U+007F⟩d⟨U+0085⟩');
  });

  it('leaves ordinary non-Latin text and emoji alone', () => {
    expect(neutraliseControls('שלום Grüße 日本 👩‍💻')).toBe('שלום Grüße 日本 👩‍💻');
  });
});

describe('truncationNote', () => {
  it('formats the full length with thousands separators', () => {
    expect(truncationNote(1048576)).toBe('truncated, 1,048,576 characters in full');
  });
});
