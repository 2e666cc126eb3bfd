import type { LabelSet } from '../domain.ts';
import { labelValue, matchesAll, parseMatchers, type LabelMatcher } from '../label-matchers.ts';
import { checkExternalLink } from '../link-allowlist.ts';
import { isPrometheusGraphUrl } from '../prometheus/graph-series.ts';

// An incident's dashboards, one click away: every `*_url` annotation, the alert's generatorURL
// ("Prometheus graph"), Grafana-managed alerts' panel (`__dashboardUid__` / `__panelId__`), and the
// `dashboards:` links of the config whose matchers fit the incident, with its labels and time window
// filled in. Labels and annotations are untrusted: read with Object.hasOwn, every value URL-encoded,
// every result an http(s) URL that the core's link allowlist checks again when it is opened.

export interface DashboardLink {
  /** Unique within the list (React key, test id). */
  id: string;
  label: string;
  url: string;
  kind: 'annotation' | 'generator' | 'grafana-panel' | 'configured';
}

/** One `dashboards.links` entry as the config gives it (the snapshot carries it to the renderer). */
export interface DashboardTemplateConfig {
  name: string;
  match: string[];
  url: string;
  /** How far before the incident's start `{{from}}` is. */
  before: number;
  /** How far after its end `{{to}}` is (while it fires, `{{to}}` is `now`). */
  after: number;
}

export interface DashboardsView {
  /** Grafana's base URL, for Grafana-managed alerts' panel links. */
  grafanaUrl: string | null;
  links: DashboardTemplateConfig[];
}

/** What of an incident the links need (IncidentView has it all). */
export interface DashboardIncident {
  groupLabels: LabelSet;
  alerts: ReadonlyArray<{ labels: LabelSet; annotations: LabelSet; generatorURL: string | null }>;
  startsAt: number;
  resolvedAt: number | null;
}

/** At most this many buttons: a hostile alert with 500 `*_url` annotations must not bury the page. */
export const MAX_DASHBOARD_LINKS = 12;
const MAX_LABEL = 60;
/** The runbook has its own place (the checklist / "Open runbook"); it is not a dashboard. */
const NOT_DASHBOARDS: ReadonlySet<string> = new Set(['runbook_url']);

// ---- URL templates ----

type Segment = { text: string } | { label: string } | { variable: 'from' | 'to' | 'starts_at' };

const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;
const VARIABLES: ReadonlySet<string> = new Set(['from', 'to', 'starts_at']);

/** Parse `https://grafana/d/x?var-instance={{labels.instance}}&from={{from}}&to={{to}}` into parts. */
export function parseUrlTemplate(template: string): { ok: true; segments: Segment[] } | { ok: false; error: string } {
  const segments: Segment[] = [];
  let last = 0;
  for (const match of template.matchAll(PLACEHOLDER)) {
    const name = match[1] ?? '';
    if (match.index > last) segments.push({ text: template.slice(last, match.index) });
    const label = /^labels\.([a-zA-Z_][a-zA-Z0-9_]*)$/.exec(name)?.[1];
    if (label !== undefined) segments.push({ label });
    else if (VARIABLES.has(name)) segments.push({ variable: name as 'from' | 'to' | 'starts_at' });
    else return { ok: false, error: `unknown placeholder {{${name}}}: use {{labels.NAME}}, {{from}}, {{to}} or {{starts_at}}` };
    last = match.index + match[0].length;
  }
  if (last < template.length) segments.push({ text: template.slice(last) });
  if (segments.some((s) => 'text' in s && /\{\{|\}\}/.test(s.text))) return { ok: false, error: 'unbalanced {{ }} in the URL template' };
  // The fixed parts must make an http(s) URL whatever values are filled in.
  const sample = segments.map((s) => ('text' in s ? s.text : 'x')).join('');
  const verdict = checkExternalLink(sample);
  if (!verdict.ok) return { ok: false, error: `not a usable URL: ${verdict.reason}` };
  if (!/^https?:$/.test(new URL(verdict.url).protocol)) return { ok: false, error: 'a dashboard URL must be http or https' };
  return { ok: true, segments };
}

interface CompiledTemplate {
  name: string;
  matchers: LabelMatcher[];
  segments: Segment[];
  before: number;
  after: number;
}

export interface CompiledDashboards {
  grafanaUrl: string | null;
  templates: CompiledTemplate[];
}

/** Compile the config's links (already validated by the config schema; an entry that fails anyway is skipped). */
export function compileDashboards(view: DashboardsView | null | undefined): CompiledDashboards {
  const templates: CompiledTemplate[] = [];
  for (const link of view?.links ?? []) {
    const parsed = parseUrlTemplate(link.url);
    const matchers = parseMatchers(link.match);
    if (parsed.ok && matchers.ok) templates.push({ name: link.name, matchers: matchers.matchers, segments: parsed.segments, before: link.before, after: link.after });
  }
  return { grafanaUrl: view?.grafanaUrl ?? null, templates };
}

