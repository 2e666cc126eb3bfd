import { countText } from './count-text.ts';

// Labels, annotations, titles and runbook text come from anyone who can write an alert rule or
// push to Alertmanager. They are rendered as React text children only; this module makes that
// text safe to *look at*: bounded in length (a 1 MB annotation must not freeze the page) and
// with invisible control characters shown as visible escapes, because bidi overrides
// (U+202E etc.) can make "moc.evil" read as "live.com" and hide what a link really says.

export const DEFAULT_DISPLAY_LIMIT = 2000;

// C0/C1 controls (except tab, newline, carriage return), the Arabic letter mark, LRM/RLM,
// the bidi embeddings/overrides and the bidi isolates.
// eslint-disable-next-line no-control-regex
const HIDDEN_CONTROLS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

export function escapeCodePoint(char: string): string {
  const code = char.codePointAt(0) ?? 0;
  return `⟨U+${code.toString(16).toUpperCase().padStart(4, '0')}⟩`;
}

/** Replace bidi and other invisible control characters with a visible ⟨U+XXXX⟩ escape. */
export function neutraliseControls(text: string): string {
  return text.replace(HIDDEN_CONTROLS, escapeCodePoint);
}

export interface DisplayText {
  /** What to render (already truncated and neutralised; ends in "…" when truncated). */
  text: string;
  truncated: boolean;
  /** Length of the original value in UTF-16 code units. */
  fullLength: number;
}

/** Turn any untrusted value into bounded, visibly-escaped display text. */
export function displayText(raw: unknown, limit: number = DEFAULT_DISPLAY_LIMIT): DisplayText {
  const value = typeof raw === 'string' ? raw : raw === null || raw === undefined ? '' : String(raw);
  const truncated = value.length > limit;
  // Cut before escaping so the regex only ever scans `limit` characters of a huge string.
  let cut = truncated ? value.slice(0, limit) : value;
  if (truncated && isHighSurrogate(cut.charCodeAt(cut.length - 1))) cut = cut.slice(0, -1);
  return { text: neutraliseControls(cut) + (truncated ? '…' : ''), truncated, fullLength: value.length };
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/** "1,048,576 characters" - the note shown beside truncated text. */
export function truncationNote(fullLength: number): string {
  return `truncated, ${countText(fullLength)} characters in full`;
}
