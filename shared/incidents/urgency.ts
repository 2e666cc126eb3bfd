import type { IncidentState, IncidentView } from '../domain.ts';
import { severityRank } from './severity.ts';

// One ordering for everything that says "most urgent first": the alarm banners, the alarm window
// (which shows only the top one) and the `a` key when nothing is selected.

// Severity ranks and colours come from the one vocabulary in shared/ (the tray and the engine use it too).
export { severityRank, severityTone } from './severity.ts';

function byKey(a: IncidentView, b: IncidentView): number {
  return a.key < b.key ? -1 : a.key > b.key ? 1 : 0;
}

/** Severity first, then how many deadlines were missed, then the nearest deadline. */
export function compareAlarmUrgency(a: IncidentView, b: IncidentView): number {
  if (!a.alarm || !b.alarm) return (a.alarm ? 0 : 1) - (b.alarm ? 0 : 1);
  return (
    severityRank(a.alarm.severity) - severityRank(b.alarm.severity) ||
    b.alarm.level - a.alarm.level ||
    a.alarm.ackDeadline - b.alarm.ackDeadline ||
    a.alarm.raisedAt - b.alarm.raisedAt ||
    byKey(a, b)
  );
}

/** Incidents whose alarm is ringing, most urgent first. */
export function ringingAlarms(incidents: readonly IncidentView[]): IncidentView[] {
  return incidents.filter((incident) => incident.alarm !== null).sort(compareAlarmUrgency);
}

const STATE_RANK: ReadonlyMap<IncidentState, number> = new Map([
  ['firing', 0],
  ['acked', 1],
  ['silenced', 2],
  ['resolved', 3],
]);
const stateRank = (state: IncidentState) => STATE_RANK.get(state) ?? STATE_RANK.size;

/**
 * The incident list: ringing alarms on top (in urgency order), then firing, acked, silenced and
 * resolved incidents; within a group by severity, newest first.
 */
export function orderIncidents(incidents: readonly IncidentView[]): IncidentView[] {
  return [...incidents].sort((a, b) => {
    if (a.alarm || b.alarm) {
      if (a.alarm && b.alarm) return compareAlarmUrgency(a, b);
      return a.alarm ? -1 : 1;
    }
    return (
      stateRank(a.state) - stateRank(b.state) ||
      severityRank(a.severity) - severityRank(b.severity) ||
      b.startsAt - a.startsAt ||
      byKey(a, b)
    );
  });
}

/** CSS modifier for re-alarm urgency: level 0, 1, 2, and 3 for anything beyond. */
export function alarmLevelTone(level: number): 0 | 1 | 2 | 3 {
  return level <= 0 ? 0 : level >= 3 ? 3 : (level as 1 | 2);
}
