import { useMutation, useQueryClient } from '@tanstack/react-query';
import { lazy, Suspense, useEffect, useRef } from 'react';
import type { TimelineEvent } from '../../shared/domain.ts';
import { formatDuration } from '../../shared/duration.ts';
import { summarizeOccurrences } from '../../shared/postmortem/occurrences.ts';
import { formatInZone, localTimeZone } from '../lib/zone-time.ts';
import { useVigilApi } from '../state/api-context.tsx';
import { occurrenceTimelineQueryKey, postMortemQueryKey, useOccurrenceTimeline, usePostMortem } from '../state/postmortem-queries.ts';
import { showOccurrence, type OpenOccurrence } from '../state/postmortem-store.ts';
import { useSnapshotQuery } from '../state/snapshot-query.ts';
import { LoadBoundary } from './load-boundary.tsx';
import { SafeText } from './safe-text.tsx';
import { TimelineItem } from './timeline-view.tsx';
import { SeverityBadge } from './severity-badge.tsx';

// CodeMirror and the Markdown pipeline load only when a post-mortem is opened.
const PostMortemEditor = lazy(() => import('./postmortem-editor.tsx').then((m) => ({ default: m.PostMortemEditor })));

function OccurrenceTimeline({ events }: { events: TimelineEvent[] }) {
  return (
    <ol className="timeline__list" data-testid="occurrence-timeline">
      {events.map((event) => (
        <TimelineItem key={event.id} event={event} testId="occurrence-event" />
      ))}
    </ol>
  );
}

/** Refetch the occurrence's timeline when the live incident it belongs to changes (state, ack, alarm). */
function useLiveRefresh(open: OpenOccurrence): void {
  const queryClient = useQueryClient();
  const live = useSnapshotQuery().data?.incidents.find((i) => i.occurrenceId === open.occurrenceId);
  const signature = live ? `${live.state}|${live.ack?.at ?? ''}|${live.alarm?.level ?? ''}|${live.resolvedAt ?? ''}|${live.escalation?.steps.filter((s) => s.reached).length ?? ''}` : 'gone';
  useEffect(() => {
    void queryClient.invalidateQueries({ queryKey: occurrenceTimelineQueryKey(open.incidentKey, open.occurrenceId) });
  }, [queryClient, open.incidentKey, open.occurrenceId, signature]);
}

/** One occurrence: what happened (its own timeline) and its post-mortem. */
export function OccurrenceView({ occurrence }: { occurrence: OpenOccurrence }) {
  const api = useVigilApi();
  const queryClient = useQueryClient();
  useLiveRefresh(occurrence);
  const timeline = useOccurrenceTimeline(occurrence.incidentKey, occurrence.occurrenceId);
  const draft = usePostMortem(occurrence.occurrenceId);
  const events = [...(timeline.data ?? [])].sort((a, b) => a.at - b.at);
  const summary = events.length > 0 ? summarizeOccurrences(events)[0]! : null;
  const create = useMutation({
    mutationFn: () => api.createPostMortem({ occurrenceId: occurrence.occurrenceId, zone: localTimeZone() }),
    onSuccess: (made) => queryClient.setQueryData(postMortemQueryKey(occurrence.occurrenceId), made.draft),
  });
  // "Write post-mortem" from the incident: create the draft once, if there is none yet.
  const asked = useRef(false);
  useEffect(() => {
    if (occurrence.write && draft.data === null && !asked.current) {
      asked.current = true;
      create.mutate();
    }
  }, [occurrence.write, draft.data, create]);

  return (
    <article className="occurrence-view" data-testid="occurrence-view" data-occurrence-id={occurrence.occurrenceId} aria-label="Occurrence">
      <header className="occurrence-view__head">
        <button type="button" className="button" data-testid="occurrence-back" onClick={() => showOccurrence(null)}>
          ← All occurrences
        </button>
        {summary?.severity ? <SeverityBadge severity={summary.severity} /> : null}
        <h2 className="incident-detail__title">
          <SafeText value={summary?.title ?? occurrence.incidentKey} limit={300} testId="occurrence-title" />
        </h2>
      </header>
      {summary ? (
        <p className="muted" data-testid="occurrence-facts">
          first seen {formatInZone(summary.firstSeenAt)}
          {summary.resolvedAt !== null ? ` · resolved ${formatInZone(summary.resolvedAt)} · lasted ${formatDuration(summary.resolvedAt - summary.firstSeenAt)}` : ' · still open'}
        </p>
      ) : null}
      {create.data?.warning ? (
        <p className="warning-text" role="alert" data-testid="template-warning">
          <SafeText value={create.data.warning} limit={600} />
        </p>
      ) : null}
      {create.isError ? (
        <p className="error" role="alert">
          The draft could not be created: <SafeText value={create.error.message} limit={400} />
        </p>
      ) : null}
      {draft.isError ? (
        <p className="error" role="alert">
          Could not load the post-mortem: <SafeText value={draft.error.message} limit={300} />
        </p>
      ) : null}
      {draft.data ? (
        <LoadBoundary what="The post-mortem editor" reassurance="Alarms and incidents are not affected; the draft is safe on disk." testId="postmortem-failed">
          <Suspense fallback={<p className="muted">Opening the editor…</p>}>
            <PostMortemEditor draft={draft.data} events={events} title={summary?.title ?? occurrence.incidentKey} firstSeenAt={summary?.firstSeenAt ?? null} />
          </Suspense>
        </LoadBoundary>
      ) : draft.data === null ? (
        <p>
          <button type="button" className="button" data-testid="create-postmortem" disabled={create.isPending} onClick={() => create.mutate()}>
            Write post-mortem
          </button>{' '}
          <span className="muted">A Markdown draft prefilled from this timeline, saved as you type.</span>
        </p>
      ) : null}
      <details className="occurrence-view__timeline" open={!draft.data}>
        <summary className="section-title">Timeline ({events.length} events)</summary>
        {timeline.isError ? (
          <p className="error">
            Could not load the timeline: <SafeText value={timeline.error.message} limit={300} />
          </p>
        ) : null}
        <OccurrenceTimeline events={events} />
      </details>
    </article>
  );
}
