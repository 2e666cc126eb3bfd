import { useCallback, useEffect, useRef } from 'react';
import type { IncidentView } from '../../shared/domain.ts';
import { formatAge } from '../lib/time-text.ts';
import { orderIncidents } from '../lib/urgency.ts';
import { useUi, uiStore } from '../state/ui-store.ts';
import { useNow } from '../state/use-now.ts';
import { IncidentRow } from './incident-row.tsx';

// Enough for any real incident storm; beyond it the page would only get slow, not more useful.
const MAX_ROWS = 500;

export function IncidentList({ incidents, shownKey }: { incidents: readonly IncidentView[]; shownKey: string | null }) {
  const now = useNow();
  const ordered = orderIncidents(incidents);
  const focusRequest = useUi((state) => state.focusRequest);
  const listRef = useRef<HTMLUListElement>(null);
  const onSelect = useCallback((key: string) => uiStore.getState().select(key), []);

  // Move DOM focus to a row the keyboard or a notification selected, once that row is rendered
  // (a notification can name an incident the next snapshot brings).
  useEffect(() => {
    if (focusRequest === null) return;
    const row = listRef.current?.querySelector<HTMLElement>(`[data-incident-key="${CSS.escape(focusRequest)}"] button`);
    if (!row) return;
    row.focus();
    row.scrollIntoView({ block: 'nearest' });
    uiStore.getState().clearFocusRequest();
  }, [focusRequest, incidents]);

  return (
    <section className="incident-list-section" aria-label="Incidents">
      <h2 className="section-title">
        Incidents <span className="muted">({incidents.length})</span>
      </h2>
      <ul className="incident-list" data-testid="incident-list" ref={listRef}>
        {ordered.slice(0, MAX_ROWS).map((incident) => (
          <IncidentRow
            key={incident.key}
            incident={incident}
            ageText={formatAge(now - incident.startsAt)}
            selected={incident.key === shownKey}
            onSelect={onSelect}
          />
        ))}
      </ul>
      {incidents.length === 0 ? (
        <p className="empty" data-testid="incident-list-empty">
          No incidents — all quiet.
        </p>
      ) : null}
      {ordered.length > MAX_ROWS ? <p className="muted">Showing the {MAX_ROWS} most urgent of {ordered.length} incidents.</p> : null}
    </section>
  );
}
