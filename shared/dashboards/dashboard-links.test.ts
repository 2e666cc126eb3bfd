import { describe, expect, it } from 'vitest';
import { dashboardsSchema } from '../config-schema.ts';
import { compileDashboards, dashboardLinks, MAX_DASHBOARD_LINKS, parseUrlTemplate, type DashboardIncident, type DashboardsView } from './dashboard-links.ts';

const STARTS = Date.UTC(2026, 0, 10, 12, 0, 0);
const PROM_URL = 'http://prometheus:9090/graph?g0.expr=up+%3D%3D+0&g0.tab=1';

function incident(overrides: Partial<DashboardIncident> = {}, labels: Record<string, string> = {}, annotations: Record<string, string> = {}): DashboardIncident {
  return {
    groupLabels: { alertname: 'HighApiErrorRate' },
    alerts: [{ labels: { alertname: 'HighApiErrorRate', instance: 'api-1:8000', service: 'gremlinsai-backend', ...labels }, annotations, generatorURL: PROM_URL }],
    startsAt: STARTS,
    resolvedAt: null,
    ...overrides,
  };
}

/** Config as the file gives it, through the real schema (durations, defaults). */
function view(raw: unknown): DashboardsView {
  const parsed = dashboardsSchema.parse(raw);
  return { grafanaUrl: parsed.grafana_url ?? null, links: parsed.links };
}

const API_LINK = {
  links: [{ name: 'API overview', match: ['service="gremlinsai-backend"'], url: 'https://grafana.example.com/d/api?var-instance={{labels.instance}}&from={{from}}&to={{to}}' }],
};

