// Untrusted text (alert labels, people's notes, createdBy) placed into a Markdown document must
// read back as the same text, never as markup: a note "<img src=x onerror=…>" or "[click](javascript:…)"
// is shown literally in the preview and the PDF. Every character Markdown could give a meaning to
// inside a line is backslash-escaped (CommonMark allows that before any ASCII punctuation).

// Parentheses and ! only mean something after a ] or before a [, which are escaped themselves.
const MARKDOWN_PUNCTUATION = /[\\`*_[\]<>#|~&]/g;
// Controls other than tab would break lines or hide text; bidi overrides make text lie about its order.
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const CONTROLS = /[\u0000-\u0008\u000b-\u001f\u007f]/g;
const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;

/** One line of untrusted text as Markdown that renders to exactly that text (whitespace collapsed). */
export function markdownText(text: string, maxLength = 2000): string {
  const flat = text
    .replace(CONTROLS, ' ')
    .replace(BIDI, (c) => `[U+${c.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}]`)
    .replace(/\s+/g, ' ')
    .trim();
  const clipped = flat.length > maxLength ? `${flat.slice(0, maxLength - 1)}…` : flat;
  return clipped
    .replace(MARKDOWN_PUNCTUATION, '\\$&')
    // GFM turns bare URLs and e-mail addresses into links, and keeps backslashes inside them: break
    // the patterns it looks for, so untrusted text stays text (and says what it said).
    .replace(/(www)\./gi, '$1\\.')
    .replace(/([a-z][a-z0-9+.-]*):(?=\/\/)/gi, '$1\\:')
    .replace(/@/g, '\\@');
}

/**
 * The exported bytes of a draft: LF line endings and exactly one final newline, so the same draft
 * always exports to the same Markdown whatever the editor or platform did to line ends.
 */
export function normalizeMarkdown(text: string): string {
  return `${text.replace(/\r\n?/g, '\n').replace(/\n+$/, '')}\n`;
}
