// Tests run under Node and read the shipped examples/ files; the code under test stays Node-free.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseIcsShifts } from './ics-layer.ts';
import type { ParseIcsOptions } from './ics-layer.ts';
import { formatRotationErrors, parseRotationText } from './parse-rotation.ts';
import { findGaps, holdersAt } from './resolve-rotation.ts';
import type { IcsShift, Rotation } from './rotation-schema.ts';

const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();
const exampleIcs = readFileSync(new URL('../../examples/rotation.example.ics', import.meta.url), 'utf8');

const people: ParseIcsOptions['people'] = [
  { handle: 'alex.chen', name: 'Alex Chen', email: 'alex.chen@company.com' },
  { handle: 'sarah.johnson', name: 'Sarah Johnson', email: 'sarah.johnson@company.com' },
  { handle: 'david.kim', name: 'David Kim', email: 'david.kim@company.com' },
];

function shiftsOf(text: string, fromIso = '2026-10-01T00:00:00Z', toIso = '2027-06-01T00:00:00Z'): IcsShift[] {
  const result = parseIcsShifts(text, { people, zone: 'America/Chicago', fromMs: at(fromIso), toMs: at(toIso) });
  if (!result.ok) throw new Error(result.error);
  return result.shifts;
}

const calendar = (...events: string[]) => ['BEGIN:VCALENDAR', 'VERSION:2.0', 'PRODID:-//test//EN', ...events, 'END:VCALENDAR'].join('\r\n');

