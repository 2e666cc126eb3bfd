import type { AlertView, LabelSet } from '../domain.ts';
import { SEVERITY_ORDER, worstSeverity } from './severity.ts';
import { sameFingerprints } from './same-fingerprints.ts';
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

/** What an alert without a known severity counts as, and which severities are known. */
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

/** The last grouping, kept to group the next list of alerts from it. */
interface LastGrouping {
  labelsToUse: string;
  rules: SeverityRules;
  alerts: readonly MergedAlert[];
  /** The incident key of each alert, by position. */
  keys: readonly string[];
  /** Each incident's alerts, as positions in `alerts`, ascending. */
  members: ReadonlyMap<string, readonly number[]>;
  groups: ReadonlyMap<string, IncidentGroup>;
}

/**
 * What earlier groupings found, for the next one (valid for one set of groupBy labels). What an
 * alert's labels group by is remembered by the label set: a poll hands back the same label objects
 * for alerts that did not change, so their identity is not spelled out again. And when the alerts
 * are those of the last grouping, the same fingerprints in the same order with a few of them new
 * objects (a poll where a few alerts changed), only the incidents those few were in or are now in
 * are made again; every other incident is last time's object, with what views remember of it.
 */
export interface GroupingMemo {
  readonly identityOf: WeakMap<LabelSet, string>;
  last: LastGrouping | null;
}

export function createGroupingMemo(): GroupingMemo {
  return { identityOf: new WeakMap(), last: null };
}

/** More changed alerts than this share of all: grouped from scratch. */
const INCREMENTAL_UP_TO = 0.25;

/**
 * Groups alerts into incidents, so a storm of 500 alerts of one alertname is one incident (one
 * alarm) with a count. Alerts missing a grouping label group under its absence, as Alertmanager does.
 */
