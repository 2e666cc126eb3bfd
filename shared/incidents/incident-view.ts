import type { AlarmRecord } from '../alarm/alarm-machine.ts';
import type { AckInfo, AlertView, EscalationView, IncidentView } from '../domain.ts';
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

export function buildIncidentView(input: {
  group: IncidentGroup;
  firstSeenAt: number;
  ack: AckInfo | null;
  mutedBy: string[];
  alarm: AlarmRecord | null;
  acking: boolean;
  ackError: string | null;
  escalation: EscalationView | null;
}): IncidentView {
  const { group } = input;
  const alerts: AlertView[] = group.alerts.slice(0, SAMPLE).map((a) => ({ ...a, silencedBy: [...a.silencedBy], sources: [...a.sources] }));
  const state = input.ack ? 'acked' : input.mutedBy.length > 0 ? 'silenced' : 'firing';
  return {
    key: group.key,
    title: incidentTitle(group),
    alertname: group.groupLabels.alertname ?? '',
    severity: group.severity,
    groupLabels: group.groupLabels,
    summary: firstAnnotation(group, ['summary', 'message']),
    description: firstAnnotation(group, ['description']),
    runbookUrl: firstAnnotation(group, ['runbook_url', 'runbook']),
    dashboardUrl: firstAnnotation(group, ['dashboard_url', 'dashboard', 'grafana_url']),
    alertCount: group.alerts.length,
    alerts,
    startsAt: group.startsAt,
    firstSeenAt: input.firstSeenAt,
    state,
    ack: input.ack,
    silencedBy: input.mutedBy,
    alarm: input.alarm
      ? { incidentKey: group.key, severity: input.alarm.severity, raisedAt: input.alarm.raisedAt, ackDeadline: input.alarm.deadline, level: input.alarm.level, loud: input.alarm.loud, acking: input.acking, ackError: input.ackError }
      : null,
    resolvedAt: null,
    escalation: input.escalation,
  };
}
