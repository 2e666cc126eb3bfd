import type { AlarmView, IncidentView } from '../../shared/domain.ts';
import { formatDelay } from './time-text.ts';
import { formatTimeOfDay } from './zone-time.ts';

// Which instant a view calls "the ack deadline", and the one sentence that explains it. Every view
// shows AlarmView.ackDeadline for an incident that alarms me (the words come from
// shared/ack-deadline-text.ts); only the escalation clock of an incident that does not alarm me
// shows the team's deadline, and says so.

/** "Ack within 2m of being paged (paged 10:15:03, due 10:17:03)" */
export function ackRuleText(alarm: Pick<AlarmView, 'pagedAt' | 'ackDeadline'>, timeOfDay: (epochMs: number) => string = formatTimeOfDay): string {
  return `Ack within ${formatDelay(alarm.ackDeadline - alarm.pagedAt)} of being paged (paged ${timeOfDay(alarm.pagedAt)}, due ${timeOfDay(alarm.ackDeadline)})`;
}

export interface ClockAckDeadline {
  at: number;
  /** "mine": the incident alarms me and this is my one ack deadline; "team": the ladder's first step's. */
  whose: 'mine' | 'team';
}

/** The ack deadline the escalation clock shows: mine while the incident alarms me, else the team's. */
export function clockAckDeadline(incident: Pick<IncidentView, 'alarm' | 'escalation'>): ClockAckDeadline | null {
  if (incident.alarm) return { at: incident.alarm.ackDeadline, whose: 'mine' };
  if (incident.escalation) return { at: incident.escalation.ackDeadline, whose: 'team' };
  return null;
}
