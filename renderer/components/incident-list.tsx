import { useCallback, useEffect, useMemo, useRef } from 'react';
import { measureElement, useVirtualizer, type Virtualizer } from '@tanstack/react-virtual';
import type { IncidentView } from '../../shared/domain.ts';
import { orderIncidents } from '../../shared/incidents/urgency.ts';
import { useUi, uiStore } from '../state/ui-store.ts';
import { IncidentRow } from './incident-row.tsx';
import { countText } from '../../shared/count-text.ts';

// Virtualized: an alarm storm of thousands of incidents renders only the rows in view (plus a
// few either side), so the window stays responsive and every incident stays reachable.
const ROW_HEIGHT_ESTIMATE = 46;
const OVERSCAN = 8;

/**
 * A row's size without forcing a layout: when React attaches a row, the virtualizer's default reads
 * offsetHeight at once, which lays out the whole page again for every new row (21 times when the
 * window opens in a storm). Use the size already known (or the estimate) instead; the
 * ResizeObserver the virtualizer puts on every row reports the real size after the next layout,
 * before that frame is painted, all rows in one batch.
 */
function measureRow(element: HTMLLIElement, entry: ResizeObserverEntry | undefined, instance: Virtualizer<HTMLDivElement, HTMLLIElement>): number {
  if (entry) return measureElement(element, entry, instance);
  const index = instance.indexFromElement(element);
  return instance.itemSizeCache.get(instance.options.getItemKey(index)) ?? instance.options.estimateSize(index);
}

export function IncidentList({ incidents, shownKey }: { incidents: readonly IncidentView[]; shownKey: string | null }) {
  // No clock here: each row's age and countdown tick on their own (IncidentRow), so a tick
  // re-renders those texts, not the list and its rows.
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
    measureElement: measureRow,
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
        Incidents <span className="muted">({countText(incidents.length)})</span>
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
              return (
                <IncidentRow
                  key={incident.key}
                  incident={incident}
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
