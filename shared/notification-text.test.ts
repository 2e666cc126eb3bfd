import { describe, expect, it } from 'vitest';
import { NOTIFICATION_BODY_MAX, NOTIFICATION_TITLE_MAX, sanitizeNotification, sanitizeNotificationText } from './notification-text.ts';

const BIDI = /[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]/;

describe('sanitizeNotificationText', () => {
  it('caps a 1 MB string to the limit, ellipsis included', () => {
    const huge = 'A'.repeat(1024 * 1024);
    const body = sanitizeNotificationText(huge, { maxLength: NOTIFICATION_BODY_MAX, escapeMarkup: true });
    expect([...body]).toHaveLength(NOTIFICATION_BODY_MAX);
    expect(body.endsWith('\u2026')).toBe(true);
    expect(body.slice(0, -1)).toBe('A'.repeat(NOTIFICATION_BODY_MAX - 1));
    const { title } = sanitizeNotification({ title: huge, body: 'x' }, true);
    expect([...title]).toHaveLength(NOTIFICATION_TITLE_MAX);
  });

  it('leaves text at the limit untouched and never splits a surrogate pair', () => {
    expect(sanitizeNotificationText('12345', { maxLength: 5, escapeMarkup: false })).toBe('12345');
    expect(sanitizeNotificationText('123456', { maxLength: 5, escapeMarkup: false })).toBe('1234\u2026');
    const emoji = '\u{1F525}'.repeat(10);
    const capped = sanitizeNotificationText(emoji, { maxLength: 4, escapeMarkup: false });
    expect(capped).toBe('\u{1F525}\u{1F525}\u{1F525}\u2026');
    expect(sanitizeNotificationText('a\ud800b', { maxLength: 10, escapeMarkup: false })).toBe('a\ufffdb');
  });

  it('escapes markup so tags are shown as text', () => {
    expect(sanitizeNotificationText('<script>alert(1)</script>', { maxLength: 400, escapeMarkup: true })).toBe('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(sanitizeNotificationText('<img src=x onerror=alert(1)> & more', { maxLength: 400, escapeMarkup: true })).toBe('&lt;img src=x onerror=alert(1)&gt; &amp; more');
    // Titles are plain text by the notification spec: no escaping there, or "&" would show as "&amp;".
    expect(sanitizeNotification({ title: 'p99 > 10s & rising', body: 'a<b' }, true)).toEqual({ title: 'p99 > 10s & rising', body: 'a&lt;b' });
    // Cap before escaping, so an entity is never cut in half.
    expect(sanitizeNotificationText('<<<<<<', { maxLength: 3, escapeMarkup: true })).toBe('&lt;&lt;\u2026');
  });

  it('strips bidi overrides, isolates and control characters, keeping words apart', () => {
    const spoof = 'Runbook: https://wiki.example/\u202Egnp.exe\u202C \u2066x\u2069 \u200Fy';
    const clean = sanitizeNotificationText(spoof, { maxLength: 400, escapeMarkup: false });
    expect(clean).not.toMatch(BIDI);
    expect(clean).toBe('Runbook: https://wiki.example/gnp.exe x y');
    expect(sanitizeNotificationText('line1\nline2\r\n\tend\u0007\u001b[31mred\u0085', { maxLength: 400, escapeMarkup: false })).toBe('line1 line2 end[31mred');
  });
});
