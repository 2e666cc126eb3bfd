import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentGraph } from '../../shared/prometheus/prometheus-views.ts';
import { BROKEN_RULE_ERROR, BROKEN_RULE_NAME, withBrokenRule } from '../../test-fixtures/broken-rule.ts';
import { waitFor } from '../../test-fixtures/managed-process.ts';
import { startMetricsExporter, type MetricsExporter } from '../../test-fixtures/metrics-exporter.ts';
import { seedAlertRules } from '../../test-fixtures/seed-rules.ts';
import { startAlertmanager, type RunningAlertmanager } from '../../test-fixtures/start-alertmanager.ts';
import { startCore, type CoreHandle } from '../../test-fixtures/start-core.ts';
import { startPrometheus, type RunningPrometheus } from '../../test-fixtures/start-prometheus.ts';

// The source's Prometheus, polled by the real core, on real parts: a metrics fixture scraped by a
// real Prometheus evaluating the playbook's seed rules (for: shortened) plus a rule that cannot be
// evaluated, feeding a real Alertmanager. Vigil lists the pending alert with the time its `for:`
// still needs (and not another team's), never alarms for it, flags the broken rule, and draws the
// fired incident's graph from Prometheus's own query_range.

const FOR_SECONDS = 12;

let am: RunningAlertmanager;
let prometheus: RunningPrometheus;
let exporter: MetricsExporter;
let vigil: CoreHandle;

async function promApi<T>(path: string): Promise<T> {
  const body = (await (await fetch(`${prometheus.url}${path}`)).json()) as { data: T };
  return body.data;
}

beforeAll(async () => {
  [am, exporter] = await Promise.all([startAlertmanager(), startMetricsExporter()]);
  prometheus = await startPrometheus({
    alertmanagerUrl: am.url,
    rules: withBrokenRule(seedAlertRules({ forDuration: `${FOR_SECONDS}s`, rateWindow: '5s' })),
    scrapeTargets: exporter.scrapeTargets,
  });
  vigil = await startCore({
    config: {
      me: { id: 'alex.chen' },
      poll_interval: '500ms',
      sources: [
        {
          id: 'am',
          urls: [am.url],
          receiver: 'vigil-oncall',
          // Platform's and data-platform's alerts page me; ai-platform's (HighLLMLatency) do not.
          filter: ['team=~"platform|data-platform"'],
          timeout: '2s',
          prometheus: { url: prometheus.url, poll_interval: '500ms', timeout: '2s', queries: { WeaviateDown: 'up{job="weaviate"}' } },
        },
      ],
    },
  });
});

afterAll(async () => {
  await vigil?.stop();
  await Promise.all([prometheus?.stop(), am?.stop(), exporter?.stop()]);
});

