import { hashForPanel, type Panel } from '../lib/hash-route.ts';
import { useUi, uiStore } from '../state/ui-store.ts';

const LABELS: Record<Panel, string> = { incidents: 'Incidents', roster: 'Rotation', settings: 'Settings', history: 'History' };

function choose(panel: Panel): void {
  uiStore.getState().setPanel(panel);
  // Keep the address deep-linkable (#/roster) without adding history entries per click.
  window.history.replaceState(window.history.state, '', `${window.location.pathname}${window.location.search}${hashForPanel(panel)}`);
}

export function PanelTabs() {
  const current = useUi((state) => state.panel);
  return (
    <nav className="panel-tabs" role="tablist" aria-label="Views">
      {(Object.keys(LABELS) as Panel[]).map((panel) => (
        <button
          key={panel}
          type="button"
          role="tab"
          aria-selected={panel === current}
          className={`panel-tabs__tab${panel === current ? ' panel-tabs__tab--current' : ''}`}
          data-testid={`tab-${panel}`}
          onClick={() => choose(panel)}
        >
          {LABELS[panel]}
        </button>
      ))}
      <button type="button" className="panel-tabs__help" aria-label="Keyboard shortcuts" data-testid="help-button" onClick={() => uiStore.getState().toggleHelp()}>
        ?
      </button>
    </nav>
  );
}
