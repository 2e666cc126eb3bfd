// Countdown, age and staleness texts. All take a difference in milliseconds so they are pure and
// the caller decides what "now" is (the server-adjusted clock, see state/use-now.ts).

import { twoDigits } from '../../shared/two-digits.ts';

export { formatClock, formatCountdown } from '../../shared/ack-deadline-text.ts';

/** How long ago something happened, for staleness: "12 s ago", "3 min ago", "2 h ago", "4 d ago". */
export function formatAgo(ms: number): string {
  if (ms < 1000) return 'just now';
  const s = Math.floor(ms / 1000);
  if (s < 60) return `${s} s ago`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m} min ago`;
  const h = Math.floor(m / 60);
  if (h < 48) return `${h} h ago`;
  return `${Math.floor(h / 24)} d ago`;
}

/** Compact age of an incident: "45s", "12m", "3h05m", "2d04h". */
export function formatAge(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m`;
  const h = Math.floor(m / 60);
  if (h < 24) return `${h}h${twoDigits(m % 60)}m`;
  return `${Math.floor(h / 24)}d${twoDigits(h % 24)}h`;
}

/** A delay such as an escalation step's: "0m", "15m", "1h", "2h30m"; "45s" or "1m30s" when not whole minutes. */
export function formatDelay(ms: number): string {
  const seconds = Math.round(ms / 1000);
  if (seconds % 60 !== 0) return seconds < 60 ? `${seconds}s` : `${Math.floor(seconds / 60)}m${twoDigits(seconds % 60)}s`;
  const totalMinutes = Math.round(ms / 60_000);
  const h = Math.floor(totalMinutes / 60);
  const m = totalMinutes % 60;
  if (h === 0) return `${m}m`;
  return m === 0 ? `${h}h` : `${h}h${twoDigits(m)}m`;
}

/**
 * Whether the screen-reader copy of a countdown should be announced on this tick. A live region
 * that changes every second would talk over everything else, so announce once a minute, every
 * 15 s in the last minute, and at the moment the deadline passes.
 */
export function shouldAnnounceCountdown(msLeft: number): boolean {
  if (msLeft < 0) return Math.floor(-msLeft / 1000) === 0;
  const s = Math.ceil(msLeft / 1000);
  if (s <= 60) return s % 15 === 0;
  return s % 60 === 0;
}

/** Words for screen readers: "1 minute 30 seconds left" / "overdue by 2 minutes". */
export function spokenCountdown(msLeft: number): string {
  const overdue = msLeft < 0;
  const s = overdue ? Math.floor(-msLeft / 1000) : Math.ceil(msLeft / 1000);
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = s % 60;
  const parts: string[] = [];
  if (h > 0) parts.push(`${h} hour${h === 1 ? '' : 's'}`);
  if (m > 0) parts.push(`${m} minute${m === 1 ? '' : 's'}`);
  if (sec > 0 || parts.length === 0) parts.push(`${sec} second${sec === 1 ? '' : 's'}`);
  return overdue ? `overdue by ${parts.join(' ')}` : `${parts.join(' ')} left`;
}
