import type { AmMatcher, AmPostableSilence, AmSilence } from '../alertmanager-schemas.ts';
import type { AckVia, LabelSet } from '../domain.ts';

// An acknowledgement is an Alertmanager silence, so every teammate's Vigil sees it and stops
// ringing. The marker in the comment is how Vigils recognise each other's acks (and tell them
// apart from maintenance silences); the incident key ties the silence back to the incident.
const MARKER = /\[vigil-ack incident=([A-Za-z0-9_.-]{1,200}) via=([a-z-]{1,20})\]/;

/**
 * Matchers on the incident's identifying labels only. Matching every label would break the ack
 * as soon as a pod or instance label changes; the group labels are what make it the same incident.
 * Every grouping label is matched, an absent one as `name=""` (Alertmanager's own grouping treats
 * a missing label as the empty value), so acking `X` never mutes its neighbour `X{cluster="a"}`.
 */
export function ackMatchers(groupLabels: LabelSet, labelNames: readonly string[]): AmMatcher[] {
  return [...new Set([...labelNames, ...Object.keys(groupLabels)])]
    .sort()
    .map((name) => ({ name, value: Object.hasOwn(groupLabels, name) ? (groupLabels[name] ?? '') : '', isRegex: false, isEqual: true }));
}

export function buildAckSilence(input: {
  incidentKey: string;
  groupLabels: LabelSet;
  labelNames: readonly string[];
  me: string;
  via: AckVia;
  nowMs: number;
  durationMs: number;
  title: string;
}): AmPostableSilence {
  return {
    matchers: ackMatchers(input.groupLabels, input.labelNames),
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

/** An ack silence still in force at `nowMs`. */
export function isLiveSilence(silence: Pick<AmSilence, 'status' | 'endsAt'>, nowMs: number): boolean {
  return silence.status.state !== 'expired' && Date.parse(silence.endsAt) > nowMs;
}

/**
 * When two teammates ack within moments, each Vigil posts a silence. Every Vigil must agree on
 * which one stands, with no server to ask: the earliest (startsAt, then id) does, and the others
 * withdraw their own.
 */
export function earliestAck<T extends Pick<AmSilence, 'id' | 'startsAt'>>(silences: readonly T[]): T | null {
  let best: T | null = null;
  for (const s of silences) {
    if (best === null) best = s;
    else {
      const a = Date.parse(s.startsAt);
      const b = Date.parse(best.startsAt);
      if (a < b || (a === b && s.id < best.id)) best = s;
    }
  }
  return best;
}
