import { ackDeadlineText, type DeadlineDurations } from '../shared/ack-deadline-text.ts';
import type { AppSnapshot, IncidentView, RosterView } from '../shared/domain.ts';
import { severityRank } from '../shared/incidents/severity.ts';
import { coarseDuration, sanitizeMenuLabel } from './menu-label.ts';
import { isRinging, trayCounts } from './tray-icon-state.ts';

// The tray menu as plain data, built from the snapshot and the current time only, so it is
// tested without Electron; tray-controller.ts turns it into a native Menu with click handlers.

export type TrayAction = { kind: 'ack'; incidentKey: string } | { kind: 'focus'; incidentKey: string } | { kind: 'show' } | { kind: 'quit' };

export type TrayMenuEntry =
  | { type: 'separator' }
  | { type: 'item'; label: string; enabled: boolean; action: TrayAction | null }
  | { type: 'submenu'; label: string; submenu: TrayMenuEntry[] };

/** More than this many ringing incidents and the menu gets taller than a laptop screen. */
export const MAX_LISTED_INCIDENTS = 10;

const info = (label: string): TrayMenuEntry => ({ type: 'item', label, enabled: false, action: null });
const separator: TrayMenuEntry = { type: 'separator' };

function headline(snapshot: AppSnapshot): string {
  const { ringing, active } = trayCounts(snapshot);
  const demo = snapshot.demo ? ' (demo data)' : '';
  if (ringing > 0) return `${ringing} unacknowledged · ${active} firing${demo}`;
  if (active > 0) return `${active} firing, all acknowledged${demo}`;
  return `All clear, nothing firing${demo}`;
}

/** The window's words for the one ack deadline, to the minute: a menu rebuilt every second would close on Linux. */
const MENU_DURATIONS: DeadlineDurations = { left: coarseDuration, over: coarseDuration };

function deadlineText(incident: IncidentView, nowMs: number): string {
  const alarm = incident.alarm;
  if (!alarm) return '';
  if (alarm.acking) return 'acknowledging…';
  return ackDeadlineText(alarm.ackDeadline, nowMs, MENU_DURATIONS);
}

function incidentLabel(incident: IncidentView, nowMs: number): string {
  const count = incident.alertCount > 1 ? ` ×${incident.alertCount}` : '';
  const severity = sanitizeMenuLabel(incident.severity.toUpperCase(), 12);
  return `${severity} · ${sanitizeMenuLabel(incident.title, 48)}${count} · ${deadlineText(incident, nowMs)}`;
}

function incidentEntry(incident: IncidentView, nowMs: number): TrayMenuEntry {
  const acking = incident.alarm?.acking === true;
  const submenu: TrayMenuEntry[] = [
    { type: 'item', label: acking ? 'Acknowledging…' : 'Acknowledge', enabled: !acking, action: { kind: 'ack', incidentKey: incident.key } },
    { type: 'item', label: 'Show details', enabled: true, action: { kind: 'focus', incidentKey: incident.key } },
  ];
  const ackError = incident.alarm?.ackError;
  if (ackError) submenu.push(info(`Last ack failed: ${sanitizeMenuLabel(ackError, 80)}`));
  return { type: 'submenu', label: incidentLabel(incident, nowMs), submenu };
}

/** Most urgent first: worst severity, then the nearest ack deadline. */
export function ringingIncidents(snapshot: AppSnapshot): IncidentView[] {
  return snapshot.incidents
    .filter(isRinging)
    .sort((a, b) => severityRank(a.severity) - severityRank(b.severity) || (a.alarm?.ackDeadline ?? 0) - (b.alarm?.ackDeadline ?? 0) || a.key.localeCompare(b.key));
}

function name(handle: string | null): string {
  return handle === null ? 'nobody' : sanitizeMenuLabel(handle, 32);
}

export function rosterLines(roster: RosterView | null, nowMs: number): string[] {
  if (!roster) return ['No rotation configured'];
  const lines = [roster.myRoles.length > 0 ? `On call now: ${sanitizeMenuLabel(roster.myRoles.join(', '), 48)}` : 'Not on call now'];
  const handoff = roster.nextHandoff;
  if (handoff) {
    const when = handoff.at > nowMs ? `in ${coarseDuration(handoff.at - nowMs)}` : 'now';
    lines.push(`Next handoff ${when}: ${sanitizeMenuLabel(handoff.role, 24)} ${name(handoff.from)} → ${name(handoff.to)}`);
  } else {
    lines.push('No handoff scheduled');
  }
  if (roster.warning) lines.push(`Rotation: ${sanitizeMenuLabel(roster.warning, 60)}`);
  return lines;
}

export function buildTrayMenuTemplate(snapshot: AppSnapshot, nowMs: number): TrayMenuEntry[] {
  const entries: TrayMenuEntry[] = [info(headline(snapshot))];
  const ringing = ringingIncidents(snapshot);
  if (ringing.length > 0) {
    entries.push(separator);
    for (const incident of ringing.slice(0, MAX_LISTED_INCIDENTS)) entries.push(incidentEntry(incident, nowMs));
    const hidden = ringing.length - MAX_LISTED_INCIDENTS;
    if (hidden > 0) entries.push({ type: 'item', label: `+${hidden} more unacknowledged…`, enabled: true, action: { kind: 'show' } });
  }
  entries.push(separator, ...rosterLines(snapshot.roster, nowMs).map(info));
  if (snapshot.warnings.length > 0) {
    const count = snapshot.warnings.length;
    entries.push({ type: 'item', label: `⚠ ${count} warning${count === 1 ? '' : 's'}: ${sanitizeMenuLabel(snapshot.warnings[0] ?? '', 48)}`, enabled: true, action: { kind: 'show' } });
  }
  entries.push(separator, { type: 'item', label: 'Show Vigil', enabled: true, action: { kind: 'show' } }, { type: 'item', label: 'Quit Vigil', enabled: true, action: { kind: 'quit' } });
  return entries;
}

export function trayTooltip(snapshot: AppSnapshot): string {
  const onCall = snapshot.roster && snapshot.roster.myRoles.length > 0 ? ' · you are on call' : '';
  return `Vigil: ${headline(snapshot)}${onCall}`;
}
