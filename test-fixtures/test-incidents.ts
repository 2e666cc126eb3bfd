import type { AlarmView, IncidentView } from '../shared/domain.ts';

// Builders for unit tests only (imported by *.test.ts, never by the app).

export function incident(key: string, overrides: Partial<IncidentView> = {}): IncidentView {
  return {
    key,
    occurrenceId: `${key}@1000`,
    kind: 'alert',
    title: key,
    alertname: key,
    severity: 'warning',
    severityNote: null,
    groupLabels: { alertname: key },
    summary: null,
    description: null,
    runbookUrl: null,
    dashboardUrl: null,
    alertCount: 1,
    alerts: [],
    startsAt: 1_000,
    firstSeenAt: 1_000,
    state: 'firing',
    ack: null,
    silencedBy: [],
    alarm: null,
    resolvedAt: null,
    escalation: null,
    ...overrides,
  };
}

export function alarm(incidentKey: string, overrides: Partial<AlarmView> = {}): AlarmView {
  return { incidentKey, severity: 'critical', raisedAt: 1_000, pagedAt: 1_000, ackDeadline: 121_000, level: 0, loud: true, acking: false, ackError: null, ...overrides };
}

export function ringing(key: string, alarmOverrides: Partial<AlarmView> = {}, overrides: Partial<IncidentView> = {}): IncidentView {
  const a = alarm(key, alarmOverrides);
  return incident(key, { severity: a.severity, alarm: a, ...overrides });
}
