import type { LabelSet } from '../domain.ts';

// What the core publishes about each source's Prometheus (issue 8): pending alerts that are about
// to fire, the health of its rules, and the graph of an incident's expression. Plain data: it
// crosses IPC and WebSocket inside the snapshot or a request's answer. Timestamps are epoch ms.

/** A pending alert: its rule's condition holds, and it fires once `for:` has elapsed. Never alarms. */
export interface PendingAlertView {
  /** Stable within a snapshot: source, rule group, rule and the alert's labels. */
  key: string;
  sourceId: string;
  alertname: string;
  severity: string | null;
  labels: LabelSet;
  summary: string | null;
  ruleGroup: string;
  /** When the condition started to hold (Prometheus's activeAt); null when Prometheus did not say. */
  activeAt: number | null;
  /** The rule's `for:`. */
  forMs: number;
  /** activeAt + for: when Prometheus will send it to Alertmanager. Null when activeAt is unknown. */
  firesAt: number | null;
  /** The expression's current value, as Prometheus wrote it. */
  value: string | null;
}

/** A rule whose last evaluation failed: an alert that will never fire while it stays broken. */
export interface BrokenRuleView {
  group: string;
  name: string;
  type: 'alerting' | 'recording';
  lastError: string | null;
  lastEvaluation: number | null;
  query: string;
}

export interface PrometheusHealthView {
  /** The Prometheus URL (no credentials; config refuses them). */
  url: string;
  state: 'ok' | 'unhealthy' | 'unknown';
  lastSuccessAt: number | null;
  lastAttemptAt: number | null;
  error: string | null;
  /** Rules Prometheus reported in the last good answer. */
  ruleCount: number;
  /** Rules whose last evaluation failed (the first few; brokenRuleCount is the true number). */
  brokenRules: BrokenRuleView[];
  brokenRuleCount: number;
  pendingCount: number;
  /** Rules or alerts dropped from the last answer because they broke the schema. */
  quarantined: number;
}

export interface GraphSeries {
  /** A short legend: the labels that differ between the series, or the whole set. */
  label: string;
  labels: LabelSet;
  /** One value per timestamp of the graph, null where the series has no sample (or NaN/Inf). */
  values: Array<number | null>;
}

export type IncidentGraph =
  | {
      status: 'ok';
      sourceId: string;
      expr: string;
      /** Where the expression came from: the source's `prometheus.queries`, or the alert's generatorURL. */
      exprFrom: 'config' | 'generatorURL';
      /** The alert's threshold split off its expression (`… > 5`): `expr` is what is drawn, this is a line. */
      threshold: { op: '>' | '<' | '>=' | '<=' | '==' | '!='; value: number } | null;
      startMs: number;
      endMs: number;
      stepMs: number;
      /** The incident's start, marked on the graph. */
      startsAt: number;
      timestamps: number[];
      series: GraphSeries[];
      /** How many series the query returned; more than series.length when capped. */
      totalSeries: number;
      queriedAt: number;
    }
  /** No graph can be drawn: no Prometheus for the source, no expression, no such incident. */
  | { status: 'unavailable'; reason: string }
  /** Prometheus was asked and failed (unreachable, query error): said, never drawn as an empty graph. */
  | { status: 'error'; error: string; expr: string | null };
