import type { EscalationView, RosterView, TimelineEventType } from '../../shared/domain.ts';

/** The rotation as the engine needs it; core/rotation-provider.ts adapts the rotation loader to this. */
export interface RotationProvider {
  roster(nowMs: number, meId: string): RosterView | null;
  escalation(input: { severity: string; startedAtMs: number; nowMs: number; meId: string; stoppedAtMs: number | null }): EscalationView | null;
}

export const noRotation: RotationProvider = { roster: () => null, escalation: () => null };

/** How the engine's parts write to the incident timeline (the engine stamps the time). */
export type EngineJournal = (incidentKey: string, type: TimelineEventType, message: string, data?: Record<string, string | number | boolean | null>, by?: string) => void;
