// Tests run under Node and read the shipped examples/ files; the code under test stays Node-free.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRotationErrors, parseRotationText } from './parse-rotation.ts';
import { findGaps, holdersAt, nextHandoff, rolesOf, shiftsBetween } from './resolve-rotation.ts';
import type { Rotation } from './rotation-schema.ts';

const at = (iso: string) => Date.parse(iso);

function rotationOf(text: string): Rotation {
  const result = parseRotationText(text, 'test.yaml');
  if (!result.ok) throw new Error(formatRotationErrors(result.errors));
  return result.rotation;
}

const playbook = rotationOf(readFileSync(new URL('../../examples/rotation.playbook.yaml', import.meta.url), 'utf8'));

/** role -> handle (or null), to compare holders in one line. */
function who(rotation: Rotation, iso: string): Record<string, string | null> {
  return Object.fromEntries(holdersAt(rotation, at(iso)).map((holder) => [holder.role, holder.person?.handle ?? null]));
}

const WEEK = [
  { primary: 'alex.chen', secondary: 'sarah.johnson', manager: 'mike.rodriguez' },
  { primary: 'sarah.johnson', secondary: 'david.kim', manager: 'mike.rodriguez' },
  { primary: 'david.kim', secondary: 'alex.chen', manager: 'lisa.wang' },
  { primary: 'alex.chen', secondary: 'sarah.johnson', manager: 'lisa.wang' },
];

const people = `people:
  - { handle: ann, name: Ann, timezone: Europe/Berlin }
  - { handle: ben, name: Ben, timezone: America/Los_Angeles }
  - { handle: cat, name: Cat, timezone: America/New_York }
`;

describe('the playbook rotation (weekly, Monday 09:00 America/Los_Angeles)', () => {
  it('follows the 4-week table and starts over in week 5', () => {
    // Monday 2026-11-02 09:00 PST is 17:00Z.
    expect(who(playbook, '2026-11-02T16:59:59.999Z')).toEqual({ primary: null, secondary: null, manager: null });
    expect(who(playbook, '2026-11-02T17:00:00Z')).toEqual(WEEK[0]);
    expect(who(playbook, '2026-11-09T16:59:59.999Z')).toEqual(WEEK[0]);
    expect(who(playbook, '2026-11-09T17:00:00Z')).toEqual(WEEK[1]);
    expect(who(playbook, '2026-11-16T17:00:00Z')).toEqual(WEEK[2]);
    expect(who(playbook, '2026-11-23T17:00:00Z')).toEqual(WEEK[3]);
    expect(who(playbook, '2026-11-30T17:00:00Z')).toEqual(WEEK[0]);
  });

  it('hands off at 09:00 local across the March spring-forward (16:00Z, not 17:00Z)', () => {
    // DST starts Sunday 2027-03-14. Monday 2027-03-08 is week 19 of the cycle (table week 3),
    // Monday 2027-03-15 09:00 PDT = 16:00Z starts table week 4.
    expect(who(playbook, '2027-03-08T16:59:59Z')).toEqual(WEEK[1]);
    expect(who(playbook, '2027-03-08T17:00:00Z')).toEqual(WEEK[2]);
    expect(who(playbook, '2027-03-15T15:59:59.999Z')).toEqual(WEEK[2]);
    expect(who(playbook, '2027-03-15T16:00:00Z')).toEqual(WEEK[3]);
    expect(who(playbook, '2027-03-15T16:30:00Z').primary).toBe('alex.chen');
    expect(nextHandoff(playbook, at('2027-03-12T00:00:00Z'))).toEqual({
      at: at('2027-03-15T16:00:00Z'),
      role: 'primary',
      from: 'David Kim',
      to: 'Alex Chen',
      fromHandle: 'david.kim',
      toHandle: 'alex.chen',
    });
  });

  it('hands off at 09:00 local across the November fall-back (17:00Z, not 16:00Z)', () => {
    // DST ends Sunday 2027-11-07. Monday 2027-11-01 09:00 PDT = 16:00Z starts table week 1,
    // Monday 2027-11-08 09:00 PST = 17:00Z starts table week 2.
    expect(who(playbook, '2027-11-01T15:59:59Z')).toEqual(WEEK[3]);
    expect(who(playbook, '2027-11-01T16:00:00Z')).toEqual(WEEK[0]);
    expect(who(playbook, '2027-11-08T16:30:00Z')).toEqual(WEEK[0]);
    expect(who(playbook, '2027-11-08T16:59:59.999Z')).toEqual(WEEK[0]);
    expect(who(playbook, '2027-11-08T17:00:00Z')).toEqual(WEEK[1]);
  });

  it('lets an override beat the layers for exactly its range', () => {
    // Sarah covers primary 2026-12-24 09:00 to 2026-12-26 09:00 Los Angeles time (17:00Z).
    expect(who(playbook, '2026-12-24T16:59:59Z')).toEqual(WEEK[3]);
    expect(who(playbook, '2026-12-24T17:00:00Z')).toEqual({ ...WEEK[3], primary: 'sarah.johnson' });
    expect(who(playbook, '2026-12-26T16:59:59Z').primary).toBe('sarah.johnson');
    expect(who(playbook, '2026-12-26T17:00:00Z').primary).toBe('alex.chen');
    const primary = shiftsBetween(playbook, at('2026-12-21T17:00:00Z'), at('2027-01-04T17:00:00Z')).filter((shift) => shift.role === 'primary');
    // Alex holds week 4 and week 1 of the next cycle: the handoff on 12-28 changes nobody, so it merges.
    expect(primary).toEqual([
      { role: 'primary', handle: 'alex.chen', name: 'Alex Chen', start: at('2026-12-21T17:00:00Z'), end: at('2026-12-24T17:00:00Z') },
      { role: 'primary', handle: 'sarah.johnson', name: 'Sarah Johnson', start: at('2026-12-24T17:00:00Z'), end: at('2026-12-26T17:00:00Z') },
      { role: 'primary', handle: 'alex.chen', name: 'Alex Chen', start: at('2026-12-26T17:00:00Z'), end: at('2027-01-04T17:00:00Z') },
    ]);
  });

  it('says which roles a person holds, by handle or email', () => {
    expect(rolesOf(playbook, 'alex.chen', at('2026-11-20T00:00:00Z'))).toEqual(['secondary']);
    expect(rolesOf(playbook, 'Lisa.Wang@company.com', at('2026-11-20T00:00:00Z'))).toEqual(['manager']);
    expect(rolesOf(playbook, 'mike.rodriguez', at('2026-11-20T00:00:00Z'))).toEqual([]);
  });

  it('flags the time before the rotation starts as a gap for every role', () => {
    expect(findGaps(playbook, at('2026-11-01T00:00:00Z'), at('2026-11-03T00:00:00Z'))).toEqual([
      { role: 'primary', start: at('2026-11-01T00:00:00Z'), end: at('2026-11-02T17:00:00Z') },
      { role: 'secondary', start: at('2026-11-01T00:00:00Z'), end: at('2026-11-02T17:00:00Z') },
      { role: 'manager', start: at('2026-11-01T00:00:00Z'), end: at('2026-11-02T17:00:00Z') },
    ]);
    expect(findGaps(playbook, at('2026-11-03T00:00:00Z'), at('2026-12-31T00:00:00Z'))).toEqual([]);
  });
});

