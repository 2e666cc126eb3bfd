import type { LabelSet } from '../domain.ts';
import type { PromMatrixSeries } from './prometheus-schemas.ts';
import type { GraphSeries } from './prometheus-views.ts';

// The incident graph's arithmetic, pure: which window and step to ask Prometheus for, which
// expression to draw, and the query_range matrix turned into the aligned columns uPlot draws.

/** At most this many points per series: enough for a 1280 px wide graph, small enough to send. */
export const MAX_GRAPH_POINTS = 1000;
/** At most this many series drawn; the rest are counted, never silently dropped. */
export const MAX_GRAPH_SERIES = 20;
/** The graph shows the last hour, widened (up to a day) so the incident's start is on it. */
export const GRAPH_RANGE_MS = 60 * 60_000;
export const GRAPH_MAX_RANGE_MS = 24 * 60 * 60_000;
const LEAD_BEFORE_START_MS = 10 * 60_000;
/** A PromQL expression longer than this is not sent (an annotation is untrusted text). */
export const MAX_EXPR_LENGTH = 4096;

export interface GraphWindow {
  startMs: number;
  endMs: number;
  stepMs: number;
}

/** Whole seconds, at least 1 s, so that (end - start) / step + 1 <= maxPoints. */
export function graphStepMs(rangeMs: number, maxPoints = MAX_GRAPH_POINTS): number {
  return Math.max(1, Math.ceil(rangeMs / (maxPoints - 1) / 1000)) * 1000;
}

/**
 * The window for an incident that started at `startsAt`: the last hour, or from a little before the
 * start when that is earlier (at most a day back). The end is rounded up to the step (so an incident
 * that started a second ago is on the graph), and repeated requests within one step ask the same
 * question (and hit the core's cache).
 */
export function graphWindow(now: number, startsAt: number): GraphWindow {
  const wanted = Math.max(GRAPH_RANGE_MS, now - startsAt + LEAD_BEFORE_START_MS);
  const rangeMs = Math.min(wanted, GRAPH_MAX_RANGE_MS);
  const stepMs = graphStepMs(rangeMs);
  const endMs = Math.ceil(now / stepMs) * stepMs;
  return { startMs: endMs - Math.floor(rangeMs / stepMs) * stepMs, endMs, stepMs };
}

/** The expression a Prometheus generatorURL (…/graph?g0.expr=…) carries, or null. Untrusted input. */
export function exprFromGeneratorUrl(generatorURL: string | null | undefined): string | null {
  if (typeof generatorURL !== 'string' || generatorURL.length === 0 || generatorURL.length > 16_384) return null;
  let url: URL;
  try {
    url = new URL(generatorURL);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  const expr = url.searchParams.get('g0.expr')?.trim() ?? '';
  return expr.length > 0 && expr.length <= MAX_EXPR_LENGTH ? expr : null;
}

/** True when the URL is a Prometheus graph link (it carries g0.expr), as opposed to e.g. Grafana's alert page. */
export function isPrometheusGraphUrl(generatorURL: string | null | undefined): boolean {
  return exprFromGeneratorUrl(generatorURL) !== null;
}

export type ComparisonOp = '>' | '<' | '>=' | '<=' | '==' | '!=';

export interface SplitExpression {
  /** What to draw: the expression without its final comparison. */
  query: string;
  /** The alert's threshold, drawn as a line; null when the expression has none to split off. */
  threshold: { op: ComparisonOp; value: number } | null;
}

const TRAILING_COMPARISON = /^([\s\S]*?)\s*(>=|<=|==|!=|>|<)\s*(-?(?:\d+(?:\.\d*)?|\.\d+)(?:e[+-]?\d+)?)\s*$/i;

/**
 * An alert expression usually ends in its threshold (`… * 100 > 5`), which filters out every point
 * below it: graphed as is, the line would only appear once the alert fires. When the expression is
 * `<value> <op> <number>` with that comparison the only one at the top level (comparisons bind
 * loosest, after `and`/`or`/`unless`, which make it bail), draw the value and the threshold line
 * instead. Anything else is drawn exactly as written.
 */
export function splitThreshold(expr: string): SplitExpression {
  const whole = { query: expr, threshold: null };
  const match = TRAILING_COMPARISON.exec(expr);
  if (!match) return whole;
  const [, left = '', op, number] = match;
  if (left.trim() === '' || /\bbool\s*$/i.test(left)) return whole;
  // Walk the left side at depth 0 (outside (), [], {} and quotes): no other comparison or set operator.
  let depth = 0;
  let quote: string | null = null;
  for (let i = 0; i < left.length; i += 1) {
    const c = left[i]!;
    if (quote !== null) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = null;
      continue;
    }
    if (c === '"' || c === "'" || c === '`') quote = c;
    else if (c === '(' || c === '[' || c === '{') depth += 1;
    else if (c === ')' || c === ']' || c === '}') depth -= 1;
    else if (depth === 0 && (/[<>]/.test(c) || ((c === '=' || c === '!') && left[i + 1] === '='))) return whole;
    else if (depth === 0 && /[a-z]/i.test(c) && (i === 0 || !/[\w:]/.test(left[i - 1]!))) {
      const word = /^[a-z_:][\w:]*/i.exec(left.slice(i))?.[0] ?? '';
      if (/^(and|or|unless)$/i.test(word)) return whole;
      i += word.length - 1;
    }
    if (depth < 0) return whole;
  }
  if (depth !== 0 || quote !== null) return whole;
  const value = Number(number);
  return Number.isFinite(value) ? { query: left.trim(), threshold: { op: op as ComparisonOp, value } } : whole;
}

function sampleValue(text: string): number | null {
  const value = Number(text);
  return Number.isFinite(value) ? value : null;
}

function formatLabels(labels: LabelSet, names: readonly string[]): string {
  return `{${names.map((name) => `${name}="${Object.hasOwn(labels, name) ? labels[name] : ''}"`).join(', ')}}`;
}

/** Legends: only the labels whose values differ between series say which line is which. */
function seriesLabels(metrics: readonly LabelSet[]): string[] {
  const names = [...new Set(metrics.flatMap((m) => Object.keys(m)))].sort();
  const differing = metrics.length > 1 ? names.filter((name) => new Set(metrics.map((m) => (Object.hasOwn(m, name) ? m[name] : undefined))).size > 1) : names;
  return metrics.map((m) => (differing.length === 0 ? (names.length === 0 ? 'value' : formatLabels(m, names)) : formatLabels(m, differing)));
}

/**
 * Turn a query_range matrix into one timestamp column and one value column per series, aligned on
 * the window's step (a missing sample is null, a gap in the line). At most `maxSeries` series.
 */
export function alignMatrix(result: readonly PromMatrixSeries[], window: GraphWindow, maxSeries = MAX_GRAPH_SERIES): { timestamps: number[]; series: GraphSeries[]; totalSeries: number } {
  const count = Math.floor((window.endMs - window.startMs) / window.stepMs) + 1;
  const timestamps = Array.from({ length: count }, (_, i) => window.startMs + i * window.stepMs);
  const kept = result.slice(0, maxSeries);
  const labels = seriesLabels(kept.map((s) => s.metric));
  const series = kept.map((s, index): GraphSeries => {
    const values: Array<number | null> = new Array<number | null>(count).fill(null);
    for (const [seconds, text] of s.values) {
      const slot = Math.round((seconds * 1000 - window.startMs) / window.stepMs);
      if (slot >= 0 && slot < count) values[slot] = sampleValue(text);
    }
    return { label: labels[index] ?? 'value', labels: s.metric, values };
  });
  return { timestamps, series, totalSeries: result.length };
}