// ---- links ----

/** The labels an incident stands for: its first alert's, with the grouping labels on top. */
function incidentLabels(incident: DashboardIncident): LabelSet {
  const merged = new Map<string, string>();
  for (const source of [incident.alerts[0]?.labels ?? {}, incident.groupLabels]) {
    for (const [name, value] of Object.entries(source)) if (typeof value === 'string') merged.set(name, value);
  }
  // Object.fromEntries defines own properties, so even a label named __proto__ stays a plain label.
  return Object.fromEntries(merged);
}

/** `grafana_url` → "Grafana", `kibana_logs_url` → "Kibana logs". */
function annotationLabel(name: string): string {
  const words = name.replace(/_url$/i, '').replace(/[_-]+/g, ' ').trim();
  const text = words.length === 0 ? 'Link' : words[0]!.toUpperCase() + words.slice(1);
  return text.length > MAX_LABEL ? `${text.slice(0, MAX_LABEL - 1)}…` : text;
}

/** An http(s) URL fit to show and open, or null. */
function webUrl(raw: string): string | null {
  const verdict = checkExternalLink(raw);
  if (!verdict.ok) return null;
  return /^https?:/.test(verdict.url) ? verdict.url : null;
}

function fillTemplate(template: CompiledTemplate, labels: LabelSet, incident: DashboardIncident): string | null {
  let url = '';
  for (const segment of template.segments) {
    if ('text' in segment) url += segment.text;
    else if ('label' in segment) {
      // A link that names a label the incident lacks would point at the wrong thing: not shown.
      if (!Object.hasOwn(labels, segment.label)) return null;
      url += encodeURIComponent(labelValue(labels, segment.label));
    } else if (segment.variable === 'from') url += encodeURIComponent(String(incident.startsAt - template.before));
    else if (segment.variable === 'starts_at') url += encodeURIComponent(String(incident.startsAt));
    else url += encodeURIComponent(incident.resolvedAt === null ? 'now' : String(incident.resolvedAt + template.after));
  }
  return webUrl(url);
}

/** Grafana's panel for a Grafana-managed alert: /d/<uid>?viewPanel=<id> around the incident. */
function grafanaPanelUrl(base: string, uid: string, panelId: string, incident: DashboardIncident): string | null {
  let url: URL;
  try {
    url = new URL(base);
  } catch {
    return null;
  }
  url.pathname = `${url.pathname.replace(/\/+$/, '')}/d/${encodeURIComponent(uid)}`;
  url.search = '';
  if (/^\d{1,12}$/.test(panelId)) url.searchParams.set('viewPanel', panelId);
  url.searchParams.set('from', String(incident.startsAt - 60 * 60_000));
  url.searchParams.set('to', incident.resolvedAt === null ? 'now' : String(incident.resolvedAt + 15 * 60_000));
  return webUrl(url.toString());
}

export interface DashboardLinksResult {
  links: DashboardLink[];
  /** Why an expected link is missing (e.g. a Grafana panel without a configured Grafana URL). */
  notes: string[];
}

export function dashboardLinks(incident: DashboardIncident, dashboards: CompiledDashboards): DashboardLinksResult {
  const links: DashboardLink[] = [];
  const notes: string[] = [];
  const seen = new Set<string>();
  const add = (kind: DashboardLink['kind'], label: string, url: string | null) => {
    if (url === null || seen.has(url) || links.length >= MAX_DASHBOARD_LINKS) return;
    seen.add(url);
    links.push({ id: `${kind}-${links.length}`, label, url, kind });
  };

  for (const alert of incident.alerts) {
    for (const [name, value] of Object.entries(alert.annotations)) {
      if (typeof value !== 'string' || !/_url$/i.test(name) || NOT_DASHBOARDS.has(name.toLowerCase())) continue;
      add('annotation', annotationLabel(name), webUrl(value));
    }
  }

  const first = incident.alerts[0];
  if (first) {
    const uid = labelValue(first.annotations, '__dashboardUid__');
    if (uid !== '') {
      if (dashboards.grafanaUrl === null) notes.push('This Grafana-managed alert names a dashboard panel: set dashboards.grafana_url to link it.');
      else add('grafana-panel', 'Grafana panel', grafanaPanelUrl(dashboards.grafanaUrl, uid, labelValue(first.annotations, '__panelId__'), incident));
    }
  }

  for (const alert of incident.alerts) {
    if (alert.generatorURL === null) continue;
    add('generator', isPrometheusGraphUrl(alert.generatorURL) ? 'Prometheus graph' : 'Alert source', webUrl(alert.generatorURL));
  }

  const labels = incidentLabels(incident);
  for (const template of dashboards.templates) {
    if (matchesAll(labels, template.matchers)) add('configured', template.name, fillTemplate(template, labels, incident));
  }
  return { links, notes };
}
