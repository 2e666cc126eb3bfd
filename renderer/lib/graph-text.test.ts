import { describe, expect, it } from 'vitest';
import { formatValue, graphText } from './graph-text.ts';

const base = {
  status: 'ok' as const,
  sourceId: 'am',
  expr: 'sum(rate(errors[5m])) by (instance)',
  exprFrom: 'generatorURL' as const,
  threshold: null,
  startMs: 0,
  endMs: 3_600_000,
  stepMs: 4000,
  startsAt: 3_000_000,
  timestamps: [0, 4000, 8000],
  queriedAt: 3_600_000,
};
const time = (ms: number) => `t${ms / 1000}`;

describe('the graph in words', () => {
  it('says what is drawn, over which window, where the incident started, and the values', () => {
    const text = graphText({ ...base, series: [{ label: '{instance="a"}', labels: { instance: 'a' }, values: [12.5, null, 50] }], totalSeries: 1 }, time);
    expect(text.caption).toBe(
      'Graph of sum(rate(errors[5m])) by (instance) from t0 to t3600, one point every 4 s: 1 series. The incident started at t3000 (the vertical line). Latest value 50, lowest 12.5, highest 50.',
    );
    const withThreshold = graphText({ ...base, threshold: { op: '>', value: 5 }, series: [], totalSeries: 0 }, time);
    expect(withThreshold.caption).toContain("The alert's threshold is > 5 (the horizontal line).");
    expect(withThreshold.short).toBe('0 series · threshold > 5 · started t3000');
    expect(text.rows).toEqual([{ label: '{instance="a"}', latest: '50', min: '12.5', max: '50' }]);
    expect(text.short).toBe('latest 50 · started t3000');
  });

  it('says when series were capped, or when there is nothing to draw', () => {
    const series = [{ label: 'a', labels: {}, values: [null] }, { label: 'b', labels: {}, values: [1] }];
    expect(graphText({ ...base, series, totalSeries: 42 }, time).caption).toContain('2 series (the first 2 of 42)');
    expect(graphText({ ...base, series: [], totalSeries: 0 }, time).caption).toContain('no series');
    expect(graphText({ ...base, series, totalSeries: 2 }, time).rows[0]).toEqual({ label: 'a', latest: 'no data', min: 'no data', max: 'no data' });
  });

  it('keeps hostile series labels inert and bounded', () => {
    const label = `{x="\u202egnp.exe<script>"}${'y'.repeat(1000)}`;
    const row = graphText({ ...base, series: [{ label, labels: {}, values: [1] }], totalSeries: 1 }, time).rows[0]!;
    expect(row.label).not.toContain('\u202e');
    expect(row.label).toContain("⟨U+202E⟩");
    expect(row.label.length).toBeLessThanOrEqual(210);
  });

  it('formats values as an engineer reads them', () => {
    expect([formatValue(0), formatValue(0.123456), formatValue(1234.5678), formatValue(5e-7), formatValue(2.5e9), formatValue(-3.14159)]).toEqual(['0', '0.123', '1,230', '5.00e-7', '2.50e+9', '-3.14']);
  });
});
