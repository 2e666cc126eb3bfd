import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createGroupingMemo, groupIntoIncidents, incidentKeyFor, type MergedAlert } from './group-incidents.ts';
import { createMergeMemo, mergeSourceSnapshots } from './merge-source-snapshots.ts';
import type { AmAlert } from '../alertmanager-schemas.ts';

const alert = (fingerprint: string, labels: Record<string, string>, startsAt = 1000): MergedAlert => ({
  fingerprint, labels, annotations: {}, startsAt, state: 'active', silencedBy: [], sources: ['am'], generatorURL: null,
});

describe('grouping alerts into incidents', () => {
  it('turns a storm of 500 alerts of one alertname into one incident with a count', () => {
    const storm = Array.from({ length: 500 }, (_, i) => alert(`f${i}`, { alertname: 'PodCrashLooping', pod: `pod-${i}`, severity: 'critical', service: 'api' }, 1000 + i));
    const incidents = groupIntoIncidents(storm, ['alertname', 'service'], 'warning');
    expect(incidents).toHaveLength(1);
    expect(incidents[0]?.alerts).toHaveLength(500);
    expect(incidents[0]?.groupLabels).toEqual({ alertname: 'PodCrashLooping', service: 'api' });
    expect(incidents[0]?.startsAt).toBe(1000);
  });

  it('separates by group labels and takes the worst severity', () => {
    const incidents = groupIntoIncidents(
      [alert('1', { alertname: 'HighApiErrorRate', cluster: 'prod', severity: 'warning' }), alert('2', { alertname: 'HighApiErrorRate', cluster: 'prod', severity: 'critical' }), alert('3', { alertname: 'HighApiErrorRate', cluster: 'staging' })],
      ['cluster'],
      'info',
    );
    expect(incidents.map((i) => [i.groupLabels.cluster, i.severity, i.alerts.length])).toEqual([['prod', 'critical', 2], ['staging', 'info', 1]]);
  });

  it('never merges two groups whose label values could spell each other out', () => {
    const incidents = groupIntoIncidents([alert('1', { alertname: 'X', a: 'v\u0000', b: '' }), alert('2', { alertname: 'X', a: 'v', b: '\u0000' }), alert('3', { alertname: 'X', a: '1:v', b: '' }), alert('4', { alertname: 'X', a: '1', b: 'v' })], ['a', 'b'], 'warning');
    expect(incidents).toHaveLength(4);
  });

  it('computes the same key regardless of label order, and different keys for different groups', () => {
    expect(incidentKeyFor({ alertname: 'A', service: 'x' })).toBe(incidentKeyFor({ service: 'x', alertname: 'A' }));
    expect(incidentKeyFor({ alertname: 'A', service: 'x' })).not.toBe(incidentKeyFor({ alertname: 'A', service: 'y' }));
    expect(incidentKeyFor({ alertname: '<script>alert(1)</script>' })).toMatch(/^[A-Za-z0-9_.-]+$/);
  });
});