export function groupIntoIncidents(alerts: readonly MergedAlert[], groupBy: readonly string[], severities: SeverityRules | string, memo: GroupingMemo = createGroupingMemo()): IncidentGroup[] {
  const rules: SeverityRules = typeof severities === 'string' ? { known: VOCABULARY_ONLY, fallback: severities } : severities;
  const labelsToUse = effectiveGroupBy(groupBy);
  const grouping = new Grouping(labelsToUse, rules, memo.identityOf);
  const last = memo.last;
  const next = last && last.labelsToUse === labelsToUse.join('\n') && last.rules.known === rules.known && last.rules.fallback === rules.fallback && sameFingerprints(last.alerts, alerts) ? grouping.fromLast(last, alerts) : null;
  memo.last = next ?? grouping.all(alerts);
  return [...memo.last.groups.values()].sort((a, b) => a.startsAt - b.startsAt || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
}

/** One grouping's rules at work: an alert's incident key, and an incident made from its alerts. */
class Grouping {
  readonly #labelsToUse: string[];
  readonly #rules: SeverityRules;
  readonly #identityOf: WeakMap<LabelSet, string>;
  /** Hot path (every alert of a full grouping): the key by the raw label values, computed once per group, not once per alert. */
  readonly #keyOfIdentity = new Map<string, string>();

  constructor(labelsToUse: string[], rules: SeverityRules, identityOf: WeakMap<LabelSet, string>) {
    this.#labelsToUse = labelsToUse;
    this.#rules = rules;
    this.#identityOf = identityOf;
  }

  keyOf(alert: MergedAlert): string {
    let identity = this.#identityOf.get(alert.labels);
    if (identity === undefined) {
      identity = '';
      for (const name of this.#labelsToUse) {
        const value = labelValue(alert.labels, name) ?? '';
        // Length-prefixed, so no value can spell out another group's identity.
        identity += `${value.length}:${value}`;
      }
      this.#identityOf.set(alert.labels, identity);
    }
    let key = this.#keyOfIdentity.get(identity);
    if (key === undefined) {
      key = incidentKeyFor(this.#groupLabels(alert));
      this.#keyOfIdentity.set(identity, key);
    }
    return key;
  }

  #groupLabels(alert: MergedAlert): LabelSet {
    const groupLabels: LabelSet = {};
    for (const name of this.#labelsToUse) {
      const value = labelValue(alert.labels, name);
      if (value !== undefined && value !== '') groupLabels[name] = value;
    }
    return groupLabels;
  }

  /** The incident of these alerts, given in the order of the list they came in. */
  group(key: string, alerts: readonly MergedAlert[]): IncidentGroup {
    const first = alerts[0]!;
    const group: IncidentGroup = { key, groupLabels: this.#groupLabels(first), labelNames: this.#labelsToUse, severity: this.#rules.fallback, unknownSeverities: [], startsAt: first.startsAt, alerts: [], sources: [] };
    const seen = new Set<string>();
    for (const alert of alerts) {
      const severity = labelValue(alert.labels, 'severity');
      if (severity !== undefined && severity !== '') {
        if (this.#rules.known.has(severity)) seen.add(severity);
        else if (!group.unknownSeverities.includes(severity)) group.unknownSeverities.push(severity);
      }
      group.alerts.push(alert);
      group.startsAt = Math.min(group.startsAt, alert.startsAt);
      for (const source of alert.sources) if (!group.sources.includes(source)) group.sources.push(source);
    }
    // An unknown severity counts as the default one (visibly, through unknownSeverities), never dropped.
    if (group.unknownSeverities.length > 0) seen.add(this.#rules.fallback);
    group.severity = worstSeverity(seen, this.#rules.fallback);
    group.alerts.sort((a, b) => a.startsAt - b.startsAt || (a.fingerprint < b.fingerprint ? -1 : a.fingerprint > b.fingerprint ? 1 : 0));
    group.sources.sort();
    return group;
  }

  all(alerts: readonly MergedAlert[]): LastGrouping {
    const keys: string[] = new Array<string>(alerts.length);
    const members = new Map<string, number[]>();
    const byKey = new Map<string, MergedAlert[]>();
    for (let i = 0; i < alerts.length; i++) {
      const alert = alerts[i]!;
      const key = this.keyOf(alert);
      keys[i] = key;
      const positions = members.get(key);
      if (positions) {
        positions.push(i);
        byKey.get(key)!.push(alert);
      } else {
        members.set(key, [i]);
        byKey.set(key, [alert]);
      }
    }
    const groups = new Map<string, IncidentGroup>();
    for (const [key, groupAlerts] of byKey) groups.set(key, this.group(key, groupAlerts));
    return { labelsToUse: this.#labelsToUse.join('\n'), rules: this.#rules, alerts, keys, members, groups };
  }

  /** The same fingerprints in the same order as the last grouping's alerts: only the incidents of changed alerts are made again. */
  fromLast(last: LastGrouping, alerts: readonly MergedAlert[]): LastGrouping | null {
    const changed: number[] = [];
    for (let i = 0; i < alerts.length; i++) if (alerts[i] !== last.alerts[i]) changed.push(i);
    if (changed.length > alerts.length * INCREMENTAL_UP_TO) return null;
    const keys = last.keys.slice();
    const members = new Map(last.members);
    const affected = new Set<string>();
    for (const i of changed) {
      const before = keys[i]!;
      const after = this.keyOf(alerts[i]!);
      affected.add(before);
      affected.add(after);
      if (after === before) continue;
      keys[i] = after;
      members.set(before, members.get(before)!.filter((position) => position !== i));
      // Kept ascending: an incident's alerts are taken in the order of the list, as from scratch.
      members.set(after, [...(members.get(after) ?? []), i].sort((a, b) => a - b));
    }
    const groups = new Map(last.groups);
    for (const key of affected) {
      const positions = members.get(key)!;
      if (positions.length === 0) {
        members.delete(key);
        groups.delete(key);
      } else groups.set(key, this.group(key, positions.map((i) => alerts[i]!)));
    }
    return { labelsToUse: last.labelsToUse, rules: this.#rules, alerts, keys, members, groups };
  }
}
