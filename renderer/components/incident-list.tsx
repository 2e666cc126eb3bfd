import { useCallback, useEffect, useMemo, useRef } from 'react';
import { useVirtualizer } from '@tanstack/react-virtual';
import { ackDeadlineText } from '../../shared/ack-deadline-text.ts';
import type { IncidentView } from '../../shared/domain.ts';
import { formatAge } from '../lib/time-text.ts';
import { orderIncidents } from '../lib/urgency.ts';
import { useUi, uiStore } from '../state/ui-store.ts';
import { useNow } from '../state/use-now.ts';
import { IncidentRow } from './incident-row.tsx';

// Virtualized: an alarm storm of thousands of incidents renders only the rows in view (plus a
// few either side), so the window stays responsive and every incident stays reachable.
const ROW_HEIGHT_ESTIMATE = 46;
const OVERSCAN = 8;

export function IncidentList({ incidents, shownKey }: { incidents: readonly IncidentView[]; shownKey: string | null }) {
  const now = useNow();
  const ordered = useMemo(() => orderIncidents(incidents), [incidents]);
  const focusRequest = useUi((state) => state.focusRequest);
  const scrollerRef = useRef<HTMLDivElement>(null);
  const onSelect = useCallback((key: string) => uiStore.getState().select(key), []);
  // No React Compiler here: rows are memoised by hand (IncidentRow) on plain values.
  // eslint-disable-next-line react-hooks/incompatible-library
  const virtualizer = useVirtualizer({
    count: ordered.length,
    getScrollElement: () => scrollerRef.current,
    estimateSize: () => ROW_HEIGHT_ESTIMATE,
    getItemKey: (index) => ordered[index]?.key ?? index,
    overscan: OVERSCAN,
    // React 19 warns about flushSync during render; a plain state update is smooth enough here.
    useFlushSync: false,
    // Row offsets and the list's height are written through the CSSOM (allowed by the CSP's
    // style-src 'self', unlike style attributes), and scrolling re-renders only when the range changes.
    directDomUpdates: true,
  });

  // Move DOM focus to a row the keyboard or a notification selected. The row may not be rendered
  // (virtualized) or not there yet (a notification can name an incident the next snapshot brings):
  // scroll it into the rendered window first; the re-render that follows runs this again.
  useEffect(() => {
    if (focusRequest === null) return;
    const index = ordered.findIndex((incident) => incident.key === focusRequest);
    if (index === -1) return;
    const button = scrollerRef.current?.querySelector<HTMLElement>(`[data-incident-key="${CSS.escape(focusRequest)}"] button`);
    virtualizer.scrollToIndex(index, { align: 'auto' });
    if (!button) return;
    button.focus({ preventScroll: true });
    uiStore.getState().clearFocusRequest();
  });

  return (
    <section className="incident-list-section" aria-label="Incidents">
      <h2 className="section-title" data-testid="incident-list-heading">
        Incidents <span className="muted">({incidents.length.toLocaleString('en-US')})</span>
      </h2>
      {incidents.length === 0 ? (
        <p className="empty" data-testid="incident-list-empty">
          No incidents — all quiet.
        </p>
      ) : (
        <div className="incident-list__scroller" ref={scrollerRef} data-testid="incident-list-scroller">
          <ul className="incident-list" data-testid="incident-list" data-count={ordered.length} ref={virtualizer.containerRef}>
            {virtualizer.getVirtualItems().map((item) => {
              const incident = ordered[item.index]!;
              const alarm = incident.alarm;
              return (
                <IncidentRow
                  key={incident.key}
                  incident={incident}
                  ageText={formatAge(now - incident.startsAt)}
                  deadlineText={alarm ? ackDeadlineText(alarm.ackDeadline, now) : null}
                  overdue={alarm !== null && alarm.ackDeadline < now}
                  selected={incident.key === shownKey}
                  onSelect={onSelect}
                  index={item.index}
                  setSize={ordered.length}
                  measureRef={virtualizer.measureElement}
                />
              );
            })}
          </ul>
        </div>
      )}
    </section>
  );
}
