import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sourceSchema } from '../shared/config-schema.ts';
import { createAlertmanagerClient } from '../core/alertmanager/am-client.ts';
import type { AlertmanagerApi } from '../core/ports.ts';
import { waitFor } from './managed-process.ts';
import { startMetricsExporter, type MetricsExporter } from './metrics-exporter.ts';
import { SEED_DASHBOARDS, SEED_RUNBOOKS, seedAlertRules } from './seed-rules.ts';
import { startAlertmanager, type RunningAlertmanager } from './start-alertmanager.ts';
import { startPrometheus, type RunningPrometheus } from './start-prometheus.ts';

// Smoke test of the whole fixture chain: exporter -> Prometheus (seed rules, for: 1s) ->
// Alertmanager -> Vigil's client. Bounded well under 40 s.

let am: RunningAlertmanager;
let prometheus: RunningPrometheus;
let exporter: MetricsExporter;
let api: AlertmanagerApi;

beforeAll(async () => {
  [am, exporter] = await Promise.all([startAlertmanager(), startMetricsExporter()]);
  prometheus = await startPrometheus({
    alertmanagerUrl: am.url,
    rules: seedAlertRules({ forDuration: '1s', rateWindow: '5s' }),
    scrapeTargets: exporter.scrapeTargets,
  });
  api = createAlertmanagerClient(sourceSchema.parse({ id: 'prom-smoke', urls: [am.url], receiver: 'vigil-oncall' }), {
    secrets: { get: async () => null, set: async () => undefined },
  });
});

afterAll(async () => {
  await Promise.all([prometheus?.stop(), am?.stop(), exporter?.stop()]);
});

describe('Prometheus fixture', () => {
  it('makes the seed rules fire into Alertmanager and resolve again', async () => {
    // Healthy first: nothing may fire.
    await waitFor(async () => (await fetch(`${prometheus.url}/api/v1/query?query=up`)).ok && (await api.fetchAlerts()).alerts.length === 0, 'a healthy start', 10_000);
    exporter.setErrorRate(0.5);
    exporter.setWeaviateUp(false);
    exporter.setLlmLatencySeconds(15);
    const fired = await waitFor(
      async () => {
        const { alerts } = await api.fetchAlerts();
        const names = new Set(alerts.map((a) => a.labels.alertname));
        return names.has('HighApiErrorRate') && names.has('WeaviateDown') && names.has('HighLLMLatency') ? alerts : null;
      },
      'the three seed alerts to fire',
      25_000,
      250,
    );
    const errorRate = fired.find((a) => a.labels.alertname === 'HighApiErrorRate')!;
    expect(errorRate.labels).toMatchObject({ severity: 'critical', service: 'gremlinsai-backend', team: 'platform', component: 'api', cluster: 'prod', instance: exporter.target });
    expect(errorRate.annotations.runbook_url).toBe(SEED_RUNBOOKS.HighApiErrorRate);
    expect(errorRate.annotations.dashboard_url).toBe(SEED_DASHBOARDS.HighApiErrorRate);
    expect(errorRate.annotations.description).toMatch(/API 5xx error rate is 50\.0%/);
    expect(errorRate.generatorURL).toContain('/graph?g0.expr=');
    const weaviate = fired.find((a) => a.labels.alertname === 'WeaviateDown')!;
    expect(weaviate.labels).toMatchObject({ service: 'weaviate', team: 'data-platform', component: 'vector-db', job: 'weaviate' });
    expect(fired.find((a) => a.labels.alertname === 'HighLLMLatency')!.labels).toMatchObject({ provider: 'ollama', team: 'ai-platform' });

    exporter.setWeaviateUp(true);
    await waitFor(async () => !(await api.fetchAlerts()).alerts.some((a) => a.labels.alertname === 'WeaviateDown'), 'WeaviateDown to resolve', 10_000, 250);
    expect((await api.fetchAlerts()).alerts.some((a) => a.labels.alertname === 'HighApiErrorRate')).toBe(true);
  });
});
