import { describe, expect, it } from 'vitest';
import type { AppSnapshot } from '../../shared/domain.ts';
import { changedIncidentKeys, estimateServerNow, fresherSnapshot, settingsMayHaveChanged } from './snapshot-sync.ts';
import { incident, ringing } from '../../test-fixtures/test-incidents.ts';

function snapshot(generatedAt: number, incidents = [incident('a')], overrides: Partial<AppSnapshot> = {}): AppSnapshot {
  return { generatedAt, me: { id: 'me', name: null }, demo: false, configSource: null, sources: [], incidents, roster: null, warnings: [], ...overrides };
}

describe('changedIncidentKeys', () => {
  it('reports every incident of the first snapshot', () => {
    expect(changedIncidentKeys(undefined, snapshot(1, [incident('a'), incident('b')]))).toEqual(['a', 'b']);
  });

  it('reports nothing when incidents are unchanged', () => {
    expect(changedIncidentKeys(snapshot(1, [incident('a')]), snapshot(2, [incident('a')]))).toEqual([]);
  });

  it('reports an incident whose alarm, state or ack changed', () => {
    const before = snapshot(1, [ringing('a'), incident('b')]);
    const after = snapshot(2, [ringing('a', { acking: true }), incident('b')]);
    expect(changedIncidentKeys(before, after)).toEqual(['a']);
  });

  it('looks only at the incidents it is asked about (those with a cached timeline)', () => {
    const before = snapshot(1, [ringing('a'), ringing('b')]);
    const after = snapshot(2, [ringing('a', { acking: true }), ringing('b', { acking: true }), incident('c')]);
    expect(changedIncidentKeys(before, after, new Set(['b', 'c']))).toEqual(['b', 'c']);
    expect(changedIncidentKeys(before, after, new Set())).toEqual([]);
  });

  it('ignores a reshuffled alert sample but notices a new alert count', () => {
    const alert = (fp: string) => ({ fingerprint: fp, labels: {}, annotations: {}, startsAt: 0, state: 'active' as const, silencedBy: [], sources: ['x'], generatorURL: null });
    const before = snapshot(1, [incident('a', { alerts: [alert('1')], alertCount: 2 })]);
    expect(changedIncidentKeys(before, snapshot(2, [incident('a', { alerts: [alert('2')], alertCount: 2 })]))).toEqual([]);
    expect(changedIncidentKeys(before, snapshot(2, [incident('a', { alerts: [alert('1')], alertCount: 3 })]))).toEqual(['a']);
  });
});

describe('fresherSnapshot', () => {
  it('keeps a pushed snapshot that is newer than the fetched one', () => {
    const pushed = snapshot(20);
    expect(fresherSnapshot(pushed, snapshot(10))).toBe(pushed);
  });

  it('takes the fetched snapshot when it is at least as new or nothing is cached', () => {
    const fetched = snapshot(20);
    expect(fresherSnapshot(snapshot(10), fetched)).toBe(fetched);
    expect(fresherSnapshot(undefined, fetched)).toBe(fetched);
  });
});

describe('settingsMayHaveChanged', () => {
  it('notices a new identity or config source, not the first snapshot', () => {
    expect(settingsMayHaveChanged(undefined, snapshot(1))).toBe(false);
    expect(settingsMayHaveChanged(snapshot(1), snapshot(2))).toBe(false);
    expect(settingsMayHaveChanged(snapshot(1), snapshot(2, [], { me: { id: 'sarah', name: 'Sarah' } }))).toBe(true);
    expect(settingsMayHaveChanged(snapshot(1), snapshot(2, [], { configSource: '/x.yaml' }))).toBe(true);
  });
});

describe('estimateServerNow', () => {
  it('follows the core clock, not the local one', () => {
    // The core's (fake) clock says 1_000_000 when the local clock says 5; 2 s later locally:
    expect(estimateServerNow(2_005, 1_000_000, 5)).toBe(1_002_000);
  });

  it('never runs backwards if the local clock jumps back', () => {
    expect(estimateServerNow(0, 1_000, 500)).toBe(1_000);
  });
});
