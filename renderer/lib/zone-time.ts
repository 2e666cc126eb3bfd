// Shift times are shown twice: in the person's own time zone (their 09:00 is what they agreed
// to) and in mine (when I have to hand over). Intl formatters are costly to build, so cache one
// per zone.

import { twoDigits } from '../../shared/two-digits.ts';

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string | undefined): Intl.DateTimeFormat {
  const cacheKey = timeZone ?? '';
  let formatter = formatters.get(cacheKey);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-GB', {
      timeZone,
      weekday: 'short',
      day: 'numeric',
      month: 'short',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
      timeZoneName: 'short',
    });
    formatters.set(cacheKey, formatter);
  }
  return formatter;
}

export function isValidTimeZone(timeZone: string): boolean {
  try {
    formatterFor(timeZone);
    return true;
  } catch {
    return false;
  }
}

/**
 * "Mon 24 Nov, 09:00 GMT-8" in the given IANA zone (undefined = this machine's zone).
 * A rotation file with a misspelt zone must not break the roster, so an unknown zone falls back
 * to UTC and says so.
 */
export function formatInZone(epochMs: number, timeZone?: string): string {
  if (timeZone !== undefined && !isValidTimeZone(timeZone)) {
    return `${formatterFor('UTC').format(epochMs)} (unknown zone ${timeZone})`;
  }
  return formatterFor(timeZone).format(epochMs);
}

/** This machine's IANA zone, e.g. "Europe/Berlin". */
export function localTimeZone(): string {
  return new Intl.DateTimeFormat().resolvedOptions().timeZone;
}

/**
 * Time of day only ("14:05:09", this machine's zone), for timeline entries and deadlines. From
 * Date's own fields, not an Intl formatter: the first Intl use in a window loads ICU's data
 * (30-70 ms in a fresh renderer here), and the main view shows this time in its first render.
 */
export function formatTimeOfDay(epochMs: number): string {
  const at = new Date(epochMs);
  return `${twoDigits(at.getHours())}:${twoDigits(at.getMinutes())}:${twoDigits(at.getSeconds())}`;
}
