// Notification text is built from alert labels and annotations, i.e. text anyone who can push an
// alert controls. Before it reaches the OS it is made inert: no control characters (which can
// fake line breaks or inject terminal escapes), no bidi overrides (which can make "evil.com/moc.lanif"
// read as something else), a bounded length (a 1 MB annotation must not freeze a notification
// daemon), and, where the daemon renders Pango markup in the body (dunst, GNOME, KDE on Linux),
// escaped markup so `<img onerror=...>` or `<script>` is shown as the literal text it is.

export const NOTIFICATION_TITLE_MAX = 120;
export const NOTIFICATION_BODY_MAX = 400;
const ELLIPSIS = '\u2026';

export interface SanitizeOptions {
  /** Maximum length in code points, ellipsis included. */
  maxLength: number;
  /** Escape &, < and > for daemons that interpret markup (the body on Linux). */
  escapeMarkup: boolean;
}

// Tab, newline and carriage return become a space so words stay apart; every other C0 and C1
// control, DEL, and the bidi embedding/override/isolate and mark characters are removed.
const LINE_CONTROLS = /[\t\n\r\v\f]+/g;
// eslint-disable-next-line no-control-regex
const STRIPPED = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
// A lone surrogate is not valid UTF-8 and makes D-Bus reject the whole message.
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g;

export function sanitizeNotificationText(text: string, options: SanitizeOptions): string {
  const plain = text.replace(LINE_CONTROLS, ' ').replace(STRIPPED, '').replace(LONE_SURROGATE, '\ufffd').trim();
  const capped = capCodePoints(plain, Math.max(1, options.maxLength));
  return options.escapeMarkup ? escapeMarkup(capped) : capped;
}

/** Title and body with the standard limits; only the body is markup on Linux (the summary is plain text by the spec). */
export function sanitizeNotification(input: { title: string; body: string }, escapeBodyMarkup: boolean): { title: string; body: string } {
  return {
    title: sanitizeNotificationText(input.title, { maxLength: NOTIFICATION_TITLE_MAX, escapeMarkup: false }),
    body: sanitizeNotificationText(input.body, { maxLength: NOTIFICATION_BODY_MAX, escapeMarkup: escapeBodyMarkup }),
  };
}

export function escapeMarkup(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function capCodePoints(text: string, max: number): string {
  // A string of at most `max` UTF-16 units has at most `max` code points.
  if (text.length <= max) return text;
  let count = 0;
  let index = 0;
  let cut = 0;
  // Iterate code points, not UTF-16 units, so an emoji is never split into a lone surrogate.
  for (const char of text) {
    count += 1;
    if (count === max) cut = index;
    if (count > max) return `${text.slice(0, cut).trimEnd()}${ELLIPSIS}`;
    index += char.length;
  }
  return text;
}
