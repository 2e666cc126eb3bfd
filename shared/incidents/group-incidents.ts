import type { AlertView, LabelSet } from '../domain.ts';
import { worstSeverity } from './severity.ts';
import { stableHash } from './stable-hash.ts';

/** An alert after merging every source that reported it (HA pairs report each alert twice): the view's shape. */
export type MergedAlert = AlertView;

export interface IncidentGroup {
  key: string;
  /** The identifying labels: alertname plus the grouping labels present on the alerts. */
  groupLabels: LabelSet;
  severity: string;
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
export function groupIntoIncidents(alerts: Iterable<MergedAlert>, groupBy: readonly string[], defaultSeverity: string): IncidentGroup[] {
  const labelsToUse = effectiveGroupBy(groupBy);
  const groups = new Map<string, IncidentGroup>();
  for (const alert of alerts) {
    const groupLabels: LabelSet = {};
    for (const name of labelsToUse) {
      const value = alert.labels[name];
      if (value !== undefined && value !== '') groupLabels[name] = value;
    }
    const key = incidentKeyFor(groupLabels);
    let group = groups.get(key);
    if (!group) {
      group = { key, groupLabels, severity: defaultSeverity, startsAt: alert.startsAt, alerts: [], sources: [] };
      groups.set(key, group);
    }
    group.alerts.push(alert);
    group.startsAt = Math.min(group.startsAt, alert.startsAt);
    for (const source of alert.sources) if (!group.sources.includes(source)) group.sources.push(source);
  }
  for (const group of groups.values()) {
    group.severity = worstSeverity(
      group.alerts.map((a) => a.labels.severity).filter((s): s is string => typeof s === 'string' && s !== ''),
      defaultSeverity,
    );
    group.alerts.sort((a, b) => a.startsAt - b.startsAt || a.fingerprint.localeCompare(b.fingerprint));
    group.sources.sort();
  }
  return [...groups.values()].sort((a, b) => a.startsAt - b.startsAt || a.key.localeCompare(b.key));
}
