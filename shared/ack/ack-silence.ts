import type { AmMatcher, AmPostableSilence, AmSilence } from '../alertmanager-schemas.ts';
import type { AckVia, LabelSet } from '../domain.ts';

// An acknowledgement is an Alertmanager silence, so every teammate's Vigil sees it and stops
// ringing. The marker in the comment is how Vigils recognise each other's acks (and tell them
// apart from maintenance silences); the incident key ties the silence back to the incident.
const MARKER = /\[vigil-ack incident=([A-Za-z0-9_.-]{1,200}) via=([a-z-]{1,20})\]/;

/**
 * Matchers on the incident's identifying labels only. Matching every label would break the ack
 * as soon as a pod or instance label changes; the group labels are what make it the same incident.
 */
export function ackMatchers(groupLabels: LabelSet): AmMatcher[] {
  return Object.keys(groupLabels)
    .sort()
    .map((name) => ({ name, value: groupLabels[name] ?? '', isRegex: false, isEqual: true }));
}

export function buildAckSilence(input: {
  incidentKey: string;
  groupLabels: LabelSet;
  me: string;
  via: AckVia;
  nowMs: number;
  durationMs: number;
  title: string;
}): AmPostableSilence {
  return {
    matchers: ackMatchers(input.groupLabels),
    startsAt: new Date(input.nowMs).toISOString(),
    endsAt: new Date(input.nowMs + input.durationMs).toISOString(),
    createdBy: input.me,
    comment: `Acknowledged in Vigil by ${input.me}: ${input.title.slice(0, 200)} [vigil-ack incident=${input.incidentKey} via=${input.via}]`,
  };
}

export interface AckSilenceInfo {
  incidentKey: string;
  via: AckVia;
  by: string;
}

/** Reads a silence as a Vigil ack, or null for any other silence (maintenance windows, manual ones). */
export function parseAckSilence(silence: Pick<AmSilence, 'comment' | 'createdBy'>): AckSilenceInfo | null {
  const match = MARKER.exec(silence.comment);
  if (!match) return null;
  const via = match[2] as AckVia;
  return { incidentKey: match[1] ?? '', via, by: silence.createdBy };
}

/** True when the silence still mutes the incident: active and its matchers equal ours. */
export function silenceCoversIncident(silence: AmSilence, groupLabels: LabelSet, nowMs: number): boolean {
  if (silence.status.state === 'expired') return false;
  if (Date.parse(silence.endsAt) <= nowMs) return false;
  const wanted = ackMatchers(groupLabels);
  if (silence.matchers.length !== wanted.length) return false;
  return wanted.every((w) => silence.matchers.some((m) => m.name === w.name && m.value === w.value && !m.isRegex && m.isEqual !== false));
}

/** The extension to post (same id, so Alertmanager updates it in place) when the ack runs low. */
export function extendedAckSilence(silence: AmSilence, nowMs: number, durationMs: number): AmPostableSilence {
  return {
    id: silence.id,
    matchers: silence.matchers,
    startsAt: silence.startsAt,
    endsAt: new Date(nowMs + durationMs).toISOString(),
    createdBy: silence.createdBy,
    comment: silence.comment,
  };
}