describe('merging an HA pair', () => {
  it('keeps one alert per fingerprint, with both sources and the union of silences', () => {
    const base: AmAlert = { fingerprint: 'abc', labels: { alertname: 'WeaviateDown' }, annotations: {}, startsAt: '2026-11-23T09:00:00Z', receivers: [], status: { state: 'suppressed', silencedBy: ['s1'], inhibitedBy: [] } };
    const { alerts: merged } = mergeSourceSnapshots(new Map([['am-a', [base]], ['am-b', [{ ...base, status: { ...base.status, silencedBy: ['s2'] } }]]]), Date.UTC(2026, 10, 23, 10));
    expect(merged).toHaveLength(1);
    expect(merged[0]?.sources).toEqual(['am-a', 'am-b']);
    expect(merged[0]?.silencedBy.sort()).toEqual(['s1', 's2']);
  });

  it('an alert that did not change is merged once; what is remembered is never added to', () => {
    const now = Date.UTC(2026, 10, 23, 10);
    const alert: AmAlert = { fingerprint: 'abc', labels: { alertname: 'WeaviateDown' }, annotations: {}, startsAt: '2026-11-23T09:00:00Z', receivers: [], status: { state: 'active', silencedBy: [], inhibitedBy: [] } };
    const memo = createMergeMemo();
    const first = mergeSourceSnapshots(new Map([['am-a', [alert]]]), now, memo);
    const again = mergeSourceSnapshots(new Map([['am-a', [alert]]]), now + 60_000, memo);
    expect(again.alerts[0]).toBe(first.alerts[0]);
    expect(again.dependsOnNow).toBe(false);
    const both = mergeSourceSnapshots(new Map([['am-a', [alert]], ['am-b', [{ ...alert, status: { ...alert.status, silencedBy: ['s9'] } }]]]), now, memo);
    expect(both.alerts[0]).toMatchObject({ sources: ['am-a', 'am-b'], silencedBy: ['s9'] });
    expect(first.alerts[0]).toMatchObject({ sources: ['am-a'], silencedBy: [] });
  });

  it('a start in the future or unknown counts as now, and says the merge depends on the time', () => {
    const now = Date.UTC(2026, 10, 23, 10);
    const ahead: AmAlert = { fingerprint: 'f1', labels: { alertname: 'ClockAhead' }, annotations: {}, startsAt: '2026-11-23T11:00:00Z', receivers: [], status: { state: 'active', silencedBy: [], inhibitedBy: [] } };
    const unknown: AmAlert = { ...ahead, fingerprint: 'f2', startsAt: null };
    const memo = createMergeMemo();
    const merged = mergeSourceSnapshots(new Map([['am', [ahead, unknown]]]), now, memo);
    expect(merged.alerts.map((a) => a.startsAt)).toEqual([now, now]);
    expect(merged.dependsOnNow).toBe(true);
    expect(mergeSourceSnapshots(new Map([['am', [ahead, unknown]]]), now + 1_000, memo).alerts.map((a) => a.startsAt)).toEqual([now + 1_000, now + 1_000]);
  });
});

describe('grouping with what earlier groupings found', () => {
  // Alerts that change poll after poll: labels that move them to another incident, severities
  // known and unknown, starts, sources; sometimes an alert vanishes or appears (grouped from scratch).
  const madeArb = fc.record({
    name: fc.constantFrom('A', 'B'),
    service: fc.constantFrom('api', 'db', ''),
    severity: fc.constantFrom('critical', 'warning', 'bogus', 'odd', ''),
    startsAt: fc.integer({ min: 1_000, max: 1_010 }),
    source: fc.constantFrom('am', 'am-b'),
  });
  type Made = { name: string; service: string; severity: string; startsAt: number; source: string };
  const made = (fingerprint: string, m: Made): MergedAlert => ({ ...alert(fingerprint, { alertname: m.name, service: m.service, severity: m.severity }, m.startsAt), sources: [m.source] });
  const stepArb = fc.record({
    changes: fc.array(fc.tuple(fc.nat(), madeArb), { maxLength: 3 }),
    resize: fc.constantFrom('none', 'none', 'none', 'drop', 'add'),
    extra: madeArb,
  });

  it('gives what grouping from nothing gives, poll after poll, and keeps the incidents no changed alert was in', () => {
    fc.assert(
      fc.property(fc.array(madeArb, { minLength: 1, maxLength: 12 }), fc.array(stepArb, { maxLength: 8 }), (initial, steps) => {
        const memo = createGroupingMemo();
        const rules = { known: new Set(['critical', 'warning', 'info']), fallback: 'warning' };
        let alerts = initial.map((m, i) => made(`f${i}`, m));
        let before = groupIntoIncidents(alerts, ['service'], rules, memo);
        expect(before).toEqual(groupIntoIncidents(alerts, ['service'], rules));
        let serial = initial.length;
        for (const step of steps) {
          const next = [...alerts];
          for (const [at, m] of step.changes) if (next.length > 0) next[at % next.length] = made(next[at % next.length]!.fingerprint, m);
          if (step.resize === 'drop' && next.length > 1) next.pop();
          if (step.resize === 'add') next.push(made(`f${serial++}`, step.extra));
          const grouped = groupIntoIncidents(next, ['service'], rules, memo);
          expect(grouped).toEqual(groupIntoIncidents(next, ['service'], rules));
          // A poll where a few alerts changed: an incident none of whose alerts changed is the same object as before.
          const changed = next.filter((a, i) => a !== alerts[i]).length;
          if (next.length === alerts.length && changed <= next.length / 4) for (const group of grouped) {
            const old = before.find((g) => g.key === group.key);
            if (old && old.alerts.length === group.alerts.length && old.alerts.every((a, i) => a === group.alerts[i])) expect(group).toBe(old);
          }
          alerts = next;
          before = grouped;
        }
      }),
      { numRuns: 500 },
    );
  });
});
