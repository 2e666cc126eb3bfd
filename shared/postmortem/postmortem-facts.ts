import type { TimelineEvent, TimelineEventType } from '../domain.ts';
import { titleFromEvents } from './occurrences.ts';

// What one occurrence's journaled events establish, and nothing more: a fact the journal does not
// hold is null, and the draft shows a visible placeholder for it instead of a guess.

export interface PostMortemFacts {
  incidentKey: string;
  occurrenceId: string;
  title: string;
  severity: string | null;
  /** First seen by Vigil. */
  startAt: number | null;
  resolvedAt: number | null;
  /** When this Vigil paged its user (the first alarm), and the ack window that applied then. */
  paged: { at: number; ackWithinMs: number | null } | null;
  /** The first ack, mine or a teammate's. */
  ack: { at: number; by: string | null; via: string | null; silenceId: string | null } | null;
  /** The ack window of the severity's policy, when no alarm recorded the one that applied. */
  policyAckWithinMs: number | null;
  escalation: Array<{ at: number; text: string }>;
  /** People who acked, checked a step or wrote a note, in the order they first did. */
  responders: string[];
}

const RESPONDER_EVENTS: ReadonlySet<TimelineEventType> = new Set(['acked', 'acked-by-other', 'user-note', 'step-checked', 'step-unchecked']);

const num = (value: unknown): number | null => (typeof value === 'number' && Number.isFinite(value) ? value : null);
const str = (value: unknown): string | null => (typeof value === 'string' && value !== '' ? value : null);

export function postMortemFacts(occurrenceId: string, events: readonly TimelineEvent[], options: { policyAckWithinMs?: number | null } = {}): PostMortemFacts {
  const ordered = [...events].sort((a, b) => a.at - b.at);
  const incidentKey = ordered[0]?.incidentKey ?? occurrenceId.replace(/@[^@]*$/, '');
  const firstSeen = ordered.find((e) => e.type === 'first-seen');
  const alarm = ordered.find((e) => e.type === 'alarm-raised');
  const ack = ordered.find((e) => e.type === 'acked' || e.type === 'acked-by-other');
  const resolved = ordered.findLast((e) => e.type === 'resolved');
  const pagedAt = num(alarm?.data?.pagedAt) ?? alarm?.at ?? null;
  const deadline = num(alarm?.data?.deadline);
  const responders: string[] = [];
  for (const e of ordered) if (RESPONDER_EVENTS.has(e.type) && e.by && !responders.includes(e.by)) responders.push(e.by);
  return {
    incidentKey,
    occurrenceId,
    title: titleFromEvents(ordered, incidentKey),
    severity: str(firstSeen?.data?.severity),
    startAt: firstSeen?.at ?? ordered[0]?.at ?? null,
    resolvedAt: resolved?.at ?? null,
    paged: pagedAt === null ? null : { at: pagedAt, ackWithinMs: deadline === null ? null : deadline - pagedAt },
    ack: ack ? { at: ack.at, by: ack.by ?? null, via: str(ack.data?.via), silenceId: str(ack.data?.silenceId) } : null,
    policyAckWithinMs: options.policyAckWithinMs ?? null,
    escalation: ordered.filter((e) => e.type === 'escalation-step').map((e) => ({ at: e.at, text: e.message })),
    responders,
  };
}
