import type { AlarmView, AppSnapshot, IncidentView, RosterView } from '../../shared/domain.ts';
import { alarm, incident } from '../test-incidents.ts';

// Plain-data builders for the snapshots the tray and alarm window react to. Only the fields those
// modules read vary; the rest are valid, boring defaults.

export const NOW = Date.UTC(2025, 0, 6, 9, 0, 0);

export function makeAlarm(overrides: Partial<AlarmView> = {}): AlarmView {
  return alarm('k', { raisedAt: NOW - 30_000, pagedAt: NOW - 30_000, ackDeadline: NOW + 90_000, ...overrides });
}

/** A critical HighApiErrorRate incident, firing for a minute at NOW. */
export function makeIncident(key: string, overrides: Partial<IncidentView> = {}): IncidentView {
  return incident(key, {
    occurrenceId: `${key}@1`,
    title: `Incident ${key}`,
    alertname: 'HighApiErrorRate',
    severity: 'critical',
    groupLabels: { alertname: 'HighApiErrorRate' },
    startsAt: NOW - 60_000,
    firstSeenAt: NOW - 60_000,
    ...overrides,
  });
}

/** A firing incident whose alarm rings for me. */
export function makeRinging(key: string, overrides: Partial<IncidentView> = {}, alarmOverrides: Partial<AlarmView> = {}): IncidentView {
  const severity = overrides.severity ?? 'critical';
  return makeIncident(key, { ...overrides, alarm: makeAlarm({ incidentKey: key, severity, ...alarmOverrides }) });
}

export function makeRoster(overrides: Partial<RosterView> = {}): RosterView {
  return { now: [], myRoles: [], nextHandoff: null, upcoming: [], gaps: [], people: [], source: 'rotation.yaml', warning: null, loadedAt: NOW, ...overrides };
}

export function makeSnapshot(incidents: IncidentView[] = [], overrides: Partial<AppSnapshot> = {}): AppSnapshot {
  return { generatedAt: NOW, me: { id: 'alice', name: 'Alice' }, demo: false, configSource: '/etc/vigil.yaml', sources: [], incidents, roster: null, warnings: [], ...overrides };
}
