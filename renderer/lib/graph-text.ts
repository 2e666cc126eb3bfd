import type { IncidentGraph } from '../../shared/prometheus/prometheus-views.ts';
import { displayText } from '../../shared/display-text.ts';

// The graph's text alternative: uPlot draws to a canvas, which a screen reader cannot read, so the
// same data is said in words (what is drawn, over which time, where the incident started) and as a
// small table (each series' latest, lowest and highest value). Pure, so it is tested without a DOM.

type OkGraph = Extract<IncidentGraph, { status: 'ok' }>;

/** How many series colours the palette has (.graph-swatch--0 to 7 in workspace.css); series beyond reuse them. */
export const SERIES_COLOURS = 8;

export interface GraphSeriesSummary {
  label: string;
  latest: string;
  min: string;
  max: string;
}

export interface GraphText {
  /** The whole story in words: the canvas's text alternative. */
  caption: string;
  /** One line for sighted readers under the graph (the canvas shows the rest). */
  short: string;
  rows: GraphSeriesSummary[];
}

/** Numbers as an engineer reads them: 3 significant digits, no exponent for everyday sizes. */
export function formatValue(value: number | null): string {
  if (value === null) return 'no data';
  if (value === 0) return '0';
  const abs = Math.abs(value);
  if (abs >= 1e6 || abs < 1e-3) return value.toExponential(2);
  return Number(value.toPrecision(3)).toLocaleString('en-US', { maximumFractionDigits: 3 });
}

function stats(values: ReadonlyArray<number | null>): { latest: number | null; min: number | null; max: number | null } {
  let latest: number | null = null;
  let min: number | null = null;
  let max: number | null = null;
  for (const v of values) {
    if (v === null) continue;
    latest = v;
    min = min === null ? v : Math.min(min, v);
    max = max === null ? v : Math.max(max, v);
  }
  return { latest, min, max };
}

export function graphText(graph: OkGraph, formatTime: (ms: number) => string): GraphText {
  const rows = graph.series.map((s) => {
    const { latest, min, max } = stats(s.values);
    return { label: displayText(s.label, 200).text, latest: formatValue(latest), min: formatValue(min), max: formatValue(max) };
  });
  const count = graph.series.length;
  const capped = graph.totalSeries > count ? ` (the first ${count} of ${graph.totalSeries})` : '';
  const what = count === 0 ? 'no series: the expression returned nothing in this window' : `${count} series${capped}`;
  const latest = rows.length === 1 ? ` Latest value ${rows[0]!.latest}, lowest ${rows[0]!.min}, highest ${rows[0]!.max}.` : '';
  const caption =
    `Graph of ${displayText(graph.expr, 300).text} from ${formatTime(graph.startMs)} to ${formatTime(graph.endMs)}, ` +
    `one point every ${graph.stepMs / 1000} s: ${what}.${graph.threshold ? ` The alert's threshold is ${graph.threshold.op} ${formatValue(graph.threshold.value)} (the horizontal line).` : ''}` +
    ` The incident started at ${formatTime(graph.startsAt)} (the vertical line).${latest}`;
  const parts = [
    rows.length === 1 ? `latest ${rows[0]!.latest}` : `${count} series${capped}`,
    graph.threshold ? `threshold ${graph.threshold.op} ${formatValue(graph.threshold.value)}` : null,
    `started ${formatTime(graph.startsAt)}`,
  ];
  return { caption, short: parts.filter((p) => p !== null).join(' · '), rows };
}
