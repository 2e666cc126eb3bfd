import type { EscalationView, RosterView, TimelineEvent } from '../../shared/domain.ts';

/** The rotation as the engine needs it; core/create-vigil-core.ts adapts the rotation loader to this. */
export interface RotationProvider {
  roster(nowMs: number, meId: string): RosterView | null;
  escalation(input: { severity: string; startedAtMs: number; nowMs: number; meId: string; stoppedAtMs: number | null }): EscalationView | null;
}

export const noRotation: RotationProvider = { roster: () => null, escalation: () => null };

export interface TimelineJournal {
  append(event: Omit<TimelineEvent, 'id'>): TimelineEvent;
  forIncident(incidentKey: string): TimelineEvent[];
}
