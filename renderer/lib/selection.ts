import type { IncidentView } from '../../shared/domain.ts';
import { orderIncidents, ringingAlarms } from '../../shared/incidents/urgency.ts';

/** The incident the detail pane shows: the selected one, else the most urgent alarm, else the top of the list. */
export function detailIncident(incidents: readonly IncidentView[], selectedKey: string | null): IncidentView | null {
  if (selectedKey !== null) {
    const selected = incidents.find((incident) => incident.key === selectedKey);
    if (selected) return selected;
  }
  return ringingAlarms(incidents)[0] ?? orderIncidents(incidents)[0] ?? null;
}

/**
 * The incident the `a` key acknowledges: the selected incident if it fires unacknowledged (what
 * you are looking at is what you ack, even before your escalation step rings it for you),
 * otherwise the most urgent ringing alarm. Null when there is nothing to acknowledge.
 */
export function incidentInHand(incidents: readonly IncidentView[], selectedKey: string | null): IncidentView | null {
  const selected = selectedKey === null ? undefined : incidents.find((incident) => incident.key === selectedKey);
  if (selected && (selected.alarm || selected.state === 'firing')) return selected;
  return ringingAlarms(incidents)[0] ?? null;
}

/** j/k: move through the list; from no selection, j starts at the top and k at the bottom. Stops at the ends. */
export function moveSelection(orderedKeys: readonly string[], current: string | null, delta: 1 | -1): string | null {
  if (orderedKeys.length === 0) return null;
  const index = current === null ? -1 : orderedKeys.indexOf(current);
  if (index === -1) return delta === 1 ? (orderedKeys[0] ?? null) : (orderedKeys[orderedKeys.length - 1] ?? null);
  const next = Math.min(orderedKeys.length - 1, Math.max(0, index + delta));
  return orderedKeys[next] ?? null;
}
