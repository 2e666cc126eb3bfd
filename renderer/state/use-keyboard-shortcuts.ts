import { useEffect } from 'react';
import { useQueryClient } from '@tanstack/react-query';
import type { AppSnapshot } from '../../shared/domain.ts';
import { keyCommand } from '../lib/key-commands.ts';
import { detailIncident, incidentInHand, moveSelection } from '../lib/selection.ts';
import { orderIncidents } from '../../shared/incidents/urgency.ts';
import { useAck } from './ack-mutation.ts';
import { snapshotQueryKey } from './snapshot-query.ts';
import { uiStore } from './ui-store.ts';

/**
 * a / j / k / ? / Esc. State is read when the key is pressed (not captured at render), so a
 * key press always acts on the snapshot on screen at that moment.
 */
/**
 * Where the key was typed. An editor inside a shadow root (the post-mortem's CodeMirror) is seen
 * from the document as its shadow host, so the innermost element of the event's path is used.
 */
function typingTargetOf(event: KeyboardEvent): HTMLElement | null {
  const inner = event.composedPath()[0];
  if (inner instanceof HTMLElement) return inner;
  return event.target instanceof HTMLElement ? event.target : null;
}

export function useKeyboardShortcuts(): void {
  const queryClient = useQueryClient();
  const { mutate: ack } = useAck();

  useEffect(() => {
    function onKeyDown(event: KeyboardEvent): void {
      const command = keyCommand({
        key: event.key,
        ctrlKey: event.ctrlKey,
        metaKey: event.metaKey,
        altKey: event.altKey,
        repeat: event.repeat,
        target: typingTargetOf(event),
      });
      if (!command) return;
      const snapshot = queryClient.getQueryData<AppSnapshot>(snapshotQueryKey);
      const ui = uiStore.getState();
      if (command === 'help') {
        ui.toggleHelp();
      } else if (command === 'close') {
        if (!ui.helpOpen) return;
        ui.setHelpOpen(false);
      } else if (!snapshot) {
        return;
      } else if (command === 'ack') {
        const target = incidentInHand(snapshot.incidents, ui.selectedKey);
        if (!target || target.alarm?.acking) return;
        ack({ incidentKey: target.key, via: 'keyboard' });
      } else {
        const keys = orderIncidents(snapshot.incidents).map((incident) => incident.key);
        const current = detailIncident(snapshot.incidents, ui.selectedKey)?.key ?? null;
        const next = moveSelection(keys, current, command === 'next' ? 1 : -1);
        if (next === null) return;
        if (ui.panel !== 'incidents') ui.setPanel('incidents');
        ui.select(next, { fromKeyboard: true });
      }
      event.preventDefault();
    }
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [queryClient, ack]);
}