describe('parseIcsShifts', () => {
  it('expands the example feed: RRULE, EXDATE and a moved occurrence', () => {
    const shifts = shiftsOf(exampleIcs);
    // Saturdays 09:00 to Sunday 21:00 Chicago time (CST, UTC-6), 8 occurrences minus the EXDATE on 11-28.
    expect(shifts.map((shift) => [iso(shift.start), iso(shift.end), shift.person])).toEqual([
      ['2026-11-07T15:00:00.000Z', '2026-11-09T03:00:00.000Z', 'david.kim'],
      ['2026-11-14T15:00:00.000Z', '2026-11-16T03:00:00.000Z', 'david.kim'],
      ['2026-11-21T15:00:00.000Z', '2026-11-23T03:00:00.000Z', 'david.kim'],
      ['2026-12-05T15:00:00.000Z', '2026-12-07T03:00:00.000Z', 'david.kim'],
      ['2026-12-12T15:00:00.000Z', '2026-12-14T03:00:00.000Z', 'sarah.johnson'],
      ['2026-12-19T15:00:00.000Z', '2026-12-21T03:00:00.000Z', 'david.kim'],
      ['2026-12-26T15:00:00.000Z', '2026-12-28T03:00:00.000Z', 'david.kim'],
    ]);
    expect(shifts[4]!.label).toBe('Sarah Johnson');
  });

  it('keeps 09:00 local for a weekly RRULE across a DST change and drops the EXDATE', () => {
    const text = calendar(
      'BEGIN:VEVENT',
      'UID:berlin@test',
      'DTSTART;TZID=Europe/Berlin:20270315T090000',
      'DURATION:PT8H',
      'RRULE:FREQ=WEEKLY;BYDAY=MO;UNTIL=20270413T000000Z',
      'EXDATE;TZID=Europe/Berlin:20270405T090000',
      'SUMMARY:alex.chen - Primary',
      'END:VEVENT',
    );
    expect(shiftsOf(text).map((shift) => [iso(shift.start), shift.person])).toEqual([
      ['2027-03-15T08:00:00.000Z', 'alex.chen'],
      ['2027-03-22T08:00:00.000Z', 'alex.chen'],
      ['2027-03-29T07:00:00.000Z', 'alex.chen'],
      ['2027-04-12T07:00:00.000Z', 'alex.chen'],
    ]);
  });

  it('reads UTC times, attendees, floating times and skips cancelled events', () => {
    const text = calendar(
      'BEGIN:VEVENT',
      'UID:utc@test',
      'DTSTART:20261110T170000Z',
      'DTEND:20261111T170000Z',
      'SUMMARY:Primary on-call',
      'ATTENDEE;CN=S. Johnson:mailto:Sarah.Johnson@company.com',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:floating@test',
      'DTSTART:20261112T090000',
      'DTEND:20261112T170000',
      'SUMMARY:On call: Grace Hopper',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:cancelled@test',
      'DTSTART:20261113T090000Z',
      'DTEND:20261113T170000Z',
      'STATUS:CANCELLED',
      'SUMMARY:David Kim',
      'END:VEVENT',
    );
    const result = parseIcsShifts(text, { people, zone: 'America/Chicago', fromMs: at('2026-11-01T00:00:00Z'), toMs: at('2026-12-01T00:00:00Z') });
    expect(result).toEqual({
      ok: true,
      shifts: [
        { start: at('2026-11-10T17:00:00Z'), end: at('2026-11-11T17:00:00Z'), summary: 'Primary on-call', person: 'sarah.johnson', label: 'S. Johnson' },
        // A floating time is read in the layer's zone: 09:00 CST = 15:00Z.
        { start: at('2026-11-12T15:00:00Z'), end: at('2026-11-12T23:00:00Z'), summary: 'On call: Grace Hopper', person: null, label: 'On call: Grace Hopper' },
      ],
      unmatched: ['On call: Grace Hopper'],
    });
  });

  it('does not let a short name claim a longer one', () => {
    const text = calendar('BEGIN:VEVENT', 'UID:x@test', 'DTSTART:20261110T170000Z', 'DTEND:20261111T170000Z', 'SUMMARY:Alexander Chenko', 'END:VEVENT');
    expect(shiftsOf(text)[0]!.person).toBeNull();
  });

  it('returns only shifts overlapping the window and bounds an endless rule', () => {
    const text = calendar('BEGIN:VEVENT', 'UID:daily@test', 'DTSTART:20200101T000000Z', 'DURATION:PT12H', 'RRULE:FREQ=DAILY', 'SUMMARY:David Kim', 'END:VEVENT');
    const shifts = shiftsOf(text, '2026-11-01T06:00:00Z', '2026-11-03T00:00:00Z');
    expect(shifts.map((shift) => iso(shift.start))).toEqual(['2026-11-01T00:00:00.000Z', '2026-11-02T00:00:00.000Z']);
    const capped = parseIcsShifts(text, { people, zone: 'UTC', fromMs: 0, toMs: at('2100-01-01T00:00:00Z'), maxOccurrences: 10 });
    expect(capped.ok && capped.shifts.length).toBe(10);
  });

  it('applies a THISANDFUTURE exception to every later occurrence of an endless rule', () => {
    const text = calendar(
      'BEGIN:VEVENT',
      'UID:shift@test',
      'DTSTART:20261101T090000Z',
      'DURATION:PT8H',
      'RRULE:FREQ=DAILY',
      'SUMMARY:David Kim',
      'END:VEVENT',
      'BEGIN:VEVENT',
      'UID:shift@test',
      'RECURRENCE-ID;RANGE=THISANDFUTURE:20261105T090000Z',
      'DTSTART:20261105T100000Z',
      'DURATION:PT8H',
      'SUMMARY:David Kim (later start)',
      'END:VEVENT',
    );
    const shifts = shiftsOf(text, '2026-11-01T00:00:00Z', '2026-11-08T00:00:00Z');
    expect(shifts.map((shift) => iso(shift.start).slice(5, 16))).toEqual(['11-01T09:00', '11-02T09:00', '11-03T09:00', '11-04T09:00', '11-05T10:00', '11-06T10:00', '11-07T10:00']);
  });

  it('rejects text that is not a calendar', () => {
    expect(parseIcsShifts('hello', { people, zone: 'UTC', fromMs: 0, toMs: 1 })).toMatchObject({ ok: false });
    const vcard = 'BEGIN:VCARD\r\nVERSION:4.0\r\nFN:Alex\r\nEND:VCARD';
    expect(parseIcsShifts(vcard, { people, zone: 'UTC', fromMs: 0, toMs: 1 })).toEqual({ ok: false, error: 'not an iCalendar feed (no VCALENDAR)' });
  });
});

