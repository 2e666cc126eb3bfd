import { hashForPanel, type Panel } from '../lib/hash-route.ts';
import { useUi, uiStore } from '../state/ui-store.ts';

const LABELS: Record<Panel, string> = { incidents: 'Incidents', roster: 'Rotation', settings: 'Settings', history: 'History' };

function choose(panel: Panel): void {
  uiStore.getState().setPanel(panel);
  // Keep the address deep-linkable (#/roster) without adding history entries per click.
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hashForPanel(panel)}`);
}

/** The one tab panel (in main-view) the tabs control. */
export const PANEL_ID = 'vigil-panel';

export function tabId(panel: Panel): string {
  return `panel-tab-${panel}`;
}

export function PanelTabs() {
  const current = useUi((state) => state.panel);
  return (
    // The navigation landmark holds the tablist (only tabs may be its children) and, beside it, the help button.
    <nav className="panel-tabs" aria-label="Views">
      <div className="panel-tabs__list" role="tablist" aria-label="Views">
        {(Object.keys(LABELS) as Panel[]).map((panel) => (
          <button
            key={panel}
            type="button"
            role="tab"
            id={tabId(panel)}
            aria-selected={panel === current}
            aria-controls={panel === current ? PANEL_ID : undefined}
            className={`panel-tabs__tab${panel === current ? ' panel-tabs__tab--current' : ''}`}
            data-testid={`tab-${panel}`}
            onClick={() => choose(panel)}
          >
            {LABELS[panel]}
          </button>
        ))}
      </div>
      <button type="button" className="panel-tabs__help" aria-label="Keyboard shortcuts" data-testid="help-button" onClick={() => uiStore.getState().toggleHelp()}>
        ?
      </button>
    </nav>
  );
}
