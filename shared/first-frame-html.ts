import { displayText } from './display-text.ts';
import type { AppSnapshot, IncidentView } from './domain.ts';
import { alertCountText } from './incidents/alert-count-text.ts';
import { alarmLevelTone, orderIncidents, ringingAlarms, severityTone } from './incidents/urgency.ts';
import { countText } from './count-text.ts';

// The window's first frame, built where the page is served (the host's HTTP server, Electron's
// vigil:// handler) from the snapshot of that moment and put into index.html's #root: the alarm
// strip and the top of the incident list are painted as soon as the HTML is parsed, before the
// app's script has loaded (on this machine a cold window shows them ~0.5 s sooner). It is a
// picture, not the app: nothing in it can be clicked, and React replaces it with the live view once
// the app has its first snapshot (renderer/main.tsx). Same classes as the app's components, so the
// swap does not move anything the eye is on.
//
// Every text in it comes from alerts (titles, severities) and is untrusted: escaped for HTML text
// and attribute values here, and shown through displayText (bounded, controls made visible) like
// the app's SafeText. No attribute value is built from untrusted text except through escapeHtml.

/** Rows in the first frame: more than a tall window shows at once; the app's list virtualizes the rest. */
export const FIRST_FRAME_ROWS = 40;

/**
 * The alarm window loads index.html with this query (and #/alarm): it shows one alarm, not the
 * list, so its page comes without a first frame.
 */
export const ALARM_WINDOW_QUERY = 'window=alarm';

/** Whether a request gets the first frame: the main window's page (index.html), not the alarm window's (see ALARM_WINDOW_QUERY). */
export function wantsFirstFrame(path: string, query: URLSearchParams): boolean {
  return (path === '/' || path === '/index.html') && query.get('window') !== 'alarm';
}

/** Where index.html's #root starts and ends (the loading screen between them is replaced). */
const ROOT_OPEN = '<div id="root">';
const ROOT_CLOSE = '</div>';

/** Text made safe for an HTML text node or a double-quoted attribute value. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);
}

/** Untrusted text as the app's SafeText shows it (bounded, controls visible), escaped for HTML. */
function shown(value: string, limit: number): string {
  return escapeHtml(displayText(value, limit).text);
}

function badge(severity: string): string {
  return `<span class="badge badge--${severityTone(severity)}">${shown(severity, 32)}</span>`;
}

function alarmStrip(incidents: readonly IncidentView[]): string {
  const ringing = ringingAlarms(incidents);
  const top = ringing[0];
  if (!top?.alarm) return '';
  const more = ringing.length - 1;
  const rest = more > 0 ? `<div class="alarm-strip__rest"><span class="alarm-strip__more" data-testid="first-frame-strip-more">and ${countText(more)} more ringing</span></div>` : '';
  return (
    `<section class="alarm-strip" data-testid="first-frame-strip" aria-label="Ringing alarms">` +
    `<section class="alarm-banner alarm-banner--${severityTone(top.alarm.severity)} alarm-banner--level-${alarmLevelTone(top.alarm.level)}">` +
    `<div class="alarm-banner__what">${badge(top.alarm.severity)}<span class="alarm-banner__title" data-testid="first-frame-alarm-title">${shown(top.title, 200)}</span></div>` +
    `</section>${rest}</section>`
  );
}

function incidentRow(incident: IncidentView): string {
  const ringing = incident.alarm !== null;
  return (
    `<li class="incident-row incident-row--${escapeHtml(incident.state)}${ringing ? ' incident-row--ringing' : ''}" data-testid="first-frame-row">` +
    `<span class="incident-row__button">${badge(incident.severity)}` +
    `<span class="incident-row__title" data-testid="first-frame-title">${shown(incident.title, 200)}</span>` +
    `<span class="incident-row__count" data-testid="first-frame-count">${alertCountText(incident.alertCount)}</span>` +
    `<span class="state state--${escapeHtml(incident.state)}">${ringing ? 'ringing' : escapeHtml(incident.state)}</span>` +
    `</span></li>`
  );
}

/** The first frame for `snapshot`: the alarm strip and the first rows of the incident list, in the app's order. */
export function firstFrameHtml(snapshot: Pick<AppSnapshot, 'incidents'>): string {
  const { incidents } = snapshot;
  const list =
    incidents.length === 0
      ? '<p class="empty">No incidents — all quiet.</p>'
      : `<div class="incident-list__scroller"><ul class="incident-list">${orderIncidents(incidents).slice(0, FIRST_FRAME_ROWS).map(incidentRow).join('')}</ul></div>`;
  return (
    `<div class="app first-frame" data-testid="first-frame" aria-busy="true">${alarmStrip(incidents)}` +
    `<main class="app__main"><div class="incidents-layout"><div class="incidents-layout__list">` +
    `<section class="incident-list-section" aria-label="Incidents"><h2 class="section-title">Incidents <span class="muted">(${countText(incidents.length)})</span></h2>${list}</section>` +
    `</div></div></main></div>`
  );
}

/**
 * The page as served with its first frame; the plain page if the frame cannot be built (the
 * window must open regardless; `onError` is told why).
 */
export function pageWithFirstFrame(indexHtml: Uint8Array, frame: () => string, onError: (error: unknown) => void): Uint8Array | string {
  try {
    return withFirstFrame(new TextDecoder().decode(indexHtml), frame());
  } catch (error) {
    onError(error);
    return indexHtml;
  }
}

/**
 * index.html with `frame` in place of what its #root holds (the static loading screen). The HTML is
 * our own build's, so a document without exactly one #root is a build bug: it is served as it is.
 */
export function withFirstFrame(indexHtml: string, frame: string): string {
  const open = indexHtml.indexOf(ROOT_OPEN);
  if (open === -1 || indexHtml.indexOf(ROOT_OPEN, open + 1) !== -1) return indexHtml;
  const start = open + ROOT_OPEN.length;
  const end = indexHtml.indexOf(ROOT_CLOSE, start);
  if (end === -1) return indexHtml;
  return indexHtml.slice(0, start) + frame + indexHtml.slice(end);
}
