import { describe, expect, it } from 'vitest';
import type { TimelineEvent } from '../domain.ts';
import { occurrenceIdOf } from '../timeline-schema.ts';
import { eventsOfOccurrence, summarizeOccurrences } from './occurrences.ts';
import { zonedStamp } from './zoned-stamp.ts';

const ev = (at: number, type: TimelineEvent['type'], extra: Partial<TimelineEvent> = {}): TimelineEvent => ({ id: `e${at}`, incidentKey: 'Disk-1', at, type, message: type === 'first-seen' ? 'First seen: Disk · node-1' : type, ...extra });

describe('occurrences from the journal', () => {
  it('splits one incident that fired twice into two occurrences, most recent first', () => {
    const first = occurrenceIdOf('Disk-1', 100);
    const second = occurrenceIdOf('Disk-1', 500);
    const events = [ev(100, 'first-seen', { occurrenceId: first, data: { severity: 'warning' } }), ev(200, 'resolved', { occurrenceId: first }), ev(500, 'first-seen', { occurrenceId: second }), ev(510, 'acked', { occurrenceId: second, by: 'sarah' })];
    expect(summarizeOccurrences(events)).toEqual([
      { occurrenceId: second, incidentKey: 'Disk-1', title: 'Disk · node-1', alertname: 'Disk', severity: null, firstSeenAt: 500, resolvedAt: null, ackedBy: 'sarah', eventCount: 2 },
      { occurrenceId: first, incidentKey: 'Disk-1', title: 'Disk · node-1', alertname: 'Disk', severity: 'warning', firstSeenAt: 100, resolvedAt: 200, ackedBy: null, eventCount: 2 },
    ]);
  });

  it('gives events journaled before occurrences existed to the occurrence their first-seen opened', () => {
    const events = [ev(100, 'first-seen'), ev(150, 'alarm-raised'), ev(200, 'resolved'), ev(500, 'first-seen'), ev(520, 'resolved')];
    expect(eventsOfOccurrence(events, occurrenceIdOf('Disk-1', 100)).map((e) => e.at)).toEqual([100, 150, 200]);
    expect(eventsOfOccurrence(events, occurrenceIdOf('Disk-1', 500)).map((e) => e.at)).toEqual([500, 520]);
  });
});

describe('zonedStamp', () => {
  it('writes the reader zone with its offset (DST included) and UTC, the UTC date only when it differs', () => {
    expect(zonedStamp(Date.UTC(2025, 6, 1, 12, 0, 0), 'Europe/Berlin')).toBe('2025-07-01 14:00:00 +02:00 (12:00:00 UTC)');
    expect(zonedStamp(Date.UTC(2025, 0, 1, 2, 30, 0), 'America/Los_Angeles')).toBe('2024-12-31 18:30:00 -08:00 (2025-01-01 02:30:00 UTC)');
    expect(zonedStamp(0, 'UTC')).toBe('1970-01-01 00:00:00 UTC');
  });
});
