import type { AlarmView, AppSnapshot, IncidentView, RosterView } from '../../shared/domain.ts';

// Plain-data builders for the snapshots the tray and alarm window react to. Only the fields those
// modules read vary; the rest are valid, boring defaults.

export const NOW = Date.UTC(2025, 0, 6, 9, 0, 0);

export function makeAlarm(overrides: Partial<AlarmView> = {}): AlarmView {
  return { incidentKey: 'k', severity: 'critical', raisedAt: NOW - 30_000, pagedAt: NOW - 30_000, ackDeadline: NOW + 90_000, level: 0, loud: true, acking: false, ackError: null, ...overrides };
}

export function makeIncident(key: string, overrides: Partial<IncidentView> = {}): IncidentView {
  return {
    key,
    occurrenceId: `${key}@1`,
    kind: 'alert',
    title: `Incident ${key}`,
    alertname: 'HighApiErrorRate',
    severity: 'critical',
    severityNote: null,
    groupLabels: { alertname: 'HighApiErrorRate' },
    summary: null,
    description: null,
    runbookUrl: null,
    dashboardUrl: null,
    alertCount: 1,
    alerts: [],
    startsAt: NOW - 60_000,
    firstSeenAt: NOW - 60_000,
    state: 'firing',
    ack: null,
    silencedBy: [],
    alarm: null,
    resolvedAt: null,
    escalation: null,
    ...overrides,
  };
}

/** A firing incident whose alarm rings for me. */
export function ringing(key: string, overrides: Partial<IncidentView> = {}, alarm: Partial<AlarmView> = {}): IncidentView {
  const severity = overrides.severity ?? 'critical';
  return makeIncident(key, { ...overrides, alarm: makeAlarm({ incidentKey: key, severity, ...alarm }) });
}

export function makeRoster(overrides: Partial<RosterView> = {}): RosterView {
  return { now: [], myRoles: [], nextHandoff: null, upcoming: [], gaps: [], people: [], source: 'rotation.yaml', warning: null, loadedAt: NOW, ...overrides };
}

export function makeSnapshot(incidents: IncidentView[] = [], overrides: Partial<AppSnapshot> = {}): AppSnapshot {
  return { generatedAt: NOW, me: { id: 'alice', name: 'Alice' }, demo: false, configSource: '/etc/vigil.yaml', sources: [], incidents, roster: null, warnings: [], ...overrides };
}
