import { describe, expect, it } from 'vitest';
import { alarmLevelTone, orderIncidents, ringingAlarms, severityRank, severityTone } from './urgency.ts';
import { incident, ringing } from '../../test-fixtures/test-incidents.ts';

const keys = (list: { key: string }[]) => list.map((i) => i.key);

describe('ringingAlarms', () => {
  it('keeps only incidents with an alarm', () => {
    expect(keys(ringingAlarms([incident('quiet'), ringing('loud')]))).toEqual(['loud']);
  });

  it('puts critical before warning regardless of input order', () => {
    const list = [ringing('w', { severity: 'warning', ackDeadline: 10 }), ringing('c', { severity: 'critical', ackDeadline: 999_999 })];
    expect(keys(ringingAlarms(list))).toEqual(['c', 'w']);
  });

  it('puts a re-alarmed incident (higher level) before a fresh one of the same severity', () => {
    const list = [ringing('fresh', { level: 0, ackDeadline: 5 }), ringing('missed-twice', { level: 2, ackDeadline: 500 })];
    expect(keys(ringingAlarms(list))).toEqual(['missed-twice', 'fresh']);
  });

  it('then orders by the nearest ack deadline, then by key for stability', () => {
    const list = [ringing('b', { ackDeadline: 300 }), ringing('c', { ackDeadline: 200 }), ringing('a', { ackDeadline: 300 })];
    expect(keys(ringingAlarms(list))).toEqual(['c', 'a', 'b']);
  });

  it('does not mutate its input', () => {
    const list = [ringing('b', { ackDeadline: 300 }), ringing('a', { ackDeadline: 100 })];
    ringingAlarms(list);
    expect(keys(list)).toEqual(['b', 'a']);
  });
});

describe('orderIncidents', () => {
  it('lists ringing alarms first, then firing, acked, silenced, resolved', () => {
    const list = [
      incident('resolved', { state: 'resolved' }),
      incident('acked', { state: 'acked' }),
      incident('firing', { state: 'firing' }),
      incident('silenced', { state: 'silenced' }),
      ringing('alarm'),
    ];
    expect(keys(orderIncidents(list))).toEqual(['alarm', 'firing', 'acked', 'silenced', 'resolved']);
  });

  it('within a state orders by severity then newest first', () => {
    const list = [
      incident('old-warning', { severity: 'warning', startsAt: 1 }),
      incident('new-warning', { severity: 'warning', startsAt: 5 }),
      incident('info', { severity: 'info', startsAt: 9 }),
      incident('critical', { severity: 'critical', startsAt: 0 }),
    ];
    expect(keys(orderIncidents(list))).toEqual(['critical', 'new-warning', 'old-warning', 'info']);
  });
});

describe('severity helpers', () => {
  it('ranks known severities and puts unknown ones between info and none', () => {
    expect(severityRank('critical')).toBeLessThan(severityRank('warning'));
    expect(severityRank('warning')).toBeLessThan(severityRank('info'));
    expect(severityRank('info')).toBeLessThan(severityRank('sev9'));
    expect(severityRank('sev9')).toBeLessThan(severityRank('none'));
    expect(severityRank('CRITICAL')).toBe(severityRank('critical'));
  });

  // Severity is alert data: whatever a label says must rank as an unknown severity, never reach
  // Object.prototype (where "constructor" is a function and "__proto__" an object).
  it('ranks prototype member names as unknown severities', () => {
    for (const name of ['constructor', '__proto__', 'toString', 'hasOwnProperty', 'valueOf', '__defineGetter__']) {
      expect(severityRank(name), name).toBe(severityRank('sev9'));
      expect(severityTone(name), name).toBe('other');
    }
  });

  it('sorts alarms with prototype-named severities after info and before none', () => {
    const list = [
      ringing('none', { severity: 'none' }),
      ringing('ctor', { severity: 'constructor' }),
      ringing('proto', { severity: '__proto__' }),
      ringing('info', { severity: 'info' }),
      ringing('crit', { severity: 'critical' }),
    ];
    expect(keys(ringingAlarms(list))).toEqual(['crit', 'info', 'ctor', 'proto', 'none']);
    expect(keys(orderIncidents(list.map((i) => ({ ...i, alarm: null }))))).toEqual(['crit', 'info', 'ctor', 'proto', 'none']);
  });

  it('maps severities to colour tones', () => {
    expect(['critical', 'warning', 'info', 'whatever'].map(severityTone)).toEqual(['critical', 'warning', 'info', 'other']);
  });

  it('caps the re-alarm tone at 3', () => {
    expect([0, 1, 2, 3, 7].map(alarmLevelTone)).toEqual([0, 1, 2, 3, 3]);
  });
});
