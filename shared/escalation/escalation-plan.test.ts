// Tests run under Node and read the shipped examples/ files; the code under test stays Node-free.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { formatRotationErrors, parseRotationText } from '../rotation/parse-rotation.ts';
import type { Rotation } from '../rotation/rotation-schema.ts';
import { buildEscalation, describeEscalationStep, escalationPolicyFor, myPageTime, nextStepAt, stepsNewlyReached } from './escalation-plan.ts';
import type { BuildEscalationInput } from './escalation-plan.ts';

const at = (iso: string) => Date.parse(iso);
const MIN = 60_000;

function rotationOf(text: string): Rotation {
  const result = parseRotationText(text, 'test.yaml');
  if (!result.ok) throw new Error(formatRotationErrors(result.errors));
  return result.rotation;
}

const playbook = rotationOf(readFileSync(new URL('../../examples/rotation.playbook.yaml', import.meta.url), 'utf8'));

// Started 20 minutes before the Monday 2026-11-16 09:00 PST (17:00Z) handoff from table week 2
// (Sarah / David / Mike) to week 3 (David / Alex / Lisa).
const startedAtMs = at('2026-11-16T16:40:00Z');
const base: BuildEscalationInput = { rotation: playbook, severity: 'critical', startedAtMs, nowMs: at('2026-11-16T17:05:00Z'), meId: 'lisa.wang', stoppedAtMs: null };

describe('buildEscalation', () => {
  it('times each step from the start and resolves names at the step time, across a handoff', () => {
    const view = buildEscalation(base)!;
    expect(view.severity).toBe('critical');
    expect(view.ackDeadline).toBe(startedAtMs + 2 * MIN);
    expect(view.respondDeadline).toBe(startedAtMs + 5 * MIN);
    expect(view.stopped).toBe(false);
    expect(
      view.steps.map((step) => [step.index, new Date(step.at).toISOString(), step.target.kind, step.target.value, step.people.map((person) => person.handle), step.reached, step.current, step.includesMe]),
    ).toEqual([
      [0, '2026-11-16T16:40:00.000Z', 'role', 'primary', ['sarah.johnson'], true, false, false],
      [1, '2026-11-16T16:55:00.000Z', 'role', 'secondary', ['david.kim'], true, true, false],
      // 17:10Z is after the handoff: week 3's manager is Lisa, not week 2's Mike.
      [2, '2026-11-16T17:10:00.000Z', 'role', 'manager', ['lisa.wang'], false, false, true],
      [3, '2026-11-16T17:40:00.000Z', 'person', 'lisa.wang', ['lisa.wang'], false, false, true],
      [4, '2026-11-16T18:40:00.000Z', 'action', 'External communication and status page update', [], false, false, false],
    ]);
    expect(view.steps[2]!.delayMs).toBe(30 * MIN);
    expect(view.steps[1]!.people[0]).toMatchObject({ name: 'David Kim', phone: '+1-555-0103', slack: '@david.kim' });
  });

  it('pages me from the first step that reaches me, matched by handle or email', () => {
    expect(myPageTime(buildEscalation(base)!)).toBe(at('2026-11-16T17:10:00Z'));
    expect(myPageTime(buildEscalation({ ...base, meId: 'Sarah.Johnson@Company.com' })!)).toBe(startedAtMs);
    // Mike is week 2's manager, but the manager step falls in week 3: he is never paged.
    expect(myPageTime(buildEscalation({ ...base, meId: 'mike.rodriguez' })!)).toBeNull();
  });

  it('stops the ladder at the ack: later steps are never reached', () => {
    const view = buildEscalation({ ...base, nowMs: at('2026-11-16T19:00:00Z'), stoppedAtMs: at('2026-11-16T16:50:00Z') })!;
    expect(view.stopped).toBe(true);
    expect(view.steps.map((step) => step.reached)).toEqual([true, false, false, false, false]);
    expect(view.steps.map((step) => step.current)).toEqual([true, false, false, false, false]);
    expect(nextStepAt(view)).toBeNull();
  });

  it('reaches every step once the last delay has passed unacknowledged', () => {
    const view = buildEscalation({ ...base, nowMs: at('2026-11-16T18:40:00Z') })!;
    expect(view.steps.map((step) => step.reached)).toEqual([true, true, true, true, true]);
    expect(view.steps.findIndex((step) => step.current)).toBe(4);
    expect(nextStepAt(view)).toBeNull();
  });

  it('lists the steps reached since the last look, for the timeline', () => {
    const early = buildEscalation({ ...base, nowMs: startedAtMs + MIN })!;
    expect(nextStepAt(early)).toBe(at('2026-11-16T16:55:00Z'));
    expect(stepsNewlyReached(early, 0).map((step) => step.index)).toEqual([0]);
    const later = buildEscalation({ ...base, nowMs: at('2026-11-16T17:15:00Z') })!;
    expect(stepsNewlyReached(later, 1).map((step) => step.index)).toEqual([1, 2]);
    expect(stepsNewlyReached(later, 3)).toEqual([]);
    expect(stepsNewlyReached(later, 1).map(describeEscalationStep)).toEqual([
      'Escalation step 2 (+15m00s): role secondary: David Kim',
      'Escalation step 3 (+30m00s): role manager: Lisa Wang',
    ]);
    expect(describeEscalationStep(later.steps[4]!)).toBe('Escalation step 5 (+2h00m): External communication and status page update');
  });

  it('chooses the policy by severity, then `default`, else none', () => {
    expect(buildEscalation({ ...base, severity: 'info' })!.ackDeadline).toBe(startedAtMs + 24 * 60 * MIN);
    expect(buildEscalation({ ...base, severity: 'high' })!.steps.map((step) => step.delayMs)).toEqual([0, 30 * MIN]);
    const other = buildEscalation({ ...base, severity: 'page-me-maybe' })!;
    expect(other.severity).toBe('page-me-maybe');
    expect(other.ackDeadline).toBe(startedAtMs + 60 * MIN);
    expect(other.respondDeadline).toBeNull();
    const noDefault = rotationOf('escalation:\n  critical:\n    ack_within: 2m\n    steps: [{ after: 0m, action: Page the room }]\n');
    expect(escalationPolicyFor(noDefault, 'warning')).toBeNull();
    expect(buildEscalation({ ...base, rotation: noDefault, severity: 'warning' })).toBeNull();
    expect(buildEscalation({ ...base, rotation: null })).toBeNull();
  });

  it('shows a step that lands in a rotation gap as reaching nobody', () => {
    // Before the rotation's first handoff nobody holds primary.
    const view = buildEscalation({ ...base, startedAtMs: at('2026-11-01T00:00:00Z'), nowMs: at('2026-11-01T00:01:00Z') })!;
    expect(view.steps[0]!.people).toEqual([]);
    expect(describeEscalationStep(view.steps[0]!)).toBe('Escalation step 1 (+0s): role primary: nobody (gap in the rotation)');
    expect(view.steps[3]!.people.map((person) => person.handle)).toEqual(['lisa.wang']);
  });
});
