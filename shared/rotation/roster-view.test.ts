// Tests run under Node and read the shipped examples/ files; the code under test stays Node-free.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRotationErrors, parseRotationText } from './parse-rotation.ts';
import { buildRosterView } from './roster-view.ts';

const at = (iso: string) => Date.parse(iso);
const parsed = parseRotationText(readFileSync(new URL('../../examples/rotation.playbook.yaml', import.meta.url), 'utf8'), 'rotation.playbook.yaml');
if (!parsed.ok) throw new Error(formatRotationErrors(parsed.errors));
const playbook = parsed.rotation;
const meta = { source: 'rotation.playbook.yaml', warning: null, loadedAt: at('2026-11-23T08:00:00Z') };

describe('buildRosterView', () => {
  it('shows who is on call now, my roles, the next handoff and four weeks of shifts', () => {
    // Monday 2026-11-23 03:00 in Los Angeles: still table week 3 until 09:00 (17:00Z).
    const view = buildRosterView(playbook, at('2026-11-23T11:00:00Z'), 'alex.chen', meta);
    expect(view.now.map((holder) => [holder.role, holder.person?.name ?? null])).toEqual([
      ['primary', 'David Kim'],
      ['secondary', 'Alex Chen'],
      ['manager', 'Lisa Wang'],
    ]);
    expect(view.now[0]!.person).toEqual({
      handle: 'david.kim',
      name: 'David Kim',
      timezone: 'America/Chicago',
      phone: '+1-555-0103',
      email: 'david.kim@company.com',
      slack: '@david.kim',
    });
    expect(view.myRoles).toEqual(['secondary']);
    expect(view.nextHandoff).toEqual({ at: at('2026-11-23T17:00:00Z'), role: 'primary', from: 'David Kim', to: 'Alex Chen' });
    // The current shifts keep their real start (last Monday 17:00Z), not "now".
    const primary = view.upcoming.filter((shift) => shift.role === 'primary');
    expect(primary.map((shift) => [shift.name, new Date(shift.start).toISOString()])).toEqual([
      ['David Kim', '2026-11-16T17:00:00.000Z'],
      ['Alex Chen', '2026-11-23T17:00:00.000Z'],
      ['Sarah Johnson', '2026-12-07T17:00:00.000Z'],
      ['David Kim', '2026-12-14T17:00:00.000Z'],
    ]);
    // Alex holds table weeks 4 and 1 back to back: one shift. The last one is cut at the horizon.
    expect(primary[1]!.end).toBe(at('2026-12-07T17:00:00Z'));
    expect(primary.at(-1)!.end).toBe(at('2026-12-21T11:00:00Z'));
    expect(view.gaps).toEqual([]);
    expect(view.people.map((person) => person.handle)).toEqual(['alex.chen', 'sarah.johnson', 'david.kim', 'mike.rodriguez', 'lisa.wang']);
    expect(view.people[3]!.timezone).toBe('America/Los_Angeles'); // Mike has none: the file's zone
    expect(view).toMatchObject(meta);
  });

  it('still carries the source and warning when no rotation could be loaded', () => {
    const warning = 'team.yaml:3:5: people[0].timezone: unknown time zone "PST"';
    expect(buildRosterView(null, at('2026-11-23T11:00:00Z'), 'alex.chen', { source: 'team.yaml', warning, loadedAt: null })).toEqual({
      now: [],
      myRoles: [],
      nextHandoff: null,
      upcoming: [],
      gaps: [],
      people: [],
      source: 'team.yaml',
      warning,
      loadedAt: null,
    });
  });

  it('flags gaps in the coming four weeks', () => {
    const view = buildRosterView(playbook, at('2026-10-20T00:00:00Z'), 'nobody', meta);
    expect(view.gaps.map((gap) => [gap.role, new Date(gap.end).toISOString()])).toEqual([
      ['primary', '2026-11-02T17:00:00.000Z'],
      ['secondary', '2026-11-02T17:00:00.000Z'],
      ['manager', '2026-11-02T17:00:00.000Z'],
    ]);
    expect(view.now.every((holder) => holder.person === null)).toBe(true);
  });
});
