import type { TimelineEvent } from '../domain.ts';
import { occurrenceIdOf } from '../timeline-schema.ts';

// Past occurrences, derived from the timeline journal alone (it survives restarts, and it is the
// only record of an incident once Alertmanager has forgotten it): an occurrence runs from its
// first-seen event to its resolved event, and every event carries its occurrence id.

export interface OccurrenceSummary {
  occurrenceId: string;
  incidentKey: string;
  title: string;
  alertname: string;
  severity: string | null;
  firstSeenAt: number;
  /** null while it still fires (or Vigil stopped before seeing it resolve). */
  resolvedAt: number | null;
  ackedBy: string | null;
  eventCount: number;
}

export interface OccurrenceFilter {
  alertname?: string | undefined;
  severity?: string | undefined;
  /** First seen at or after this instant. */
  from?: number | undefined;
  /** First seen before this instant. */
  to?: number | undefined;
}

const FIRST_SEEN_PREFIX = 'First seen: ';

/**
 * The occurrence each event belongs to. Events journaled before occurrences existed carry none:
 * they belong to the one their incident's latest first-seen event opened.
 */
export function occurrenceIdsOf(events: readonly TimelineEvent[]): string[] {
  const current = new Map<string, string>();
  return events.map((event) => {
    let id = event.occurrenceId;
    if (id === undefined) id = event.type === 'first-seen' ? occurrenceIdOf(event.incidentKey, event.at) : (current.get(event.incidentKey) ?? occurrenceIdOf(event.incidentKey, event.at));
    current.set(event.incidentKey, id);
    return id;
  });
}

/** One occurrence's events in journal order. */
export function eventsOfOccurrence(events: readonly TimelineEvent[], occurrenceId: string): TimelineEvent[] {
  const ids = occurrenceIdsOf(events);
  return events.filter((_, index) => ids[index] === occurrenceId);
}

/** The incident's title as the first-seen event wrote it ("First seen: WeaviateDown · prod"). */
export function titleFromEvents(events: readonly TimelineEvent[], incidentKey: string): string {
  const firstSeen = events.find((e) => e.type === 'first-seen' && e.message.startsWith(FIRST_SEEN_PREFIX));
  if (firstSeen) return firstSeen.message.slice(FIRST_SEEN_PREFIX.length);
  // An incident key is "<alertname>-<hash>".
  return incidentKey.replace(/-[^-]*$/, '') || incidentKey;
}

function summarize(occurrenceId: string, events: TimelineEvent[]): OccurrenceSummary {
  const first = events[0]!;
  const title = titleFromEvents(events, first.incidentKey);
  const firstSeen = events.find((e) => e.type === 'first-seen');
  const severity = firstSeen?.data?.severity;
  const resolved = events.findLast((e) => e.type === 'resolved');
  const ack = events.find((e) => e.type === 'acked' || e.type === 'acked-by-other');
  return {
    occurrenceId,
    incidentKey: first.incidentKey,
    title,
    alertname: title.split(' · ')[0] ?? title,
    severity: typeof severity === 'string' ? severity : null,
    firstSeenAt: (firstSeen ?? first).at,
    resolvedAt: resolved?.at ?? null,
    ackedBy: ack?.by ?? null,
    eventCount: events.length,
  };
}

/** Every occurrence in the journal, most recent first. */
export function summarizeOccurrences(events: readonly TimelineEvent[]): OccurrenceSummary[] {
  const ids = occurrenceIdsOf(events);
  const grouped = new Map<string, TimelineEvent[]>();
  events.forEach((event, index) => {
    const id = ids[index]!;
    const list = grouped.get(id);
    if (list) list.push(event);
    else grouped.set(id, [event]);
  });
  return [...grouped].map(([id, list]) => summarize(id, list)).sort((a, b) => b.firstSeenAt - a.firstSeenAt || a.occurrenceId.localeCompare(b.occurrenceId));
}

export function filterOccurrences(list: readonly OccurrenceSummary[], filter: OccurrenceFilter): OccurrenceSummary[] {
  const alertname = filter.alertname?.trim().toLowerCase() ?? '';
  return list.filter(
    (o) =>
      (alertname === '' || o.alertname.toLowerCase().includes(alertname)) &&
      (filter.severity === undefined || filter.severity === '' || o.severity === filter.severity) &&
      (filter.from === undefined || o.firstSeenAt >= filter.from) &&
      (filter.to === undefined || o.firstSeenAt < filter.to),
  );
}
