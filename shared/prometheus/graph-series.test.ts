import { describe, expect, it } from 'vitest';
import { alignMatrix, exprFromGeneratorUrl, graphStepMs, graphWindow, GRAPH_MAX_RANGE_MS, MAX_GRAPH_POINTS, MAX_GRAPH_SERIES, splitThreshold } from './graph-series.ts';

const NOW = Date.UTC(2026, 0, 10, 12, 0, 7);

describe('graph window and step', () => {
  it('keeps every series at or under ~1,000 points, in whole seconds', () => {
    for (const range of [60_000, 3_600_000, 6 * 3_600_000, GRAPH_MAX_RANGE_MS]) {
      const step = graphStepMs(range);
      expect(step % 1000).toBe(0);
      expect(range / step + 1).toBeLessThanOrEqual(MAX_GRAPH_POINTS);
    }
    expect(graphStepMs(3_600_000)).toBe(4000);
  });

  it('shows the last hour, widened to include the incident start (at most a day back), the end on a step', () => {
    const recent = graphWindow(NOW, NOW - 5 * 60_000);
    expect(recent.endMs % recent.stepMs).toBe(0);
    expect(recent.endMs).toBeGreaterThanOrEqual(NOW);
    expect(recent.endMs - NOW).toBeLessThan(recent.stepMs);
    // An incident that started this very moment is on the graph.
    const justNow = graphWindow(NOW, NOW);
    expect(justNow.endMs).toBeGreaterThanOrEqual(NOW);
    expect(recent.endMs - recent.startMs).toBeLessThanOrEqual(3_600_000);
    expect(recent.endMs - recent.startMs).toBeGreaterThan(3_600_000 - recent.stepMs);
    const old = graphWindow(NOW, NOW - 3 * 3_600_000);
    expect(old.startMs).toBeLessThan(NOW - 3 * 3_600_000);
    expect((old.endMs - old.startMs) / old.stepMs + 1).toBeLessThanOrEqual(MAX_GRAPH_POINTS);
    const ancient = graphWindow(NOW, NOW - 30 * 24 * 3_600_000);
    expect(ancient.endMs - ancient.startMs).toBeLessThanOrEqual(GRAPH_MAX_RANGE_MS);
  });
});

describe('exprFromGeneratorUrl', () => {
  it("takes g0.expr from a Prometheus graph link, nothing from anything else", () => {
    expect(exprFromGeneratorUrl('http://prom:9090/graph?g0.expr=up%7Bjob%3D%22weaviate%22%7D+%3D%3D+0&g0.tab=1')).toBe('up{job="weaviate"} == 0');
    expect(exprFromGeneratorUrl('https://grafana.example/alerting/grafana/x/view')).toBeNull();
    expect(exprFromGeneratorUrl('javascript:alert(1)//?g0.expr=up')).toBeNull();
    expect(exprFromGeneratorUrl('not a url')).toBeNull();
    expect(exprFromGeneratorUrl(null)).toBeNull();
    expect(exprFromGeneratorUrl(`http://p/graph?g0.expr=${'x'.repeat(5000)}`)).toBeNull();
  });
});

describe('splitThreshold', () => {
  it("draws the value under an alert's final comparison, and the threshold as a line", () => {
    expect(splitThreshold('(\n  sum(rate(errors[5m])) by (instance) /\n  sum(rate(requests[5m])) by (instance)\n) * 100 > 5\n')).toEqual({
      query: '(\n  sum(rate(errors[5m])) by (instance) /\n  sum(rate(requests[5m])) by (instance)\n) * 100',
      threshold: { op: '>', value: 5 },
    });
    expect(splitThreshold('up{job="weaviate"} == 0')).toEqual({ query: 'up{job="weaviate"}', threshold: { op: '==', value: 0 } });
    expect(splitThreshold('histogram_quantile(0.99, sum(rate(x_bucket[5m])) by (le)) >= 1.5e1')).toMatchObject({ threshold: { op: '>=', value: 15 } });
  });

  it('leaves alone what it cannot split safely', () => {
    for (const expr of [
      'up',
      'a > 5 and b < 3',
      'a > 1 unless b > 5',
      'a > bool 5',
      'x > 3 < 5',
      'sum(a > 5)',
      'foo{msg="x > 5"}',
      'rate(x[5m]) > y',
      ') > 5',
      '> 5',
    ]) {
      expect(splitThreshold(expr), expr).toEqual({ query: expr, threshold: null });
    }
    // A metric whose name merely contains "and" / "or" is not a set operator.
    expect(splitThreshold('handler_errors + orders_failed > 2').threshold).toEqual({ op: '>', value: 2 });
  });
});

describe('alignMatrix', () => {
  const window = { startMs: 1_000_000, endMs: 1_000_000 + 10 * 4000, stepMs: 4000 };

  it('aligns samples on the step; gaps, NaN and Inf are null; legends name what differs', () => {
    const { timestamps, series, totalSeries } = alignMatrix(
      [
        { metric: { instance: 'a', job: 'api' }, values: [[1000, '1'], [1004, '2.5'], [1012, 'NaN'], [1016, '+Inf']] },
        { metric: { instance: 'b', job: 'api' }, values: [[1040, '7']] },
      ],
      window,
    );
    expect(timestamps).toHaveLength(11);
    expect(timestamps[0]).toBe(1_000_000);
    expect(timestamps[10]).toBe(1_040_000);
    expect(series[0]!.values.slice(0, 5)).toEqual([1, 2.5, null, null, null]);
    expect(series[1]!.values[10]).toBe(7);
    expect(series.map((s) => s.label)).toEqual(['{instance="a"}', '{instance="b"}']);
    expect(totalSeries).toBe(2);
  });

  it('caps the series, counting the rest; ignores samples outside the window', () => {
    const many = Array.from({ length: 30 }, (_, i) => ({ metric: { i: String(i) }, values: [[900, '1'], [1100, '2']] as [number, string][] }));
    const { series, totalSeries } = alignMatrix(many, window);
    expect(series).toHaveLength(MAX_GRAPH_SERIES);
    expect(totalSeries).toBe(30);
    expect(series[0]!.values.every((v) => v === null)).toBe(true);
  });

  it('a single series with no labels is "value"', () => {
    expect(alignMatrix([{ metric: {}, values: [] }], window).series[0]!.label).toBe('value');
  });
});
