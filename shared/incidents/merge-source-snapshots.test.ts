import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { AmAlert } from '../alertmanager-schemas.ts';
import { createMergeMemo, mergeSourceSnapshots } from './merge-source-snapshots.ts';

// Merging with what earlier merges remembered must give what merging from nothing gives, poll
// after poll: whichever alerts changed, vanished, came twice, moved to a second source, or started
// in the future.

const NOW = Date.UTC(2026, 11, 2, 12);

const alertArb = fc.record({
  fingerprint: fc.constantFrom('f1', 'f2', 'f3', 'f4', 'f5'),
  startsAt: fc.constantFrom('2026-12-02T11:00:00.000Z', '2026-12-02T11:30:00.000Z', '2026-12-02T13:00:00.000Z', null),
  silencedBy: fc.subarray(['s1', 's2']),
  summary: fc.constantFrom('a', 'b'),
});

type MadeAlert = { fingerprint: string; startsAt: string | null; silencedBy: string[]; summary: string };

function alertOf(made: MadeAlert): AmAlert {
  return { fingerprint: made.fingerprint, labels: { alertname: `A-${made.fingerprint}` }, annotations: { summary: made.summary }, startsAt: made.startsAt, receivers: [], status: { state: 'active', silencedBy: made.silencedBy, inhibitedBy: [] } };
}

const stepArb = fc.record({
  /** Positions given a new object: the same fingerprint (a changed alert), or another one. */
  changes: fc.array(fc.tuple(fc.nat(), alertArb, fc.boolean()), { maxLength: 3 }),
  drop: fc.option(fc.nat(), { nil: undefined }),
  add: fc.option(alertArb, { nil: undefined }),
  secondSource: fc.boolean(),
  laterMs: fc.constantFrom(0, 1_000, 3_600_000 * 2),
});

describe('merging with what earlier merges remembered', () => {
  it('gives what merging from nothing gives, poll after poll', () => {
    fc.assert(
      fc.property(fc.array(alertArb, { maxLength: 6 }), fc.array(stepArb, { maxLength: 6 }), (initial, steps) => {
        const memo = createMergeMemo();
        let alerts = initial.map(alertOf);
        let now = NOW;
        const check = (snapshots: Map<string, AmAlert[]>) => {
          const remembered = mergeSourceSnapshots(snapshots, now, memo);
          const fresh = mergeSourceSnapshots(snapshots, now);
          expect(remembered).toEqual(fresh);
        };
        check(new Map([['am', alerts]]));
        for (const step of steps) {
          const next = [...alerts];
          for (const [at, made, sameFingerprint] of step.changes) {
            if (next.length === 0) continue;
            const i = at % next.length;
            next[i] = alertOf(sameFingerprint ? { ...made, fingerprint: next[i]!.fingerprint } : made);
          }
          if (step.drop !== undefined && next.length > 0) next.splice(step.drop % next.length, 1);
          if (step.add) next.push(alertOf(step.add));
          alerts = next;
          now += step.laterMs;
          check(step.secondSource ? new Map([['am', alerts], ['am-b', alerts.slice(0, 2)]]) : new Map([['am', alerts]]));
        }
      }),
      { numRuns: 500 },
    );
  });

  it('takes an unchanged alert’s merge from last time, and merges a changed one again', () => {
    const memo = createMergeMemo();
    const alerts = ['f1', 'f2', 'f3'].map((fingerprint) => alertOf({ fingerprint, startsAt: '2026-12-02T11:00:00.000Z', silencedBy: [], summary: 'a' }));
    const first = mergeSourceSnapshots(new Map([['am', alerts]]), NOW, memo);
    const changed = [alerts[0]!, { ...alerts[1]!, annotations: { summary: 'b' } }, alerts[2]!];
    const second = mergeSourceSnapshots(new Map([['am', changed]]), NOW, memo);
    expect(second.alerts[0]).toBe(first.alerts[0]);
    expect(second.alerts[2]).toBe(first.alerts[2]);
    expect(second.alerts[1]).not.toBe(first.alerts[1]);
    expect(second.alerts[1]!.annotations).toEqual({ summary: 'b' });
  });
});
