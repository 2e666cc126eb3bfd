import { CHECKLIST_KEY_HELP } from '../lib/checklist-keys.ts';
import { KEY_HELP } from '../lib/key-commands.ts';
import { useUi, uiStore } from '../state/ui-store.ts';

export function HelpOverlay() {
  const open = useUi((state) => state.helpOpen);
  if (!open) return null;
  return (
    <div className="help-overlay" role="dialog" aria-modal="true" aria-label="Keyboard shortcuts" data-testid="keyboard-help">
      <div className="help-overlay__box">
        <h2 className="section-title">Keyboard shortcuts</h2>
        <dl>
          {[...KEY_HELP, ...CHECKLIST_KEY_HELP].map((entry) => (
            <div key={entry.keys} className="help-overlay__entry">
              <dt>
                <kbd>{entry.keys}</kbd>
              </dt>
              <dd>{entry.action}</dd>
            </div>
          ))}
        </dl>
        <button type="button" className="button" autoFocus onClick={() => uiStore.getState().setHelpOpen(false)}>
          Close
        </button>
      </div>
    </div>
  );
}
