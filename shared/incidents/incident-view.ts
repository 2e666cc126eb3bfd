import type { AlarmRecord } from '../alarm/alarm-machine.ts';
import type { AckInfo, AlarmView, AlertView, EscalationView, IncidentView } from '../domain.ts';
import { occurrenceIdOf } from '../timeline-schema.ts';
import type { IncidentGroup } from './group-incidents.ts';

const SAMPLE = 50;

/** The first non-empty annotation among the alerts (Prometheus rules usually template them per alert). */
function firstAnnotation(group: IncidentGroup, names: string[]): string | null {
  for (const alert of group.alerts) {
    for (const name of names) {
      const value = alert.annotations[name];
      if (value) return value;
    }
  }
  return null;
}

export function incidentTitle(group: IncidentGroup): string {
  const extras = Object.entries(group.groupLabels)
    .filter(([name]) => name !== 'alertname')
    .map(([, value]) => value);
  return [group.groupLabels.alertname ?? 'Alert', ...extras].join(' · ');
}

/** What a view shows of its group's alerts, found once per group: a tick rebuilds every view, and a 10k-alert group is 10k alerts to look through. */
interface GroupFacts {
  title: string;
  summary: string | null;
  description: string | null;
  runbookUrl: string | null;
  dashboardUrl: string | null;
  alerts: AlertView[];
}

// Groups are never changed once made (group-incidents.ts), so their facts can be remembered by identity.
const factsOfGroup = new WeakMap<IncidentGroup, GroupFacts>();

function groupFacts(group: IncidentGroup): GroupFacts {
  let facts = factsOfGroup.get(group);
  if (!facts) {
    facts = {
      title: incidentTitle(group),
      summary: firstAnnotation(group, ['summary', 'message']),
      description: firstAnnotation(group, ['description']),
      runbookUrl: firstAnnotation(group, ['runbook_url', 'runbook']),
      dashboardUrl: firstAnnotation(group, ['dashboard_url', 'dashboard', 'grafana_url']),
      // Merged alerts are never changed once made (merge-source-snapshots.ts): the sample shares them.
      alerts: group.alerts.slice(0, SAMPLE),
    };
    factsOfGroup.set(group, facts);
  }
  return facts;
}

export function buildIncidentView(input: {
  group: IncidentGroup;
  /** The incident's start as Vigil counts it: the earlier of its alerts' startsAt and first seen. */
  startedAt: number;
  firstSeenAt: number;
  defaultSeverity: string;
  ack: AckInfo | null;
  mutedBy: string[];
  alarm: AlarmRecord | null;
  acking: boolean;
  ackError: string | null;
  escalation: EscalationView | null;
}): IncidentView {
  const { group } = input;
  const facts = groupFacts(group);
  const state = input.ack ? 'acked' : input.mutedBy.length > 0 ? 'silenced' : 'firing';
  return {
    key: group.key,
    occurrenceId: occurrenceIdOf(group.key, input.firstSeenAt),
    kind: 'alert',
    title: facts.title,
    alertname: group.groupLabels.alertname ?? '',
    severity: group.severity,
    severityNote: group.unknownSeverities.length > 0 ? `severity ${group.unknownSeverities.map((v) => JSON.stringify(v.slice(0, 64))).join(', ')} is not configured: treated as ${input.defaultSeverity}` : null,
    groupLabels: group.groupLabels,
    summary: facts.summary,
    description: facts.description,
    runbookUrl: facts.runbookUrl,
    dashboardUrl: facts.dashboardUrl,
    alertCount: group.alerts.length,
    alerts: facts.alerts,
    startsAt: input.startedAt,
    firstSeenAt: input.firstSeenAt,
    state,
    ack: input.ack,
    silencedBy: input.mutedBy,
    alarm: input.alarm
      ? alarmView(group.key, input.alarm, input.acking, input.ackError)
      : null,
    resolvedAt: null,
    escalation: input.escalation,
  };
}

function alarmView(key: string, alarm: AlarmRecord, acking: boolean, ackError: string | null): AlarmView {
  return { incidentKey: key, severity: alarm.severity, raisedAt: alarm.raisedAt, pagedAt: alarm.pagedAt, ackDeadline: alarm.deadline, level: alarm.level, loud: alarm.loud, acking, ackError };
}

/** Vigil's own alarm that it cannot see a source (see core/engine/blind-watch.ts). */
export function buildBlindIncidentView(input: { spot: { key: string; sourceId: string; title: string; reason: string; since: number }; ack: AckInfo | null; alarm: AlarmRecord | null; firstSeenAt: number }): IncidentView {
  const { spot } = input;
  return {
    key: spot.key,
    occurrenceId: occurrenceIdOf(spot.key, input.firstSeenAt),
    kind: 'blind',
    title: spot.title,
    alertname: 'VigilCannotSee',
    severity: 'critical',
    severityNote: null,
    groupLabels: { alertname: 'VigilCannotSee', source: spot.sourceId },
    summary: `${spot.title}: ${spot.reason}. Alarms from it may be missed.`,
    description: null,
    runbookUrl: null,
    dashboardUrl: null,
    alertCount: 0,
    alerts: [],
    startsAt: spot.since,
    firstSeenAt: input.firstSeenAt,
    state: input.ack ? 'acked' : 'firing',
    ack: input.ack,
    silencedBy: [],
    alarm: input.alarm ? alarmView(spot.key, input.alarm, false, null) : null,
    resolvedAt: null,
    escalation: null,
  };
}