describe('Europe/Berlin weekly handoffs', () => {
  const berlin = rotationOf(`timezone: Europe/Berlin
${people}rotations:
  - role: primary
    layers:
      - kind: weekly
        start: 2026-10-05
        handoff: { weekday: monday, time: "09:00" }
        members: [ann, ben]
`);

  it('hands off at 08:00Z after the October fall-back', () => {
    // 2026-10-19 09:00 CEST = 07:00Z (ann); DST ends 2026-10-25; 2026-10-26 09:00 CET = 08:00Z (ben).
    expect(who(berlin, '2026-10-19T06:59:59Z').primary).toBe('ben');
    expect(who(berlin, '2026-10-19T07:00:00Z').primary).toBe('ann');
    expect(who(berlin, '2026-10-26T07:30:00Z').primary).toBe('ann');
    expect(who(berlin, '2026-10-26T07:59:59.999Z').primary).toBe('ann');
    expect(who(berlin, '2026-10-26T08:00:00Z').primary).toBe('ben');
  });

  it('hands off at 07:00Z after the March spring-forward', () => {
    // 2027-03-22 09:00 CET = 08:00Z (ann); DST starts 2027-03-28; 2027-03-29 09:00 CEST = 07:00Z (ben).
    expect(who(berlin, '2027-03-22T08:00:00Z').primary).toBe('ann');
    expect(who(berlin, '2027-03-29T06:59:59.999Z').primary).toBe('ann');
    expect(who(berlin, '2027-03-29T07:00:00Z').primary).toBe('ben');
    expect(nextHandoff(berlin, at('2027-03-25T00:00:00Z'))?.at).toBe(at('2027-03-29T07:00:00Z'));
  });
});

