import type { AlertView, LabelSet } from '../domain.ts';
import { SEVERITY_ORDER, worstSeverity } from './severity.ts';
import { stableHash } from './stable-hash.ts';

/** An alert after merging every source that reported it (HA pairs report each alert twice): the view's shape. */
export type MergedAlert = AlertView;

export interface IncidentGroup {
  key: string;
  /** The identifying labels: alertname plus the grouping labels present on the alerts. */
  groupLabels: LabelSet;
  /** Every grouping label, present or not: an ack matches the absent ones as "" so it covers only this incident. */
  labelNames: string[];
  severity: string;
  /** Severity label values outside the known set, shown as such and treated as the default severity. */
  unknownSeverities: string[];
  startsAt: number;
  alerts: MergedAlert[];
  sources: string[];
}

/** The labels that identify an incident: always alertname first, then the configured/route labels. */
export function effectiveGroupBy(groupBy: readonly string[]): string[] {
  const labels = ['alertname', ...groupBy.filter((l) => l !== 'alertname' && l !== '...')];
  return [...new Set(labels)];
}

export function incidentKeyFor(groupLabels: LabelSet): string {
  const canonical = Object.keys(groupLabels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(groupLabels[name])}`)
    .join(',');
  return `${groupLabels.alertname ?? 'alert'}-${stableHash(canonical)}`.replace(/[^A-Za-z0-9_.-]/g, '_').slice(-160);
}

/**
 * Groups alerts into incidents, so a storm of 500 alerts of one alertname is one incident (one
 * alarm) with a count. Alerts missing a grouping label group under its absence, as Alertmanager does.
 */
export interface SeverityRules {
  /** Severities taken as they are (the shared vocabulary plus configured policies). */
  known: ReadonlySet<string>;
  /** What an alert without a known severity counts as (config default_severity). */
  fallback: string;
}

const VOCABULARY_ONLY = new Set(SEVERITY_ORDER);

/** An own label value: label names come from untrusted answers and config, never from a prototype. */
function labelValue(labels: LabelSet, name: string): string | undefined {
  return Object.hasOwn(labels, name) ? labels[name] : undefined;
}

/**
 * What an alert's labels group by, remembered by the label set: a poll hands back the same label
 * objects for alerts that did not change, so their identity is not spelled out again. Valid for
 * one grouping only (one set of groupBy labels).
 */
export type GroupingMemo = WeakMap<LabelSet, string>;

export function groupIntoIncidents(alerts: Iterable<MergedAlert>, groupBy: readonly string[], severities: SeverityRules | string, memo?: GroupingMemo): IncidentGroup[] {
  const rules: SeverityRules = typeof severities === 'string' ? { known: VOCABULARY_ONLY, fallback: severities } : severities;
  const labelsToUse = effectiveGroupBy(groupBy);
  const groups = new Map<string, IncidentGroup>();
  const severitiesOf = new Map<IncidentGroup, Set<string>>();
  // Hot path (every alert of every poll): the group is found by the raw label values; the
  // canonical key (sort, serialize, hash) is computed once per group, not once per alert.
  const byValues = new Map<string, IncidentGroup>();
  for (const alert of alerts) {
    let identity = memo?.get(alert.labels);
    if (identity === undefined) {
      identity = '';
      for (const name of labelsToUse) {
        const value = labelValue(alert.labels, name) ?? '';
        // Length-prefixed, so no value can spell out another group's identity.
        identity += `${value.length}:${value}`;
      }
      memo?.set(alert.labels, identity);
    }
    let group = byValues.get(identity);
    if (!group) {
      const groupLabels: LabelSet = {};
      for (const name of labelsToUse) {
        const value = labelValue(alert.labels, name);
        if (value !== undefined && value !== '') groupLabels[name] = value;
      }
      const key = incidentKeyFor(groupLabels);
      group = groups.get(key);
      if (!group) {
        group = { key, groupLabels, labelNames: labelsToUse, severity: rules.fallback, unknownSeverities: [], startsAt: alert.startsAt, alerts: [], sources: [] };
        groups.set(key, group);
        severitiesOf.set(group, new Set());
      }
      byValues.set(identity, group);
    }
    const severity = labelValue(alert.labels, 'severity');
    if (severity !== undefined && severity !== '') {
      if (rules.known.has(severity)) severitiesOf.get(group)!.add(severity);
      else if (!group.unknownSeverities.includes(severity)) group.unknownSeverities.push(severity);
    }
    group.alerts.push(alert);
    group.startsAt = Math.min(group.startsAt, alert.startsAt);
    for (const source of alert.sources) if (!group.sources.includes(source)) group.sources.push(source);
  }
  for (const group of groups.values()) {
    // An unknown severity counts as the default one (visibly, through unknownSeverities), never dropped.
    const seen = severitiesOf.get(group)!;
    if (group.unknownSeverities.length > 0) seen.add(rules.fallback);
    group.severity = worstSeverity(seen, rules.fallback);
    group.alerts.sort((a, b) => a.startsAt - b.startsAt || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
    group.sources.sort();
  }
  return [...groups.values()].sort((a, b) => a.startsAt - b.startsAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}
