import { describe, expect, it } from 'vitest';
import { emptyAlarmBook, evaluateAlarms, type AlarmInput } from './alarm-machine.ts';

const MIN = 60_000;
const t0 = Date.UTC(2026, 10, 23, 9, 0, 0);

function incident(overrides: Partial<AlarmInput> = {}): AlarmInput {
  return {
    key: 'WeaviateDown-1',
    title: 'WeaviateDown',
    severity: 'critical',
    ack: null,
    mutedByOther: false,
    pageAt: t0,
    alarmEnabled: true,
    ackWithinMs: 2 * MIN,
    realarmEveryMs: 1 * MIN,
    loud: true,
    ...overrides,
  };
}
const types = (effects: { type: string; event?: string }[]) => effects.map((e) => (e.type === 'journal' ? `journal:${e.event}` : e.type));

describe('alarm machine', () => {
  it('raises a new firing incident once with the policy deadline', () => {
    const step = evaluateAlarms(emptyAlarmBook(), [incident()], t0);
    expect(types(step.effects)).toEqual(['journal:first-seen', 'ring', 'journal:alarm-raised']);
    expect(step.book.alarms['WeaviateDown-1']).toMatchObject({ deadline: t0 + 2 * MIN, level: 0 });
    expect(step.nextWakeAt).toBe(t0 + 2 * MIN);
    const again = evaluateAlarms(step.book, [incident()], t0 + 30_000);
    expect(again.effects).toEqual([]);
  });

  it('re-alarms with rising level each time a deadline passes', () => {
    let step = evaluateAlarms(emptyAlarmBook(), [incident()], t0);
    step = evaluateAlarms(step.book, [incident()], t0 + 2 * MIN);
    expect(types(step.effects)).toEqual(['journal:deadline-missed', 'ring']);
    // The deadline stays where it was (one deadline, one meaning); only the next ring moves.
    expect(step.book.alarms['WeaviateDown-1']).toMatchObject({ level: 1, deadline: t0 + 2 * MIN, nextRingAt: t0 + 3 * MIN });
    step = evaluateAlarms(step.book, [incident()], t0 + 3 * MIN);
    expect(step.book.alarms['WeaviateDown-1']).toMatchObject({ level: 2, deadline: t0 + 2 * MIN });
  });

  it('counts the ack deadline from the page time, not from when this Vigil noticed: a late start is already overdue', () => {
    const step = evaluateAlarms(emptyAlarmBook(), [incident()], t0 + 5 * MIN);
    expect(step.book.alarms['WeaviateDown-1']).toMatchObject({ pagedAt: t0, deadline: t0 + 2 * MIN, nextRingAt: t0 + 6 * MIN, level: 0 });
    expect(step.effects.find((e) => e.type === 'ring')).toMatchObject({ deadline: t0 + 2 * MIN });
    expect(step.nextWakeAt).toBe(t0 + 6 * MIN);
  });

  it('stops ringing when any Vigil acks, and journals who', () => {
    const first = evaluateAlarms(emptyAlarmBook(), [incident()], t0);
    const ack = { by: 'sarah.johnson', via: 'remote' as const, at: t0 + 5000, silenceId: 's1', sourceId: 'am', mine: false };
    const step = evaluateAlarms(first.book, [incident({ ack })], t0 + 10_000);
    expect(types(step.effects)).toEqual(['journal:acked-by-other', 'stop']);
    expect(step.book.alarms).toEqual({});
    expect(step.nextWakeAt).toBeNull();
  });

  it('re-alarms when an ack silence vanishes while the incident still fires', () => {
    const ack = { by: 'alex.chen', via: 'window' as const, at: t0, silenceId: 's1', sourceId: 'am', mine: true };
    let step = evaluateAlarms(emptyAlarmBook(), [incident({ ack })], t0);
    expect(step.effects.some((e) => e.type === 'ring')).toBe(false);
    step = evaluateAlarms(step.book, [incident()], t0 + MIN);
    expect(types(step.effects)).toEqual(['journal:silence-vanished', 'ring', 'journal:re-alarmed']);
    expect(step.book.alarms['WeaviateDown-1']?.level).toBe(1);
  });

  it('waits for the page time (an escalation step that reaches me) before ringing', () => {
    const later = incident({ pageAt: t0 + 15 * MIN });
    let step = evaluateAlarms(emptyAlarmBook(), [later], t0);
    expect(step.book.alarms).toEqual({});
    expect(step.nextWakeAt).toBe(t0 + 15 * MIN);
    step = evaluateAlarms(step.book, [later], t0 + 15 * MIN);
    expect(step.effects.some((e) => e.type === 'ring')).toBe(true);
  });

  it('stops ringing when my page time moves into the future (e.g. the rotation now makes me secondary)', () => {
    const ringing = evaluateAlarms(emptyAlarmBook(), [incident()], t0);
    const step = evaluateAlarms(ringing.book, [incident({ pageAt: t0 + 15 * MIN })], t0 + 1000);
    expect(types(step.effects)).toEqual(['stop']);
    expect(step.book.alarms).toEqual({});
    expect(step.nextWakeAt).toBe(t0 + 15 * MIN);
  });

  it('never rings for disabled severities, maintenance silences or incidents that are not mine', () => {
    for (const quiet of [incident({ alarmEnabled: false, severity: 'none' }), incident({ mutedByOther: true }), incident({ pageAt: null })]) {
      const step = evaluateAlarms(emptyAlarmBook(), [quiet], t0 + 10 * MIN);
      expect(step.effects.filter((e) => e.type === 'ring')).toEqual([]);
    }
  });

  it('resolves an incident that disappeared: alarm stopped, resolved effect carries the ack to expire', () => {
    const ack = { by: 'alex.chen', via: 'window' as const, at: t0, silenceId: 's9', sourceId: 'am', mine: true };
    const ringing = evaluateAlarms(emptyAlarmBook(), [incident({ key: 'a' }), incident({ key: 'b', ack })], t0);
    const step = evaluateAlarms(ringing.book, [], t0 + MIN);
    expect(types(step.effects)).toEqual(['stop', 'journal:resolved', 'resolved', 'journal:resolved', 'resolved']);
    expect(step.effects.find((e) => e.type === 'resolved' && e.key === 'b')).toMatchObject({ ack: { silenceId: 's9' } });
    expect(step.book).toEqual(emptyAlarmBook());
  });
});
