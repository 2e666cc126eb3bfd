import { useState } from 'react';
import type { OccurrenceListItem } from '../../shared/ipc-contract.ts';
import { formatDuration } from '../../shared/duration.ts';
import { occurrenceFilterArgs, type OccurrenceFilterForm } from '../lib/occurrence-filter.ts';
import { formatInZone } from '../lib/zone-time.ts';
import { useOccurrences } from '../state/postmortem-queries.ts';
import { showOccurrence, usePostMortemUi } from '../state/postmortem-store.ts';
import { OccurrenceView } from './occurrence-view.tsx';
import { SafeText } from './safe-text.tsx';
import { SeverityBadge } from './severity-badge.tsx';
import './postmortem.css';

const SEVERITIES = ['critical', 'warning', 'info', 'none'];

function OccurrenceRow({ occurrence }: { occurrence: OccurrenceListItem }) {
  const duration = occurrence.resolvedAt === null ? 'still open' : formatDuration(occurrence.resolvedAt - occurrence.firstSeenAt);
  return (
    <li className="occurrence-row" data-testid="occurrence-row" data-occurrence-id={occurrence.occurrenceId}>
      <button type="button" className="occurrence-row__button" onClick={() => showOccurrence({ occurrenceId: occurrence.occurrenceId, incidentKey: occurrence.incidentKey })}>
        {occurrence.severity ? <SeverityBadge severity={occurrence.severity} /> : null}
        <SafeText value={occurrence.title} limit={200} className="occurrence-row__title" />
        <span className="muted">
          {formatInZone(occurrence.firstSeenAt)} · {duration}
          {occurrence.ackedBy ? (
            <>
              {' '}
              · acked by <SafeText value={occurrence.ackedBy} limit={80} />
            </>
          ) : null}
        </span>
        {occurrence.hasPostMortem ? (
          <span className="badge badge--other" data-testid="occurrence-has-postmortem">
            post-mortem
          </span>
        ) : null}
      </button>
    </li>
  );
}

function OccurrenceList() {
  const [form, setForm] = useState<OccurrenceFilterForm>({ alertname: '', severity: '', date: '' });
  const occurrences = useOccurrences(occurrenceFilterArgs(form));
  const list = occurrences.data?.occurrences ?? [];
  return (
    <section className="occurrence-history" aria-label="Past occurrences">
      <h2 className="section-title">Incident history</h2>
      <p className="muted">Every time an incident fired, most recent first, from the timeline Vigil journals. Open one to read its timeline and write its post-mortem.</p>
      <form className="occurrence-history__filters" role="search" onSubmit={(event) => event.preventDefault()}>
        <label>
          Alert name <input type="search" data-testid="history-filter-alertname" value={form.alertname} maxLength={256} onChange={(e) => setForm({ ...form, alertname: e.target.value })} />
        </label>
        <label>
          Severity{' '}
          <select data-testid="history-filter-severity" value={form.severity} onChange={(e) => setForm({ ...form, severity: e.target.value })}>
            <option value="">any</option>
            {SEVERITIES.map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        </label>
        <label>
          Day <input type="date" data-testid="history-filter-date" value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} />
        </label>
      </form>
      {occurrences.isError ? (
        <p className="error" role="alert">
          Could not load the history: <SafeText value={occurrences.error.message} limit={300} />
        </p>
      ) : null}
      <ol className="occurrence-history__list" data-testid="occurrence-list" data-loading={occurrences.isPending ? 'true' : 'false'}>
        {list.map((o) => (
          <OccurrenceRow key={o.occurrenceId} occurrence={o} />
        ))}
      </ol>
      {occurrences.isSuccess && list.length === 0 ? <p className="muted">No occurrence matches.</p> : null}
      {occurrences.data && occurrences.data.total > list.length ? <p className="muted">Showing {list.length} of {occurrences.data.total}: narrow the filter to see older ones.</p> : null}
    </section>
  );
}

/** The History panel: past occurrences, or the one open with its timeline and post-mortem. */
export function OccurrenceHistory() {
  const open = usePostMortemUi((state) => state.open);
  return open ? <OccurrenceView key={open.occurrenceId} occurrence={open} /> : <OccurrenceList />;
}