describe('an ICS feed as a rotation layer', () => {
  const file = parseRotationText(
    `timezone: America/Chicago
people:
  - { handle: alex.chen, name: Alex Chen, email: alex.chen@company.com }
  - { handle: sarah.johnson, name: Sarah Johnson, email: sarah.johnson@company.com }
  - { handle: david.kim, name: David Kim, email: david.kim@company.com }
rotations:
  - role: primary
    layers:
      - { kind: weekly, start: 2026-11-02, handoff: { weekday: monday, time: "09:00" }, members: [alex.chen] }
      - { kind: ics, file: rotation.example.ics, match: primary }
  - role: weekend
    layers:
      - { kind: ics, file: rotation.example.ics }
  - role: secondary
    layers:
      - { kind: ics, file: rotation.example.ics, match: SECONDARY }
`,
    'layers.yaml',
  );
  if (!file.ok) throw new Error(formatRotationErrors(file.errors));
  const feed = parseIcsShifts(exampleIcs, { people, zone: 'America/Chicago', fromMs: at('2026-11-01T00:00:00Z'), toMs: at('2027-01-31T00:00:00Z') });
  if (!feed.ok) throw new Error(feed.error);
  const rotation: Rotation = { ...file.rotation, icsShifts: { 'rotation.example.ics': feed.shifts } };
  const who = (when: string) => Object.fromEntries(holdersAt(rotation, at(when)).map((holder) => [holder.role, holder.person?.handle ?? null]));

  it('puts feed shifts over the weekly layer and falls back to it on the excluded weekend', () => {
    // `match` is a case-insensitive substring of SUMMARY: no event mentions "secondary".
    expect(who('2026-11-07T18:00:00Z')).toEqual({ primary: 'david.kim', weekend: 'david.kim', secondary: null });
    expect(who('2026-11-09T03:00:00Z')).toEqual({ primary: 'alex.chen', weekend: null, secondary: null });
    // 2026-11-28 is the EXDATE: the weekly layer's Alex holds primary, the ICS-only role has a gap.
    expect(who('2026-11-28T18:00:00Z')).toEqual({ primary: 'alex.chen', weekend: null, secondary: null });
    // The moved 12-12 occurrence is Sarah's.
    expect(who('2026-12-12T18:00:00Z')).toEqual({ primary: 'sarah.johnson', weekend: 'sarah.johnson', secondary: null });
    const gaps = findGaps(rotation, at('2026-11-28T00:00:00Z'), at('2026-11-30T00:00:00Z'));
    expect(gaps.map((gap) => [gap.role, iso(gap.start), iso(gap.end)])).toEqual([
      ['weekend', '2026-11-28T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
      ['secondary', '2026-11-28T00:00:00.000Z', '2026-11-30T00:00:00.000Z'],
    ]);
  });

  it('has no holder from an ICS layer whose feed has not been loaded', () => {
    expect(holdersAt(file.rotation, at('2026-11-07T18:00:00Z'))).toEqual([
      { role: 'primary', person: expect.objectContaining({ handle: 'alex.chen' }) },
      { role: 'weekend', person: null },
      { role: 'secondary', person: null },
    ]);
  });

  it('keeps someone the feed names but the file does not list on call, without contacts', () => {
    const stranger: IcsShift = { start: at('2026-11-10T00:00:00Z'), end: at('2026-11-11T00:00:00Z'), summary: 'Grace Hopper', person: null, label: 'Grace Hopper' };
    const withStranger: Rotation = { ...file.rotation, icsShifts: { 'rotation.example.ics': [stranger] } };
    expect(holdersAt(withStranger, at('2026-11-10T12:00:00Z'))[1]).toEqual({
      role: 'weekend',
      person: { handle: 'Grace Hopper', name: 'Grace Hopper', timezone: 'America/Chicago', phone: null, email: null, slack: null },
    });
  });
});
