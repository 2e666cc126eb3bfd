import { DateTime, IANAZone } from 'luxon';

// Calendar arithmetic for rotations. Handoffs are wall-clock times in a named zone ("Monday 09:00
// America/Los_Angeles"), so every instant is computed from a local date + time through luxon's
// tz database instead of adding 7 * 24 h, which would drift by an hour at each DST change.

const MS_PER_DAY = 86_400_000;

export const WEEKDAYS = ['monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday', 'sunday'] as const;
export type Weekday = (typeof WEEKDAYS)[number];

/**
 * Why a zone name is rejected, or null when it is a usable IANA zone. ICU also accepts some
 * abbreviations ("PST", "EST"); they are refused because "PST" reads as fixed UTC-8 to people
 * while ICU gives it daylight time, exactly the confusion a rotation must not have.
 */
export function timeZoneProblem(name: string): string | null {
  const looksIana = name === 'UTC' || name.includes('/');
  if (!looksIana || !IANAZone.isValidZone(name)) {
    return `unknown time zone "${name}": use an IANA name such as America/Los_Angeles, Europe/Berlin or UTC`;
  }
  return null;
}

/** A local calendar date as a day count since 1970-01-01 (no zone: it is a date, not an instant). */
export function dayNumberOfDate(date: string): number | null {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const ms = Date.UTC(year, month - 1, day);
  const check = new Date(ms);
  // Date.UTC silently rolls 2026-02-30 over to March; a rotation date must be a real date.
  if (check.getUTCFullYear() !== year || check.getUTCMonth() !== month - 1 || check.getUTCDate() !== day) return null;
  return Math.round(ms / MS_PER_DAY);
}

/** The local date (as a day number) an instant falls on in a zone. */
export function dayNumberAt(instantMs: number, zone: string): number {
  const local = DateTime.fromMillis(instantMs, { zone });
  return Math.round(Date.UTC(local.year, local.month - 1, local.day) / MS_PER_DAY);
}

/** 1 = Monday ... 7 = Sunday, as luxon numbers weekdays; day 0 (1970-01-01) was a Thursday. */
export function weekdayOfDay(dayNumber: number): number {
  return (((dayNumber + 3) % 7) + 7) % 7 + 1;
}

export function weekdayNumber(name: Weekday): number {
  return WEEKDAYS.indexOf(name) + 1;
}

/** Minutes after midnight for "HH:MM" (00:00 to 24:00), or null. */
export function parseClockTime(text: string): number | null {
  const match = /^(\d{2}):(\d{2})$/.exec(text);
  if (!match) return null;
  const minutes = Number(match[1]) * 60 + Number(match[2]);
  if (Number(match[2]) > 59 || minutes > 24 * 60) return null;
  return minutes;
}

/**
 * The instant of a local date + minutes-after-midnight in a zone. A local time skipped by a
 * spring-forward change moves to the same wall minutes after the jump (02:30 becomes 03:30); a
 * repeated local time in a fall-back change resolves as luxon resolves it (see docs/rotation.md).
 */
export function instantOfLocal(dayNumber: number, minutes: number, zone: string): number {
  const day = dayNumber + Math.floor(minutes / 1440);
  const rest = minutes - Math.floor(minutes / 1440) * 1440;
  const date = new Date(day * MS_PER_DAY);
  return DateTime.fromObject(
    {
      year: date.getUTCFullYear(),
      month: date.getUTCMonth() + 1,
      day: date.getUTCDate(),
      hour: Math.floor(rest / 60),
      minute: rest % 60,
    },
    { zone },
  ).toMillis();
}

/**
 * An instant written in a rotation file: ISO 8601 with an offset or Z ("2026-11-10T17:00:00Z"),
 * or local time in `zone` ("2026-11-10 09:00", "2026-11-10T09:00", "2026-11-10" = midnight).
 */
export function parseInstant(text: string, zone: string): number | null {
  const trimmed = text.trim();
  if (!/^\d{4}-\d{2}-\d{2}([T ]\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?)?$/.test(trimmed)) return null;
  const parsed = DateTime.fromISO(trimmed.replace(' ', 'T'), { zone });
  return parsed.isValid ? parsed.toMillis() : null;
}

export function formatInstant(instantMs: number, zone: string): string {
  return DateTime.fromMillis(instantMs, { zone }).toFormat("ccc yyyy-LL-dd HH:mm ZZZZ");
}
