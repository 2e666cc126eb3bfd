import { earliestAck, isLiveSilence, parseAckSilence } from '../../shared/ack/ack-silence.ts';
import type { AmSilence } from '../../shared/alertmanager-schemas.ts';
import type { MyAck } from '../../shared/alarm/engine-state-schema.ts';
import type { AckInfo } from '../../shared/domain.ts';
import type { IncidentGroup } from '../../shared/incidents/group-incidents.ts';
import type { SilenceBook } from './silence-book.ts';

// Who acknowledged an incident, read from the silences its alerts carry: a silence with Vigil's
// marker for this incident is an ack (the earliest one, so every Vigil names the same acker); any
// other silence muting every alert is a maintenance window.

export interface AckReading {
  ack: AckInfo | null;
  /** Silences other than acks that mute every alert of the incident. */
  mutedBy: string[];
}

export function readIncidentAck(input: {
  group: IncidentGroup;
  silences: SilenceBook;
  me: string;
  myAck: MyAck | undefined;
  /**
   * An ack known without the alerts showing it: the one remembered while the incident's
   * Alertmanager recently restarted without its data (the silence is gone for a while, not
   * withdrawn; its author's Vigil re-creates it), or a teammate's ack found while acking.
   */
  fallbackAck: AckInfo | null;
  nowMs: number;
}): AckReading {
  const { group, silences, me, myAck, nowMs } = input;
  const acks: Array<AmSilence & { sourceId: string }> = [];
  const mutedBy = new Set<string>();
  let allSilenced = group.alerts.length > 0;
  for (const alert of group.alerts) {
    if (alert.silencedBy.length === 0) allSilenced = false;
    for (const id of alert.silencedBy) {
      const entry = silences.get(id);
      const parsed = entry ? parseAckSilence(entry.silence) : null;
      if (entry && parsed && parsed.incidentKey === group.key) {
        if (!acks.some((a) => a.id === id)) acks.push({ ...entry.silence, sourceId: entry.sourceId });
      } else {
        mutedBy.add(id);
      }
    }
  }
  let ack: AckInfo | null = null;
  const standing = earliestAck(acks);
  if (standing) {
    const mine = standing.createdBy === me;
    const via = mine ? (myAck?.via ?? parseAckSilence(standing)?.via ?? 'remote') : 'remote';
    ack = { by: standing.createdBy, via, at: mine && myAck ? myAck.at : Date.parse(standing.startsAt), silenceId: standing.id, sourceId: standing.sourceId, mine };
  }
  // My own ack counts from the moment Alertmanager confirmed it, before alerts show it as silencedBy.
  if (!ack && myAck) {
    const live = myAck.silences.find((s) => {
      const entry = silences.get(s.silenceId);
      return entry ? isLiveSilence(entry.silence, nowMs) : s.until > nowMs;
    });
    if (live) ack = { by: me, via: myAck.via, at: myAck.at, silenceId: live.silenceId, sourceId: live.sourceId, mine: true };
  }
  // Until the silence shows again the ack stands: no re-alarm, no ladder restarting from zero.
  if (!ack && input.fallbackAck) ack = input.fallbackAck;
  return { ack, mutedBy: ack || !allSilenced ? [] : [...mutedBy] };
}

/** The earliest live ack silence known for an incident, for the ack keeper's crossed-acks check. */
export function standingAckSilence(group: IncidentGroup | undefined, silences: SilenceBook, nowMs: number): AmSilence | null {
  if (!group) return null;
  const acks: AmSilence[] = [];
  for (const alert of group.alerts) {
    for (const id of alert.silencedBy) {
      const entry = silences.get(id);
      if (entry && parseAckSilence(entry.silence)?.incidentKey === group.key && isLiveSilence(entry.silence, nowMs)) acks.push(entry.silence);
    }
  }
  return earliestAck(acks);
}
