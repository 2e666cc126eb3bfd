import { describe, expect, it } from 'vitest';
import type { AmAlert } from '../../shared/alertmanager-schemas.ts';
import { poolAlertStrings, StringPool } from './string-pool.ts';

const alertOf = (i: number): AmAlert =>
  JSON.parse(
    JSON.stringify({
      fingerprint: `f${i}`,
      labels: { alertname: 'PodCrashLooping', severity: 'critical', pod: `pod-${i}`, __proto__x: 'constructor' },
      annotations: { runbook_url: 'https://wiki.example/runbooks/pod', summary: `pod-${i} restarts` },
      startsAt: '2026-12-02T09:00:00.000Z',
      endsAt: '2026-12-02T09:05:00.000Z',
      updatedAt: '2026-12-02T09:00:00.000Z',
      generatorURL: 'http://prometheus/graph?g0.expr=up',
      receivers: [{ name: 'oncall' }],
      status: { state: 'active', silencedBy: ['s1'], inhibitedBy: [], mutedBy: null },
    }),
  ) as AmAlert;

describe('a string pool for one answer read', () => {
  it('leaves every alert equal to what was parsed', () => {
    const pool = new StringPool();
    const alerts = [0, 1, 2].map(alertOf);
    for (const alert of alerts) poolAlertStrings(alert, pool);
    expect(alerts).toEqual([0, 1, 2].map(alertOf));
  });

  it('keeps one entry per distinct text, whichever field it came from', () => {
    const pool = new StringPool();
    for (const i of [0, 1, 2]) poolAlertStrings(alertOf(i), pool);
    // Shared by all three: the 3 label values, the runbook link, 2 times (startsAt and updatedAt
    // are the same text), the generator URL, the receiver and the silence id (9); each alert's
    // own: its pod and summary (2 x 3).
    expect(pool.size).toBe(9 + 6);
  });

  it('shares one empty list and one receivers list between alerts, and neither can be changed in place', () => {
    const pool = new StringPool();
    const alerts = [0, 1, 2].map(alertOf);
    for (const alert of alerts) poolAlertStrings(alert, pool);
    expect(alerts[1]!.status.inhibitedBy).toBe(alerts[0]!.status.inhibitedBy);
    expect(alerts[2]!.receivers).toBe(alerts[0]!.receivers);
    expect(alerts[0]!.status.silencedBy).not.toBe(alerts[1]!.status.silencedBy);
    expect(() => alerts[0]!.status.inhibitedBy.push('s2')).toThrow(TypeError);
    expect(() => {
      alerts[0]!.receivers[0]!.name = 'other';
    }).toThrow(TypeError);
    expect(alerts[1]!.status.inhibitedBy).toEqual([]);
    expect(alerts[1]!.receivers).toEqual([{ name: 'oncall' }]);
    // Lists of other names, or of the same names in another order, are lists of their own.
    const two = alertOf(3);
    two.receivers = [{ name: 'oncall' }, { name: 'team' }];
    const swapped = alertOf(4);
    swapped.receivers = [{ name: 'team' }, { name: 'oncall' }];
    for (const alert of [two, swapped]) poolAlertStrings(alert, pool);
    expect(two.receivers).toEqual([{ name: 'oncall' }, { name: 'team' }]);
    expect(swapped.receivers).toEqual([{ name: 'team' }, { name: 'oncall' }]);
  });

  it('takes texts that name Object.prototype members as plain texts', () => {
    const pool = new StringPool();
    for (const text of ['__proto__', 'constructor', 'hasOwnProperty', '__proto__']) expect(pool.get(text)).toBe(text);
    expect(pool.size).toBe(3);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });
});