describe('dashboard links', () => {
  it('every *_url annotation and the generatorURL become buttons; the runbook is not a dashboard', () => {
    const { links } = dashboardLinks(
      incident({}, {}, { dashboard_url: 'https://grafana.company.com/d/gremlinsai/api-dashboard', grafana_url: 'https://g.example/d/x', kibana_logs_url: 'https://kibana.example/app', runbook_url: 'https://wiki/runbook', summary: 'x' }),
      compileDashboards(null),
    );
    expect(links.map((l) => [l.kind, l.label, l.url])).toEqual([
      ['annotation', 'Dashboard', 'https://grafana.company.com/d/gremlinsai/api-dashboard'],
      ['annotation', 'Grafana', 'https://g.example/d/x'],
      ['annotation', 'Kibana logs', 'https://kibana.example/app'],
      ['generator', 'Prometheus graph', PROM_URL],
    ]);
  });

  it('a generatorURL without an expression (e.g. Grafana) is "Alert source"; the same URL from many alerts is one button', () => {
    const alert = { labels: {}, annotations: { dashboard_url: 'https://g/d/1' }, generatorURL: 'https://grafana.example/alerting/grafana/abc/view' };
    const { links } = dashboardLinks(incident({ alerts: [alert, alert, alert] }), compileDashboards(null));
    expect(links.map((l) => l.label)).toEqual(['Dashboard', 'Alert source']);
  });

  it('fills a configured template with the labels and the time window, each value URL-encoded', () => {
    const firing = dashboardLinks(incident(), compileDashboards(view(API_LINK))).links.find((l) => l.kind === 'configured');
    expect(firing?.label).toBe('API overview');
    expect(firing?.url).toBe(`https://grafana.example.com/d/api?var-instance=api-1%3A8000&from=${STARTS - 3_600_000}&to=now`);
    const resolvedAt = STARTS + 600_000;
    const resolved = dashboardLinks(incident({ resolvedAt }), compileDashboards(view(API_LINK))).links.find((l) => l.kind === 'configured');
    expect(resolved?.url).toContain(`&to=${resolvedAt + 15 * 60_000}`);
  });

  it('offers a configured link only to incidents matching its matchers, and not when a named label is missing', () => {
    const compiled = compileDashboards(view(API_LINK));
    expect(dashboardLinks(incident({}, { service: 'weaviate' }), compiled).links.some((l) => l.kind === 'configured')).toBe(false);
    const noInstance = incident();
    delete (noInstance.alerts[0]!.labels as Record<string, string>).instance;
    expect(dashboardLinks(noInstance, compiled).links.some((l) => l.kind === 'configured')).toBe(false);
  });

  it('keeps hostile label values inside their parameter: no injected parameters, fragments, paths or schemes', () => {
    const hostile = ['x&from=0&to=1#frag', '../../admin?x=1', 'javascript:alert(1)', '"><script>alert(1)</script>', 'a b\u202ec', '%2F%2E%2E'];
    for (const value of hostile) {
      const link = dashboardLinks(incident({}, { instance: value }), compileDashboards(view(API_LINK))).links.find((l) => l.kind === 'configured');
      expect(link, value).toBeDefined();
      const url = new URL(link!.url);
      expect(url.origin).toBe('https://grafana.example.com');
      expect(url.pathname).toBe('/d/api');
      expect(url.hash).toBe('');
      expect([...url.searchParams.keys()]).toEqual(['var-instance', 'from', 'to']);
      expect(url.searchParams.get('var-instance')).toBe(value);
    }
  });

  it('reads labels and annotations as own properties only (__proto__, constructor, toString)', () => {
    const labels = JSON.parse('{"__proto__":"proto-value","constructor":"c","alertname":"X"}') as Record<string, string>;
    const annotations = JSON.parse('{"__proto___url":"https://evil.example/x","__proto__":"https://a/b"}') as Record<string, string>;
    const compiled = compileDashboards(
      view({ links: [{ name: 'By proto', match: ['__proto__="proto-value"'], url: 'https://g.example/d/x?p={{labels.__proto__}}&c={{labels.constructor}}' }, { name: 'ToString', match: [], url: 'https://g.example/d/y?t={{labels.toString}}' }] }),
    );
    const { links } = dashboardLinks({ groupLabels: {}, alerts: [{ labels, annotations, generatorURL: null }], startsAt: STARTS, resolvedAt: null }, compiled);
    expect(links.find((l) => l.label === 'By proto')?.url).toBe('https://g.example/d/x?p=proto-value&c=c');
    // toString is not an own label: the link that needs it is not offered (never "function toString()…").
    expect(links.some((l) => l.label === 'ToString')).toBe(false);
    expect(links.find((l) => l.kind === 'annotation')?.url).toBe('https://evil.example/x');
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it('drops annotation links that are not plain http(s): javascript:, data:, file:, credentials, control characters', () => {
    const annotations = {
      a_url: 'javascript:alert(1)',
      b_url: 'data:text/html,<script>alert(1)</script>',
      c_url: 'file:///etc/passwd',
      d_url: 'https://user:pw@grafana.example/d/1',
      e_url: 'https://grafana.example/\u202e/d',
      f_url: 'not a url',
      g_url: 'https://ok.example/d',
    };
    const { links } = dashboardLinks(incident({}, {}, annotations), compileDashboards(null));
    expect(links.filter((l) => l.kind === 'annotation').map((l) => l.url)).toEqual(['https://ok.example/d']);
  });

  it('caps the buttons and the label length (an alert with hundreds of *_url annotations)', () => {
    const many = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`${'x'.repeat(200)}${i}_url`, `https://d.example/${i}`]));
    const { links } = dashboardLinks(incident({}, {}, many), compileDashboards(null));
    expect(links).toHaveLength(MAX_DASHBOARD_LINKS);
    expect(Math.max(...links.map((l) => l.label.length))).toBeLessThanOrEqual(60);
  });

  it("links a Grafana-managed alert to its panel, given Grafana's URL; says what is missing otherwise", () => {
    const grafanaAlert = incident({}, {}, { __dashboardUid__: 'api-uid', __panelId__: '7' });
    const linked = dashboardLinks(grafanaAlert, compileDashboards(view({ grafana_url: 'https://grafana.example.com/grafana/' }))).links.find((l) => l.kind === 'grafana-panel');
    expect(linked?.url).toBe(`https://grafana.example.com/grafana/d/api-uid?viewPanel=7&from=${STARTS - 3_600_000}&to=now`);
    const unlinked = dashboardLinks(grafanaAlert, compileDashboards(null));
    expect(unlinked.links.some((l) => l.kind === 'grafana-panel')).toBe(false);
    expect(unlinked.notes.join(' ')).toMatch(/grafana_url/);
    // A hostile uid stays one path segment; a non-numeric panel id is left out.
    const hostile = dashboardLinks(incident({}, {}, { __dashboardUid__: '../../api/admin?x=1#', __panelId__: '7&orgId=2' }), compileDashboards(view({ grafana_url: 'https://grafana.example.com' }))).links.find((l) => l.kind === 'grafana-panel');
    const url = new URL(hostile!.url);
    expect(url.pathname).toBe('/d/..%2F..%2Fapi%2Fadmin%3Fx%3D1%23');
    expect(url.searchParams.has('viewPanel')).toBe(false);
  });

  it('templates are checked when the config loads', () => {
    expect(parseUrlTemplate('https://g/d?x={{labels.instance}}').ok).toBe(true);
    expect(parseUrlTemplate('https://g/d?x={{instance}}')).toEqual({ ok: false, error: expect.stringMatching(/unknown placeholder \{\{instance\}\}/) });
    expect(parseUrlTemplate('javascript:alert({{from}})')).toMatchObject({ ok: false });
    expect(parseUrlTemplate('{{labels.url}}')).toMatchObject({ ok: false });
    expect(parseUrlTemplate('https://g/d?x={{labels.a}')).toMatchObject({ ok: false });
    expect(dashboardsSchema.safeParse({ links: [{ name: 'x', match: ['team'], url: 'https://g/d' }] }).success).toBe(false);
    expect(dashboardsSchema.safeParse({ grafana_url: 'https://u:p@g.example' }).success).toBe(false);
  });
});
