import type { AppSnapshot, IncidentView } from '../shared/domain.ts';

// What the tray icon says at a glance, derived from the snapshot alone:
//   unacked - at least one alarm is ringing for me (needs my ack now)
//   firing  - incidents are firing, but each is acked or raises no alarm for me
//   ok      - nothing is firing (silenced-by-maintenance and resolved incidents do not count)
//   blind   - Vigil cannot see a source while I am on call: worse than any alarm it can see,
//             since alarms from that source would be missed
export type TrayIconState = 'ok' | 'firing' | 'unacked' | 'blind';

export const TRAY_ICON_STATES: readonly TrayIconState[] = ['ok', 'firing', 'unacked', 'blind'];

/** An alarm rings until the incident is acked, silenced or resolved; an ack in flight still rings. */
export function isRinging(incident: IncidentView): boolean {
  return incident.state === 'firing' && incident.alarm !== null;
}

export function isActive(incident: IncidentView): boolean {
  return incident.state === 'firing' || incident.state === 'acked';
}

export interface TrayCounts {
  ringing: number;
  active: number;
  acked: number;
}

export function trayCounts(snapshot: AppSnapshot): TrayCounts {
  let ringing = 0;
  let active = 0;
  let acked = 0;
  for (const incident of snapshot.incidents) {
    if (isRinging(incident)) ringing += 1;
    if (isActive(incident)) active += 1;
    if (incident.state === 'acked') acked += 1;
  }
  return { ringing, active, acked };
}

export function trayIconState(snapshot: AppSnapshot): TrayIconState {
  if (snapshot.incidents.some((i) => i.kind === 'blind' && i.state !== 'resolved')) return 'blind';
  const counts = trayCounts(snapshot);
  if (counts.ringing > 0) return 'unacked';
  if (counts.active > 0) return 'firing';
  return 'ok';
}
