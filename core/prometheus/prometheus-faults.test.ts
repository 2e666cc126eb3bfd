import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BROKEN_RULE_NAME, withBrokenRule } from '../../test-fixtures/broken-rule.ts';
import { startFaultProxy, type FaultProxy } from '../../test-fixtures/fault-proxy.ts';
import { pushAlerts } from '../../test-fixtures/push-alerts.ts';
import { seedAlertRules } from '../../test-fixtures/seed-rules.ts';
import { startAlertmanager, type RunningAlertmanager } from '../../test-fixtures/start-alertmanager.ts';
import { startCore, type CoreHandle } from '../../test-fixtures/start-core.ts';
import { startPrometheus, type RunningPrometheus } from '../../test-fixtures/start-prometheus.ts';

// A real Prometheus behind the fault proxy: Vigil sends the source's credentials to it like to the
// Alertmanager, a truncated or failed rules answer marks it unhealthy while the last known rule
// health stays, and a query Prometheus refuses is said with Prometheus's own reason, never drawn
// as an empty graph. Alerts are pushed into a real Alertmanager as Prometheus would send them.

const TOKEN = 'prom-token-for-tests';

let am: RunningAlertmanager;
let prometheus: RunningPrometheus;
let proxy: FaultProxy;
let vigil: CoreHandle;

beforeAll(async () => {
  // Secret refs are read from the environment at each request, as for Alertmanager sources.
  process.env.VIGIL_PROM_TOKEN = TOKEN;
  am = await startAlertmanager();
  prometheus = await startPrometheus({ alertmanagerUrl: am.url, rules: withBrokenRule(seedAlertRules()) });
  proxy = await startFaultProxy(prometheus.url);
  vigil = await startCore({
    config: {
      me: { id: 'alex.chen' },
      poll_interval: '500ms',
      sources: [{ id: 'am', urls: [am.url], receiver: 'vigil-oncall', timeout: '2s', prometheus: { url: proxy.url, poll_interval: '300ms', timeout: '2s', auth: { bearer: { env: 'VIGIL_PROM_TOKEN' } } } }],
    },
  });
});

afterAll(async () => {
  await vigil?.stop();
  await Promise.all([proxy?.stop(), prometheus?.stop(), am?.stop()]);
  delete process.env.VIGIL_PROM_TOKEN;
});

describe('Prometheus faults', () => {
  it("sends the source's credentials to its Prometheus", async () => {
    await vigil.waitFor((s) => s.sources[0]?.prometheus?.state === 'ok' && s.sources[0].prometheus.brokenRuleCount === 1, 'a first good rules answer');
    const rules = proxy.requests.filter((r) => r.path.startsWith('/api/v1/rules'));
    expect(rules.length).toBeGreaterThan(0);
    expect(rules.every((r) => r.headers.authorization === `Bearer ${TOKEN}`)).toBe(true);
  });

  it('a truncated or failed rules answer marks the Prometheus unhealthy and keeps the last known rule health', async () => {
    for (const fault of [{ kind: 'truncate', pathPrefix: '/api/v1/rules' }, { kind: 'status', status: 503, body: 'upstream down', pathPrefix: '/api/v1/rules' }] as const) {
      proxy.setFault(fault);
      const snap = await vigil.waitFor((s) => s.sources[0]?.prometheus?.state === 'unhealthy', `unhealthy after ${fault.kind}`);
      expect(snap.sources[0]!.prometheus!.error).toMatch(fault.kind === 'truncate' ? /truncated|closed|malformed/ : /HTTP 503/);
      expect(snap.sources[0]!.prometheus!.brokenRules.map((r) => r.name)).toEqual([BROKEN_RULE_NAME]);
      proxy.setFault(null);
      await vigil.waitFor((s) => s.sources[0]?.prometheus?.state === 'ok', `recovered after ${fault.kind}`);
    }
  });

  it("says why a graph cannot be drawn, in Prometheus's words", async () => {
    await pushAlerts(am.url, [
      { labels: { alertname: 'BadExpr', severity: 'warning', team: 'platform' }, generatorURL: `${prometheus.url}/graph?g0.expr=${encodeURIComponent('sum((rate(x[5m])')}&g0.tab=1` },
      { labels: { alertname: 'NoExpr', severity: 'warning', team: 'platform' }, generatorURL: 'https://grafana.example/alerting/grafana/abc/view' },
    ]);
    const snap = await vigil.waitFor((s) => ['BadExpr', 'NoExpr'].every((name) => s.incidents.some((i) => i.alertname === name)), 'the pushed alerts');
    const bad = await vigil.core.handlers.getIncidentGraph({ incidentKey: snap.incidents.find((i) => i.alertname === 'BadExpr')!.key });
    expect(bad).toMatchObject({ status: 'error', expr: 'sum((rate(x[5m])', error: expect.stringMatching(/HTTP 400: .*parse error/) });
    const none = await vigil.core.handlers.getIncidentGraph({ incidentKey: snap.incidents.find((i) => i.alertname === 'NoExpr')!.key });
    expect(none).toMatchObject({ status: 'unavailable', reason: expect.stringMatching(/no expression/) });
  });
});