describe('handoffs scheduled inside a DST change', () => {
  const sunday = (time: string) =>
    rotationOf(`${people}rotations:
  - role: primary
    layers:
      - kind: weekly
        start: 2026-10-04
        handoff: { weekday: sunday, time: "${time}", timezone: America/Los_Angeles }
        members: [ann, ben]
`);

  it('moves a skipped local time past the spring-forward jump (02:30 -> 03:30 PDT)', () => {
    // 2027-03-14 starts week 23 from 2026-10-04: ann -> ben at 03:30 PDT = 10:30Z.
    const rotation = sunday('02:30');
    expect(who(rotation, '2027-03-14T10:29:59Z').primary).toBe('ann');
    expect(who(rotation, '2027-03-14T10:30:00Z').primary).toBe('ben');
  });

  it('runs a repeated local time once in the fall-back (01:30 PST)', () => {
    // 2026-11-01 is week 4 (ann): 01:30 happens twice; the handoff is at the second, 01:30 PST = 09:30Z.
    const rotation = sunday('01:30');
    expect(who(rotation, '2026-11-01T08:30:00Z').primary).toBe('ben');
    expect(who(rotation, '2026-11-01T09:29:59Z').primary).toBe('ben');
    expect(who(rotation, '2026-11-01T09:30:00Z').primary).toBe('ann');
  });
});

describe('follow-the-sun across people\'s time zones', () => {
  // Ben (LA) 15:00-23:00, Ann (Berlin) 08:00-17:00, Cat (New York) 11:00-18:00: in winter and in
  // summer the three windows tile the day; in the weeks when only the US has changed clocks they do not.
  const sun = rotationOf(`timezone: UTC
${people}rotations:
  - role: primary
    layers:
      - kind: daily
        shifts:
          - { start: "15:00", end: "23:00", timezone: America/Los_Angeles, members: [ben] }
          - { start: "08:00", end: "17:00", timezone: Europe/Berlin, members: [ann] }
          - { start: "11:00", end: "18:00", timezone: America/New_York, members: [cat] }
`);

  it('covers the whole day when both sides are on standard time', () => {
    expect(findGaps(sun, at('2027-03-06T00:00:00Z'), at('2027-03-07T00:00:00Z'))).toEqual([]);
    expect(who(sun, '2027-03-06T06:59:59Z').primary).toBe('ben');
    expect(who(sun, '2027-03-06T07:00:00Z').primary).toBe('ann');
    expect(who(sun, '2027-03-06T16:00:00Z').primary).toBe('cat');
    expect(who(sun, '2027-03-06T23:00:00Z').primary).toBe('ben');
  });

  it('flags the hour nobody covers between the US and the EU clock changes', () => {
    // US on daylight time since 2027-03-14, the EU not until 2027-03-28: Ben ends 06:00Z, Ann starts 07:00Z.
    expect(findGaps(sun, at('2027-03-20T00:00:00Z'), at('2027-03-21T00:00:00Z'))).toEqual([
      { role: 'primary', start: at('2027-03-20T06:00:00Z'), end: at('2027-03-20T07:00:00Z') },
    ]);
    expect(who(sun, '2027-03-20T06:30:00Z').primary).toBeNull();
    // Ann (until 16:00Z) and Cat (from 15:00Z) overlap: the later shift in the list wins.
    expect(who(sun, '2027-03-20T15:30:00Z').primary).toBe('cat');
    // Same hour in the autumn: the EU back on standard time 2026-10-25, the US not until 2026-11-01.
    expect(findGaps(sun, at('2026-10-28T00:00:00Z'), at('2026-10-29T00:00:00Z'))).toEqual([
      { role: 'primary', start: at('2026-10-28T06:00:00Z'), end: at('2026-10-28T07:00:00Z') },
    ]);
    // Both on daylight time: covered again.
    expect(findGaps(sun, at('2027-04-10T00:00:00Z'), at('2027-04-11T00:00:00Z'))).toEqual([]);
  });

  it('cycles members per day and honours weekdays and the layer start', () => {
    const rotation = rotationOf(`${people}rotations:
  - role: primary
    layers:
      - kind: daily
        start: 2026-11-02
        timezone: Europe/Berlin
        shifts:
          - { start: "22:00", end: "06:00", members: [ann, ben], weekdays: [monday, tuesday, wednesday] }
`);
    expect(who(rotation, '2026-11-01T22:30:00Z').primary).toBeNull(); // before the layer starts
    expect(who(rotation, '2026-11-02T21:30:00Z').primary).toBe('ann'); // Monday 22:30 CET, day 0
    expect(who(rotation, '2026-11-03T04:59:59Z').primary).toBe('ann'); // the night crosses midnight
    expect(who(rotation, '2026-11-03T05:00:00Z').primary).toBeNull();
    expect(who(rotation, '2026-11-03T21:00:00Z').primary).toBe('ben'); // Tuesday night, day 1
    expect(who(rotation, '2026-11-04T21:00:00Z').primary).toBe('ann'); // Wednesday night, day 2
    expect(who(rotation, '2026-11-05T21:00:00Z').primary).toBeNull(); // Thursday: not a listed weekday
  });
});

