import { DateTime, IANAZone } from 'luxon';

// Post-mortem times are read later and elsewhere: each one is written in the reader's zone (with
// its UTC offset, not an abbreviation that ICU versions spell differently) and in UTC.

/** The zone to write times in: the reader's IANA zone when it is one, else UTC. */
export function readerZone(zone: string | null | undefined): string {
  return zone && (zone === 'UTC' || IANAZone.isValidZone(zone)) ? zone : 'UTC';
}

/** "2025-03-04 14:05:09 +01:00 (13:05:09 UTC)"; the UTC date is repeated only when it differs. */
export function zonedStamp(epochMs: number, zone: string): string {
  const local = DateTime.fromMillis(epochMs, { zone: readerZone(zone) });
  const utc = DateTime.fromMillis(epochMs, { zone: 'UTC' });
  if (readerZone(zone) === 'UTC') return `${utc.toFormat('yyyy-LL-dd HH:mm:ss')} UTC`;
  const sameDay = local.toFormat('yyyy-LL-dd') === utc.toFormat('yyyy-LL-dd');
  return `${local.toFormat('yyyy-LL-dd HH:mm:ss ZZ')} (${utc.toFormat(sameDay ? 'HH:mm:ss' : 'yyyy-LL-dd HH:mm:ss')} UTC)`;
}

/** The local calendar date of an instant, "2025-03-04". */
export function zonedDate(epochMs: number, zone: string): string {
  return DateTime.fromMillis(epochMs, { zone: readerZone(zone) }).toFormat('yyyy-LL-dd');
}
