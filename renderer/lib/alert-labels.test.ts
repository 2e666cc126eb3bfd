import { describe, expect, it } from 'vitest';
import type { AlertView } from '../../shared/domain.ts';
import { commonLabels, distinguishingLabels } from './alert-labels.ts';

const alert = (labels: Record<string, string>): AlertView => ({
  fingerprint: JSON.stringify(labels),
  labels,
  annotations: {},
  startsAt: 0,
  state: 'active',
  silencedBy: [],
  sources: ['prod'],
  generatorURL: null,
});

describe('alert labels', () => {
  const alerts = [alert({ alertname: 'HighApiErrorRate', team: 'platform', instance: 'api-1' }), alert({ alertname: 'HighApiErrorRate', team: 'platform', instance: 'api-2' })];

  it('finds the labels all alerts share', () => {
    expect(commonLabels(alerts)).toEqual({ alertname: 'HighApiErrorRate', team: 'platform' });
    expect(commonLabels([])).toEqual({});
  });

  it('shows only what tells an alert apart', () => {
    const common = commonLabels(alerts);
    expect(alerts.map((a) => distinguishingLabels(a, common))).toEqual(['instance=api-1', 'instance=api-2']);
  });

  it('says so when an alert has nothing of its own, and caps the count', () => {
    expect(distinguishingLabels(alerts[0]!, alerts[0]!.labels)).toBe('(same labels)');
    const many = alert(Object.fromEntries(Array.from({ length: 30 }, (_, i) => [`l${i}`, 'v'])));
    expect(distinguishingLabels(many, {}, 3)).toBe('l0=v l1=v l2=v');
  });

  it('treats a label named like an Object.prototype member as an ordinary label', () => {
    expect(distinguishingLabels(alert({ constructor: 'x' }), {})).toBe('constructor=x');
  });

  it('keeps a shared "__proto__" label (as JSON.parse makes it: an own property) among the common ones', () => {
    const shared = [alert(JSON.parse('{"__proto__":"x","instance":"api-1"}')), alert(JSON.parse('{"__proto__":"x","instance":"api-2"}'))];
    const common = commonLabels(shared);
    expect(Object.entries(common)).toEqual([['__proto__', 'x']]);
    expect(shared.map((a) => distinguishingLabels(a, common))).toEqual(['instance=api-1', 'instance=api-2']);
    // Only one alert has it: not common, even though every object inherits a "__proto__".
    expect(Object.keys(commonLabels([shared[0]!, alert({ instance: 'api-3' })]))).toEqual([]);
  });
});