describe('layers and overrides', () => {
  const layered = rotationOf(`timezone: UTC
${people}rotations:
  - role: primary
    layers:
      - { kind: weekly, start: 2026-11-02, handoff: { weekday: monday, time: "00:00" }, members: [ann] }
      - kind: daily
        shifts:
          - { start: "00:00", end: "08:00", members: [ben], weekdays: [saturday, sunday] }
overrides:
  - { role: primary, person: cat, start: "2026-11-07T04:00:00Z", end: "2026-11-07T12:00:00Z" }
  - { role: primary, person: ann, start: "2026-11-07T05:00:00Z", end: "2026-11-07T06:00:00Z" }
`);

  it('resolves later layers over earlier ones, overrides over layers, later overrides first', () => {
    expect(who(layered, '2026-11-06T03:00:00Z').primary).toBe('ann'); // Friday: daily layer empty
    expect(who(layered, '2026-11-07T03:00:00Z').primary).toBe('ben'); // Saturday night: daily layer
    expect(who(layered, '2026-11-07T04:30:00Z').primary).toBe('cat'); // override beats ben
    expect(who(layered, '2026-11-07T05:30:00Z').primary).toBe('ann'); // the later override
    expect(who(layered, '2026-11-07T10:00:00Z').primary).toBe('cat'); // override beats the weekly ann
    expect(who(layered, '2026-11-07T12:00:00Z').primary).toBe('ann');
    expect(shiftsBetween(layered, at('2026-11-07T00:00:00Z'), at('2026-11-07T13:00:00Z')).map((shift) => [shift.handle, new Date(shift.start).toISOString()])).toEqual([
      ['ben', '2026-11-07T00:00:00.000Z'],
      ['cat', '2026-11-07T04:00:00.000Z'],
      ['ann', '2026-11-07T05:00:00.000Z'],
      ['cat', '2026-11-07T06:00:00.000Z'],
      ['ann', '2026-11-07T12:00:00.000Z'],
    ]);
  });

  it('honours a layer end', () => {
    const ending = rotationOf(`timezone: UTC
${people}rotations:
  - role: primary
    layers:
      - { kind: weekly, start: 2026-11-02, end: "2026-11-04 12:00", handoff: { weekday: monday, time: "00:00" }, members: [ann] }
`);
    expect(findGaps(ending, at('2026-11-01T00:00:00Z'), at('2026-11-05T00:00:00Z'))).toEqual([
      { role: 'primary', start: at('2026-11-01T00:00:00Z'), end: at('2026-11-02T00:00:00Z') },
      { role: 'primary', start: at('2026-11-04T12:00:00Z'), end: at('2026-11-05T00:00:00Z') },
    ]);
  });
});

describe('an empty rotation', () => {
  it('flags a role with no layers as a gap over the whole window', () => {
    const rotation = rotationOf(`timezone: UTC\n${people}rotations:\n  - role: primary\n  - role: secondary\n    layers: []\n`);
    expect(holdersAt(rotation, at('2026-11-23T12:00:00Z'))).toEqual([
      { role: 'primary', person: null },
      { role: 'secondary', person: null },
    ]);
    expect(findGaps(rotation, at('2026-11-23T00:00:00Z'), at('2026-11-30T00:00:00Z'))).toEqual([
      { role: 'primary', start: at('2026-11-23T00:00:00Z'), end: at('2026-11-30T00:00:00Z') },
      { role: 'secondary', start: at('2026-11-23T00:00:00Z'), end: at('2026-11-30T00:00:00Z') },
    ]);
    expect(nextHandoff(rotation, at('2026-11-23T00:00:00Z'))).toBeNull();
  });

  it('has no roles and no handoff when the file lists no rotations', () => {
    const rotation = rotationOf('timezone: UTC\n');
    expect(holdersAt(rotation, at('2026-11-23T12:00:00Z'))).toEqual([]);
    expect(shiftsBetween(rotation, at('2026-11-23T00:00:00Z'), at('2026-11-30T00:00:00Z'))).toEqual([]);
    expect(nextHandoff(rotation, at('2026-11-23T00:00:00Z'))).toBeNull();
  });
});
