import { describe, expect, it } from 'vitest';
import { parseMatcher } from '../label-matchers.ts';
import { MAX_PENDING_PER_SOURCE, summarizeRules, type RuleGroupInput } from './rule-watch.ts';

const ACTIVE = '2026-01-10T12:00:00.5Z';
const ACTIVE_MS = Date.parse(ACTIVE);

function alertingRule(name: string, durationSeconds: number, alerts: unknown[], extra: Record<string, unknown> = {}) {
  return { type: 'alerting', name, query: 'x > 1', duration: durationSeconds, labels: {}, annotations: {}, alerts, health: 'ok', lastError: '', lastEvaluation: ACTIVE, state: 'pending', ...extra };
}

function pendingAlert(labels: Record<string, string>, state = 'pending') {
  return { labels, annotations: { summary: `summary of ${labels.alertname}` }, state, activeAt: ACTIVE, value: '5e+01' };
}

describe('summarizeRules', () => {
  it("lists pending alerts with the time their rule's for: still needs, soonest first; firing ones are not about to fire", () => {
    const groups: RuleGroupInput[] = [
      {
        name: 'g',
        rules: [
          alertingRule('Slow', 300, [pendingAlert({ alertname: 'Slow', team: 'platform', severity: 'warning' })]),
          alertingRule('Fast', 60, [pendingAlert({ alertname: 'Fast', team: 'platform', severity: 'critical' }), pendingAlert({ alertname: 'Fast', team: 'platform', instance: 'b' }, 'firing')]),
        ],
      },
    ];
    const { pending, pendingCount } = summarizeRules(groups, { sourceId: 'prod', matchers: [] });
    expect(pendingCount).toBe(2);
    expect(pending.map((p) => [p.alertname, p.forMs, p.firesAt, p.severity])).toEqual([
      ['Fast', 60_000, ACTIVE_MS + 60_000, 'critical'],
      ['Slow', 300_000, ACTIVE_MS + 300_000, 'warning'],
    ]);
    expect(pending[0]).toMatchObject({ sourceId: 'prod', activeAt: ACTIVE_MS, summary: 'summary of Fast', ruleGroup: 'g', value: '5e+01' });
    expect(new Set(pending.map((p) => p.key)).size).toBe(2);
  });

  it("applies the source's filter locally: another team's pending alert is not mine", () => {
    const groups = [{ name: 'g', rules: [alertingRule('A', 60, [pendingAlert({ alertname: 'A', team: 'platform' }), pendingAlert({ alertname: 'A', team: 'data' })])] }];
    const { pending } = summarizeRules(groups, { sourceId: 's', matchers: [parseMatcher('team="platform"')] });
    expect(pending.map((p) => p.labels.team)).toEqual(['platform']);
  });

  it('flags rules whose last evaluation failed; a rule not evaluated yet is not broken', () => {
    const groups = [
      {
        name: 'g',
        rules: [
          alertingRule('Broken', 0, [], { health: 'err', lastError: 'invalid regular expression in label_replace(): (' }),
          alertingRule('New', 0, [], { health: 'unknown', lastEvaluation: '0001-01-01T00:00:00Z' }),
          { type: 'recording', name: 'job:rate5m', query: 'rate(x[5m])', health: 'err', lastError: 'many-to-many matching not allowed' },
          alertingRule('Fine', 0, []),
        ],
      },
    ];
    const summary = summarizeRules(groups, { sourceId: 's', matchers: [] });
    expect(summary.ruleCount).toBe(4);
    expect(summary.brokenCount).toBe(2);
    expect(summary.broken).toEqual([
      { group: 'g', name: 'Broken', type: 'alerting', lastError: 'invalid regular expression in label_replace(): (', lastEvaluation: ACTIVE_MS, query: 'x > 1' },
      { group: 'g', name: 'job:rate5m', type: 'recording', lastError: 'many-to-many matching not allowed', lastEvaluation: null, query: 'rate(x[5m])' },
    ]);
  });

  it('sets aside rules and alerts that break the schema, counting them, and keeps the rest', () => {
    const groups = [{ name: 'g', rules: [null, 'x', { type: 'alerting' }, alertingRule('A', 10, [{ labels: 'no' }, pendingAlert({ alertname: 'A' })])] }];
    const summary = summarizeRules(groups, { sourceId: 's', matchers: [] });
    expect(summary.quarantined).toBe(4);
    expect(summary.pending.map((p) => p.alertname)).toEqual(['A']);
  });

  it('bounds what one Prometheus adds to the snapshot', () => {
    const alerts = Array.from({ length: MAX_PENDING_PER_SOURCE + 50 }, (_, i) => pendingAlert({ alertname: 'Many', i: String(i) }));
    const summary = summarizeRules([{ name: 'g', rules: [alertingRule('Many', 60, alerts)] }], { sourceId: 's', matchers: [] });
    expect(summary.pending).toHaveLength(MAX_PENDING_PER_SOURCE);
    expect(summary.pendingCount).toBe(MAX_PENDING_PER_SOURCE + 50);
  });

  it('hostile labels stay data: constructor is a plain label, __proto__ never reaches a prototype', () => {
    const withProto = JSON.parse('{"__proto__":{"polluted":1},"constructor":"x","alertname":"A"}') as Record<string, string>;
    const plain = { alertname: 'A', toString: 'y' };
    const summary = summarizeRules([{ name: 'g', rules: [alertingRule('A', 60, [{ ...pendingAlert({}), labels: withProto }, pendingAlert(plain)])] }], {
      sourceId: 's',
      matchers: [parseMatcher('constructor="x"')],
    });
    expect(summary.pending).toHaveLength(1);
    expect(summary.pending[0]!.labels.constructor).toBe('x');
    expect(Object.getPrototypeOf(summary.pending[0]!.labels)).toBe(Object.prototype);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    // Matching on a label the alert lacks reads '', never Object.prototype.constructor.
    expect(summarizeRules([{ name: 'g', rules: [alertingRule('A', 60, [pendingAlert(plain)])] }], { sourceId: 's', matchers: [parseMatcher('constructor=""')] }).pending).toHaveLength(1);
  });
});
