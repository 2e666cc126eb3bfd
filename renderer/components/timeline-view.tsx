import type { TimelineEvent } from '../../shared/domain.ts';
import { formatTimeOfDay } from '../lib/zone-time.ts';
import { useTimeline } from '../state/timeline-query.ts';
import { SafeText } from './safe-text.tsx';

const MAX_EVENTS = 200;

/** One timeline event as a list item (the live timeline and an occurrence's, each with its own test id). */
export function TimelineItem({ event, testId = 'timeline-event' }: { event: TimelineEvent; testId?: string }) {
  return (
    <li className={`timeline__event timeline__event--${event.type}`} data-testid={testId} data-type={event.type}>
      <time className="timeline__time mono" dateTime={new Date(event.at).toISOString()}>
        {formatTimeOfDay(event.at)}
      </time>
      <span className="timeline__type">{event.type}</span>
      <SafeText value={event.message} limit={500} className="timeline__message" />
      {event.by ? (
        <span className="muted">
          {' '}
          — <SafeText value={event.by} limit={100} />
        </span>
      ) : null}
    </li>
  );
}

/** What happened to an incident, oldest first (the order one reads a story in). */
export function TimelineView({ incidentKey }: { incidentKey: string }) {
  const timeline = useTimeline(incidentKey);
  const events = [...(timeline.data ?? [])].sort((a, b) => a.at - b.at);
  const shown = events.slice(-MAX_EVENTS);
  return (
    <section className="timeline" aria-label="Timeline">
      <h3 className="section-title">Timeline</h3>
      {timeline.isError ? (
        <p className="error" data-testid="timeline-error">
          Could not load the timeline: <SafeText value={timeline.error.message} limit={300} />
        </p>
      ) : null}
      <ol className="timeline__list" data-testid="timeline" data-loading={timeline.isPending ? 'true' : 'false'}>
        {shown.map((event) => (
          <TimelineItem key={event.id} event={event} />
        ))}
      </ol>
      {events.length > MAX_EVENTS ? <p className="muted">Showing the last {MAX_EVENTS} of {events.length} events.</p> : null}
      {timeline.isSuccess && events.length === 0 ? <p className="muted">No events yet.</p> : null}
    </section>
  );
}
