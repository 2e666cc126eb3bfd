import { describe, expect, it } from 'vitest';
import { prometheusTargets } from '../../shared/prometheus/prometheus-targets.ts';
import type { ConfigError } from './config-error.ts';
import { applySettingsOverlay } from './load-config.ts';
import { parseVigilConfigText } from './parse-config-text.ts';

// The `prometheus:` section of a source and the top-level `dashboards:` section (issue 8), and the
// old top-level `prometheus: { url }` still loading, with a warning saying where it went.

const SOURCE = `me: { id: alex }
sources:
  - id: prod
    urls: [https://am.example.com]
    filter: ['team="platform"']
    prometheus:
      url: https://prometheus.example.com/prom
      auth: { bearer: { env: VIGIL_PROM_TOKEN } }
      headers: { X-Scope-OrgID: platform }
      ca_file: certs/prom-ca.pem
      poll_interval: 15s
      queries:
        HighApiErrorRate: 'sum(rate(gremlinsai_api_errors_total[5m])) by (instance)'
dashboards:
  grafana_url: https://grafana.example.com
  links:
    - name: API overview
      match: ['service="gremlinsai-backend"']
      url: 'https://grafana.example.com/d/api?var-instance={{labels.instance}}&from={{from}}&to={{to}}'
      before: 30m
`;

function problems(text: string): string[] {
  try {
    parseVigilConfigText(text, 'vigil.yaml');
    return [];
  } catch (error) {
    return (error as ConfigError).issues.map((i) => `${i.line}: ${i.path}: ${i.message}`);
  }
}

describe('prometheus: per source, dashboards: at the top', () => {
  it('loads a source with its Prometheus and the dashboards section, paths relative to the config', () => {
    const config = parseVigilConfigText(SOURCE, '/etc/vigil/vigil.yaml', { baseDir: '/etc/vigil' });
    const prometheus = config.sources[0]!.prometheus!;
    expect(prometheus).toMatchObject({ url: 'https://prometheus.example.com/prom', poll_interval: 15_000, timeout: 10_000, ca_file: '/etc/vigil/certs/prom-ca.pem' });
    expect(prometheus.queries.HighApiErrorRate).toContain('gremlinsai_api_errors_total');
    expect(config.dashboards?.links[0]).toMatchObject({ name: 'API overview', before: 30 * 60_000, after: 15 * 60_000 });
    expect(prometheusTargets(config)).toEqual({ targets: [{ sourceId: 'prod', sourceName: 'prod', prometheus, filter: ['team="platform"'] }], warnings: [] });
  });

  it('refuses, with the line, credentials in plain text or over plain http, unknown fields and bad templates', () => {
    expect(problems(SOURCE.replace('https://prometheus.example.com/prom', 'http://prometheus.example.com'))).toEqual([expect.stringMatching(/^7: sources\.0\.prometheus\.url: credentials are never sent over plain http/)]);
    expect(problems(SOURCE.replace('X-Scope-OrgID: platform', 'Authorization: Bearer abc'))).toEqual([expect.stringMatching(/sources\.0\.prometheus\.headers\.Authorization: header Authorization carries a credential/)]);
    expect(problems(SOURCE.replace('poll_interval: 15s', 'pol_interval: 15s'))).toEqual([expect.stringMatching(/^11: sources\.0\.prometheus\.pol_interval: unknown field/)]);
    expect(problems(SOURCE.replace('{{labels.instance}}', '{{instance}}'))).toEqual([expect.stringMatching(/dashboards\.links\.0\.url: unknown placeholder/)]);
    expect(problems(SOURCE.replace(`match: ['service="gremlinsai-backend"']`, `match: ['service']`))).toEqual([expect.stringMatching(/dashboards\.links\.0\.match: "service" is not a matcher/)]);
  });

  it('still loads the old top-level prometheus: { url }: the only source gets it, with a warning to move it', () => {
    const config = parseVigilConfigText(`me: { id: alex }\nsources: [{ id: prod, urls: ['https://am.example.com'] }]\nprometheus: { url: 'https://prom.example.com' }\n`, 'old.yaml');
    const { targets, warnings } = prometheusTargets(config);
    expect(targets).toEqual([expect.objectContaining({ sourceId: 'prod', prometheus: expect.objectContaining({ url: 'https://prom.example.com', poll_interval: 30_000 }) })]);
    expect(warnings).toEqual([expect.stringMatching(/deprecated: it is used as the Prometheus of source "prod".*sources\[\]\.prometheus/)]);
  });

  it('ignores the old top-level prometheus (saying so) when it cannot tell whose it is', () => {
    const two = parseVigilConfigText(`me: { id: alex }\nsources: [{ id: a, urls: ['https://a.example.com'] }, { id: b, urls: ['https://b.example.com'] }]\nprometheus: { url: 'https://prom.example.com' }\n`, 'old.yaml');
    expect(prometheusTargets(two)).toEqual({ targets: [], warnings: [expect.stringMatching(/deprecated and ignored here: it cannot tell which of the 2 sources/)] });
    const own = parseVigilConfigText(`${SOURCE}prometheus: { url: 'https://other.example.com' }\n`, 'old.yaml');
    const result = prometheusTargets(own);
    expect(result.targets.map((t) => t.prometheus.url)).toEqual(['https://prometheus.example.com/prom']);
    expect(result.warnings).toEqual([expect.stringMatching(/ignored here: source "prod" names its own/)]);
  });

  it('keeps the file\'s prometheus: when the source is saved from the app (Settings cannot carry it)', () => {
    const config = parseVigilConfigText(SOURCE, '/etc/vigil/vigil.yaml', { baseDir: '/etc/vigil' });
    const merged = applySettingsOverlay(config, { sources: [{ id: 'prod', urls: ['https://am.example.com'], filter: [] }] }, '/etc/vigil');
    expect(merged.sources[0]!.prometheus).toEqual(config.sources[0]!.prometheus);
  });
});
