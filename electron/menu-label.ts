// Native menu labels built from untrusted alert text. Menus are not HTML, but they have their own
// traps: '&' marks an access key on Windows/Linux, control and bidi characters can reorder or
// hide text, and a 4 kB annotation makes a menu wider than the screen.

// eslint-disable-next-line no-control-regex
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200b-\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

export function sanitizeMenuLabel(text: string, maxLength = 60): string {
  const flat = text.replace(UNSAFE, ' ').replace(/\s+/g, ' ').trim();
  const chars = Array.from(flat);
  const clipped = chars.length > maxLength ? `${chars.slice(0, maxLength - 1).join('').trimEnd()}…` : flat;
  return clipped.replaceAll('&', '&&');
}

/**
 * Minutes-granular durations for menus: a tray menu is rebuilt only when its text changes, and a
 * seconds counter would rebuild (and on Linux, close) an open menu on every snapshot.
 */
export function coarseDuration(ms: number): string {
  const minutes = Math.floor(Math.max(0, ms) / 60_000);
  if (minutes < 1) return '<1m';
  if (minutes < 60) return `${minutes}m`;
  const hours = Math.floor(minutes / 60);
  if (hours < 24) return minutes % 60 === 0 ? `${hours}h` : `${hours}h ${minutes % 60}m`;
  const days = Math.floor(hours / 24);
  return hours % 24 === 0 ? `${days}d` : `${days}d ${hours % 24}h`;
}