describe("a source's Prometheus, polled by the core", () => {
  it('flags a rule whose last evaluation failed in the source health', async () => {
    const snap = await vigil.waitFor((s) => (s.sources[0]?.prometheus?.brokenRuleCount ?? 0) > 0, 'the broken rule to be flagged');
    const health = snap.sources[0]!.prometheus!;
    expect(health.state).toBe('ok');
    expect(health.url).toBe(prometheus.url);
    expect(health.ruleCount).toBe(4);
    expect(health.brokenRules).toEqual([expect.objectContaining({ name: BROKEN_RULE_NAME, group: 'vigil-broken', type: 'alerting', lastError: expect.stringMatching(BROKEN_RULE_ERROR) })]);
  });

  it('lists a pending alert with the time left until for: elapses, never alarming, only when it would page me', async () => {
    // First a healthy stretch on the graph's 4 s grid (the error rate at 0), so the graph below
    // has points under the threshold as well as above it.
    const healthy = encodeURIComponent('(sum by (instance) (rate(gremlinsai_api_errors_total[5s])) / sum by (instance) (rate(gremlinsai_api_requests_total[5s]))) * 100');
    await waitFor(
      async () => {
        const end = Math.floor(Date.now() / 4000) * 4;
        const { result } = await promApi<{ result: Array<{ values: Array<[number, string]> }> }>(`/api/v1/query_range?query=${healthy}&start=${end - 20}&end=${end}&step=4`);
        return result[0]?.values.some(([, v]) => v === '0');
      },
      'a 0 % error rate on the 4 s grid',
      20_000,
      250,
    );
    exporter.setErrorRate(0.5);
    exporter.setLlmLatencySeconds(15);
    // Both rules are pending in Prometheus itself...
    await waitFor(
      async () => {
        const { alerts } = await promApi<{ alerts: Array<{ labels: Record<string, string>; state: string }> }>('/api/v1/alerts');
        const pending = new Set(alerts.filter((a) => a.state === 'pending').map((a) => a.labels.alertname));
        return pending.has('HighApiErrorRate') && pending.has('HighLLMLatency');
      },
      'both rules pending in Prometheus',
      20_000,
      200,
    );
    // ...and Vigil lists the one that would page me, with its for: and the time it fires.
    const snap = await vigil.waitFor((s) => (s.aboutToFire ?? []).some((p) => p.alertname === 'HighApiErrorRate'), 'HighApiErrorRate about to fire', 10_000);
    const pending = snap.aboutToFire!.find((p) => p.alertname === 'HighApiErrorRate')!;
    expect(pending).toMatchObject({ sourceId: 'am', severity: 'critical', forMs: FOR_SECONDS * 1000, labels: expect.objectContaining({ team: 'platform', instance: exporter.target }) });
    expect(pending.firesAt! - pending.activeAt!).toBe(FOR_SECONDS * 1000);
    expect(pending.firesAt!).toBeGreaterThan(snap.generatedAt);
    expect(snap.aboutToFire!.some((p) => p.alertname === 'HighLLMLatency')).toBe(false);
    expect(snap.sources[0]!.prometheus!.pendingCount).toBe(snap.aboutToFire!.length);
    // Pending is a warning, not a page: no incident, no alarm, no notification.
    expect(snap.incidents.some((i) => i.alertname === 'HighApiErrorRate')).toBe(false);
    expect(vigil.notifications).toEqual([]);
  });

  it("draws the fired incident's graph from Prometheus's query_range: its expression, its window, its start", async () => {
    // For the next test: WeaviateDown starts its for: while this one waits for HighApiErrorRate.
    exporter.setWeaviateUp(false);
    const snap = await vigil.waitFor((s) => s.incidents.some((i) => i.alertname === 'HighApiErrorRate' && i.state === 'firing'), 'HighApiErrorRate to fire', 30_000);
    const incident = snap.incidents.find((i) => i.alertname === 'HighApiErrorRate')!;
    // Once it fires it is no longer "about to fire".
    await vigil.waitFor((s) => !(s.aboutToFire ?? []).some((p) => p.alertname === 'HighApiErrorRate'), 'HighApiErrorRate to leave the pending list', 5_000);

    const graph = await vigil.core.handlers.getIncidentGraph({ incidentKey: incident.key });
    if (graph.status !== 'ok') throw new Error(`graph not drawn: ${JSON.stringify(graph)}`);
    expect(graph.exprFrom).toBe('generatorURL');
    expect(graph.expr).toContain('gremlinsai_api_errors_total');
    // The rule's threshold is split off, so the line shows the error rate before it crossed 5 too.
    expect(graph.threshold).toEqual({ op: '>', value: 5 });
    expect(graph.expr).not.toMatch(/>\s*5\s*$/);
    expect(graph.startsAt).toBe(incident.startsAt);
    expect(graph.startsAt).toBeGreaterThanOrEqual(graph.startMs);
    expect(graph.startsAt).toBeLessThanOrEqual(graph.endMs);
    expect(graph.endMs - graph.startMs).toBeGreaterThanOrEqual(59 * 60_000);
    expect(graph.timestamps.length).toBeLessThanOrEqual(1000);
    expect(graph.series).toHaveLength(1);
    expect(graph.series[0]!.labels).toEqual({ instance: exporter.target });

    // The same numbers Prometheus answers to the same query_range.
    const direct = await promApi<{ result: Array<{ values: Array<[number, string]> }> }>(
      `/api/v1/query_range?query=${encodeURIComponent(graph.expr)}&start=${graph.startMs / 1000}&end=${graph.endMs / 1000}&step=${graph.stepMs / 1000}`,
    );
    // Points a few scrapes old are settled; the newest ones (the last one is "now") may differ a moment later.
    const settled = ([t]: Array<number | null>) => (t as number) <= graph.queriedAt - 3000;
    const expected = direct.result[0]!.values.map(([t, v]) => [t * 1000, Number(v)]).filter(settled);
    const drawn = graph.timestamps.map((t, i) => [t, graph.series[0]!.values[i]!]).filter(([, v]) => v !== null);
    expect(drawn.filter(settled)).toEqual(expected);
    expect(drawn.length).toBeGreaterThan(0);
    expect(Math.max(...drawn.map(([, v]) => v as number))).toBeGreaterThan(5);
    expect(Math.min(...drawn.map(([, v]) => v as number))).toBeLessThan(5);

    // Cached briefly: asked again at once, the core answers without a new query.
    const again = (await vigil.core.handlers.getIncidentGraph({ incidentKey: incident.key })) as Extract<IncidentGraph, { status: 'ok' }>;
    expect(again.queriedAt).toBe(graph.queriedAt);
  });

  it("uses the source's configured query for an alertname instead of the generatorURL's", async () => {
    const snap = await vigil.waitFor((s) => s.incidents.some((i) => i.alertname === 'WeaviateDown' && i.state === 'firing'), 'WeaviateDown to fire', 30_000);
    const incident = snap.incidents.find((i) => i.alertname === 'WeaviateDown')!;
    const graph = await vigil.core.handlers.getIncidentGraph({ incidentKey: incident.key });
    expect(graph).toMatchObject({ status: 'ok', exprFrom: 'config', expr: 'up{job="weaviate"}' });
    if (graph.status === 'ok') expect(graph.series[0]!.values.filter((v) => v !== null)).toContain(0);
  });

  it('says why there is no graph: an unknown incident, a Prometheus that refuses the query', async () => {
    expect(await vigil.core.handlers.getIncidentGraph({ incidentKey: 'no-such-incident' })).toMatchObject({ status: 'unavailable' });
    await prometheus.stop();
    const snap = await vigil.waitFor((s) => s.sources[0]?.prometheus?.state === 'unhealthy', 'the stopped Prometheus to show as unhealthy', 10_000);
    // The last known rule health is kept, never read as "all rules fine".
    expect(snap.sources[0]!.prometheus!.brokenRuleCount).toBe(1);
    // Refused once it is gone; a 503 while it shuts down.
    expect(snap.sources[0]!.prometheus!.error).toMatch(/ECONNREFUSED|failed|HTTP 503/);
  });
});
