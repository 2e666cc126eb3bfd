// Tests run under Node and read the shipped examples/ files; the code under test stays Node-free.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRotationErrors, parseRotationText } from './parse-rotation.ts';
import type { RotationError } from './parse-rotation.ts';

const playbookPath = new URL('../../examples/rotation.playbook.yaml', import.meta.url);

function errorsOf(text: string): RotationError[] {
  const result = parseRotationText(text, 'team.yaml');
  if (result.ok) throw new Error('expected the rotation to be rejected');
  return result.errors;
}

const minimal = (body: string) => `timezone: America/Los_Angeles
people:
  - handle: alex.chen
    name: Alex Chen
  - handle: sarah.johnson
    name: Sarah Johnson
${body}`;

describe('parseRotationText', () => {
  it('accepts the playbook example with its people, roles and every severity', () => {
    const result = parseRotationText(readFileSync(playbookPath, 'utf8'), 'rotation.playbook.yaml');
    if (!result.ok) throw new Error(formatRotationErrors(result.errors));
    const rotation = result.rotation;
    expect(rotation.people.map((person) => person.handle)).toEqual(['alex.chen', 'sarah.johnson', 'david.kim', 'mike.rodriguez', 'lisa.wang']);
    expect(rotation.rotations.map((role) => role.role)).toEqual(['primary', 'secondary', 'manager']);
    expect(Object.keys(rotation.escalation).sort()).toEqual(['critical', 'default', 'high', 'info', 'low', 'medium', 'warning']);
    const critical = rotation.escalation.critical!;
    expect(critical.ack_within).toBe(2 * 60_000);
    expect(critical.respond_within).toBe(5 * 60_000);
    expect(critical.steps.map((step) => step.after)).toEqual([0, 15 * 60_000, 30 * 60_000, 60 * 60_000, 120 * 60_000]);
    expect(critical.steps[4]!.action).toBe('External communication and status page update');
    expect(rotation.escalation.info!.ack_within).toBe(24 * 3_600_000);
    expect(rotation.escalation.low!.steps[1]).toEqual({ after: 8 * 3_600_000, role: 'manager' });
  });

  it('names the file, line and field of an unknown person', () => {
    const errors = errorsOf(
      minimal(`rotations:
  - role: primary
    layers:
      - kind: weekly
        start: 2026-11-02
        handoff: { weekday: monday, time: "09:00" }
        members:
          - alex.chen
          - bob.smith
`),
    );
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatchObject({ source: 'team.yaml', line: 15, column: 13, path: 'rotations[0].layers[0].members[1]' });
    expect(errors[0]!.message).toContain('unknown person "bob.smith"');
    expect(formatRotationErrors(errors)).toMatch(/^team\.yaml:15:13: rotations\[0\]\.layers\[0\]\.members\[1\]: unknown person "bob\.smith"/);
  });

  it('names the line of a bad time zone, including abbreviations such as PST', () => {
    const errors = errorsOf(`timezone: UTC
people:
  - handle: alex.chen
    name: Alex Chen
    timezone: Mars/Olympus_Mons
  - handle: sarah.johnson
    name: Sarah Johnson
    timezone: PST
`);
    expect(errors.map((error) => [error.line, error.path])).toEqual([
      [5, 'people[0].timezone'],
      [8, 'people[1].timezone'],
    ]);
    expect(errors[0]!.message).toContain('unknown time zone "Mars/Olympus_Mons"');
  });

  it('reports a YAML syntax error with its line', () => {
    const errors = errorsOf('timezone: UTC\npeople:\n  - handle: a\n   name: "unterminated\n');
    expect(errors[0]!.source).toBe('team.yaml');
    expect(errors[0]!.line).toBeGreaterThanOrEqual(3);
    expect(errors[0]!.path).toBe('');
  });

  it('rejects an unknown field at the key itself and a duplicate key', () => {
    const unknown = errorsOf(minimal('rotation: []\n'));
    expect(unknown).toEqual([{ source: 'team.yaml', line: 7, column: 1, path: 'rotation', message: 'unknown field "rotation"' }]);
    const duplicate = errorsOf('timezone: UTC\ntimezone: Europe/Berlin\n');
    expect(duplicate[0]!.line).toBe(2);
  });

  it('checks the weekly start date against the handoff weekday', () => {
    const errors = errorsOf(
      minimal(`rotations:
  - role: primary
    layers:
      - kind: weekly
        start: 2026-11-03
        handoff: { weekday: monday, time: "09:00" }
        members: [alex.chen]
`),
    );
    expect(errors).toEqual([
      { source: 'team.yaml', line: 11, column: 16, path: 'rotations[0].layers[0].start', message: '2026-11-03 is a tuesday, but the handoff weekday is monday' },
    ]);
  });

  it('checks overrides, escalation references and step order', () => {
    const errors = errorsOf(
      minimal(`rotations:
  - role: primary
overrides:
  - role: primary
    person: sarah.johnson
    start: 2026-12-24 09:00
    end: 2026-12-23 09:00
  - role: tertiary
    person: alex.chen
    start: tomorrow
    end: 2026-12-23T09:00:00Z
escalation:
  critical:
    ack_within: 2m
    steps:
      - { after: 15m, role: primary }
      - { after: 5m, role: secondary }
      - { after: 1h, person: lisa.wang }
      - { after: 2h, role: primary, action: Call everyone }
`),
    );
    const byPath = Object.fromEntries(errors.map((error) => [error.path, [error.line, error.message]]));
    expect(byPath['overrides[0].end']).toEqual([13, 'an override ends after it starts']);
    expect(byPath['overrides[1].role']![1]).toContain('unknown role "tertiary"');
    expect(byPath['overrides[1].start']![1]).toContain('"tomorrow" is not a time');
    expect(byPath['escalation.critical.steps[1].role']).toEqual([23, 'unknown role "secondary" (roles: primary)']);
    expect(byPath['escalation.critical.steps[1].after']![0]).toBe(23);
    expect(byPath['escalation.critical.steps[2].person']![1]).toContain('unknown person "lisa.wang"');
    expect(byPath['escalation.critical.steps[3]']).toEqual([25, 'a step names exactly one of role, person or action']);
  });

  it('validates ICS layer sources: one of url or file, https only except on loopback', () => {
    const errors = errorsOf(
      minimal(`rotations:
  - role: primary
    layers:
      - { kind: ics, url: "http://oncall.example.com/feed.ics" }
      - { kind: ics, url: "https://oncall.example.com/feed.ics", file: feed.ics }
      - { kind: ics, url: "http://127.0.0.1:8080/feed.ics" }
`),
    );
    expect(errors.map((error) => error.path)).toEqual(['rotations[0].layers[0].url', 'rotations[0].layers[1]']);
    expect(errors[0]!.message).toContain('only https');
  });

  it('rejects an empty file and an unknown layer kind with a readable message', () => {
    expect(errorsOf('')[0]!.message).toBe('the file is empty');
    const errors = errorsOf(minimal('rotations:\n  - role: primary\n    layers:\n      - kind: monthly\n'));
    expect(errors[0]).toMatchObject({ line: 10, path: 'rotations[0].layers[0].kind', message: 'a layer has kind: weekly, daily or ics' });
  });
});

describe('docs/rotation.md', () => {
  it('shows the playbook example exactly as examples/rotation.playbook.yaml has it', () => {
    const doc = readFileSync(new URL('../../docs/rotation.md', import.meta.url), 'utf8');
    const block = /<!-- playbook-example -->\n```yaml\n([\s\S]*?)```/.exec(doc);
    expect(block?.[1]).toBe(readFileSync(playbookPath, 'utf8'));
  });
});

describe('hostile input', () => {
  it('rejects alias bombs instead of expanding them', () => {
    const bomb = ['a: &a [x, x, x, x, x, x, x, x, x, x]', ...'bcdefgh'.split('').map((key, i) => `${key}: &${key} [${Array(10).fill(`*${'abcdefgh'[i]}`).join(', ')}]`)].join('\n');
    const result = parseRotationText(bomb, 'bomb.yaml');
    expect(result.ok).toBe(false);
    expect(!result.ok && result.errors[0]!.message).toMatch(/alias/i);
  });
});
