import { lazy, Suspense } from 'react';
import type { AppSnapshot } from '../../shared/domain.ts';
import { detailIncident } from '../lib/selection.ts';
import { ringingAlarms } from '../../shared/incidents/urgency.ts';
import { useConnectionState } from '../state/use-connection-state.ts';
import { useKeyboardShortcuts } from '../state/use-keyboard-shortcuts.ts';
import { useDocumentTitle, useFirstPaint, useReadyMarker } from '../state/use-page-effects.ts';
import { useUi } from '../state/ui-store.ts';
import { AboutToFireList } from './about-to-fire-list.tsx';
import { AlarmStrip } from './alarm-strip.tsx';
import { AppHeader } from './app-header.tsx';
import { ConnectionBanner } from './connection-banner.tsx';
import { DemoBanner } from './demo-banner.tsx';
import { HelpOverlay } from './help-overlay.tsx';
import { IncidentDetail } from './incident-detail.tsx';
import { IncidentList } from './incident-list.tsx';
import { LoadBoundary } from './load-boundary.tsx';
import { PANEL_ID, PanelTabs, tabId } from './panel-tabs.tsx';
import { SourceHealthPanel } from './source-health-panel.tsx';
import { WarningBanner } from './warning-banner.tsx';

// The panels other than Incidents load on demand: the window opens on an alarm storm faster without
// their code (and the zod schemas the settings and history code bring with them).
const RosterPanel = lazy(() => import('./roster-panel.tsx').then((m) => ({ default: m.RosterPanel })));
const SettingsPanel = lazy(() => import('./settings-panel.tsx').then((m) => ({ default: m.SettingsPanel })));
const OccurrenceHistory = lazy(() => import('./occurrence-history.tsx').then((m) => ({ default: m.OccurrenceHistory })));

function IncidentsPanel({ snapshot, painted }: { snapshot: AppSnapshot; painted: boolean }) {
  const selectedKey = useUi((state) => state.selectedKey);
  const shown = detailIncident(snapshot.incidents, selectedKey);
  return (
    <div className="incidents-layout">
      <div className="incidents-layout__list">
        <IncidentList incidents={snapshot.incidents} shownKey={shown?.key ?? null} />
        <AboutToFireList pending={snapshot.aboutToFire ?? []} watching={snapshot.sources.some((s) => s.prometheus)} />
        <SourceHealthPanel sources={snapshot.sources} />
      </div>
      <div className="incidents-layout__detail">
        {/* keyed: switching incidents starts the detail (and its timeline query) fresh. Not in the
            window's first frame: in an alarm storm the strip and the list come first. */}
        {!painted ? null : shown ? <IncidentDetail key={shown.key} incident={shown} /> : <p className="empty">Select an incident to see its details.</p>}
      </div>
    </div>
  );
}

export function MainView({ snapshot }: { snapshot: AppSnapshot }) {
  const panel = useUi((state) => state.panel);
  const connection = useConnectionState();
  const ringing = ringingAlarms(snapshot.incidents).length;
  useKeyboardShortcuts();
  const painted = useFirstPaint();
  useReadyMarker(painted);
  useDocumentTitle(ringing > 0 ? `(${ringing}) Vigil` : 'Vigil');
  return (
    <div className="app" data-testid="main-view" data-panel={panel}>
      <AlarmStrip incidents={snapshot.incidents} />
      <AppHeader snapshot={snapshot} connection={connection} />
      {/* A labelled region, so the banners sit inside a landmark like everything else. */}
      <section className="app__notices" aria-label="Notices">
        {snapshot.demo ? <DemoBanner /> : null}
        <ConnectionBanner connection={connection} />
        <WarningBanner warnings={snapshot.warnings} />
      </section>
      <PanelTabs />
      {/* <main> keeps its landmark role; the tab panel lives inside it (a role on <main> would override it). */}
      <main className="app__main">
        <div role="tabpanel" id={PANEL_ID} aria-labelledby={tabId(panel)}>
          {panel === 'incidents' ? (
            <IncidentsPanel snapshot={snapshot} painted={painted} />
          ) : (
            // Keyed by panel: a panel that failed to load does not hide the next one.
            <LoadBoundary key={panel} what="This panel" reassurance="Alarms and incidents are not affected." testId="panel-failed">
              <Suspense fallback={<p className="muted">Loading…</p>}>
                {panel === 'roster' ? <RosterPanel snapshot={snapshot} /> : null}
                {panel === 'settings' ? <SettingsPanel /> : null}
                {panel === 'history' ? <OccurrenceHistory /> : null}
              </Suspense>
            </LoadBoundary>
          )}
        </div>
      </main>
      <HelpOverlay />
    </div>
  );
}
