import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { startAlertmanager } from '../test-fixtures/start-alertmanager.ts';
import { startWebhookReceiver } from '../test-fixtures/webhook-receiver.ts';
import { openEventSocket } from './event-socket.ts';
import { startProbedHost, waitForSnapshot } from './probed-host.ts';
import { sleep, summarize, type Summary } from './stats.ts';

// Row "alarm after the alert reaches Alertmanager": alerts pushed at random moments into a real
// Alertmanager routed as in the playbook (critical: its own route, group_wait 10 s, a webhook
// pager). For each alert: when its page reached the webhook receiver, and when the host pushed
// a snapshot with the incident ringing to its event socket (what a window shows), both counted
// from the moment Alertmanager had accepted the alert. Vigil runs with default settings.

const PAGER_GROUP_WAIT_S = 10;

function playbookConfig(webhookUrl: string): string {
  // The seed monitoring summary's routing (000_…txt, "Alertmanager Configuration"), with the
  // critical route's pager as a webhook to our receiver.
  return `route:
  group_by: ['alertname', 'cluster', 'service']
  group_wait: 30s
  group_interval: 5m
  repeat_interval: 4h
  receiver: default-receiver
  routes:
    - matchers: ['severity="critical"']
      receiver: critical-alerts
      group_wait: ${PAGER_GROUP_WAIT_S}s
      group_interval: 1m
      repeat_interval: 30m
receivers:
  - name: default-receiver
  - name: critical-alerts
    webhook_configs:
      - url: ${webhookUrl}
        send_resolved: false
`;
}

export interface AlarmLatency {
  alerts: number;
  spreadMs: number;
  /** Seconds from accepted by Alertmanager to the webhook page. */
  pagerS: Summary;
  /** Seconds from accepted by Alertmanager to the host's snapshot with the incident ringing. */
  vigilS: Summary;
  /** The same from the host's own alarm.raisedAt (its clock is this machine's). */
  vigilRaisedS: Summary;
  missingPager: number;
  missingVigil: number;
  groupWaitS: number;
}

export async function measureAlarmLatency(options: { alerts: number; spreadMs: number; log: (line: string) => void }): Promise<AlarmLatency> {
  const receiver = await startWebhookReceiver();
  const am = await startAlertmanager({ configYaml: playbookConfig(receiver.url), lifetimeMs: 10 * 60_000 });
  const host = await startProbedHost({ me: { id: 'bench-latency' }, sources: [{ id: 'am', urls: [am.url], receiver: 'critical-alerts' }] });
  try {
    await waitForSnapshot(host, (s) => s.sources[0]?.state === 'ok', 'the latency host to poll once', 30_000);
    const socket = await openEventSocket(host.host);
    const vigilAt = new Map<string, { seen: number; raised: number }>();
    socket.onSnapshot(({ at, snapshot }) => {
      for (const incident of snapshot.incidents) {
        if (incident.alarm && !vigilAt.has(incident.alertname)) vigilAt.set(incident.alertname, { seen: at, raised: incident.alarm.raisedAt });
      }
    });
    const endsAt = new Date(Date.now() + 3_600_000).toISOString();
    const moments = Array.from({ length: options.alerts }, () => Math.random() * options.spreadMs).sort((a, b) => a - b);
    const accepted = new Map<string, number>();
    const start = performance.now();
    await Promise.all(
      moments.map(async (moment, i) => {
        await sleep(moment);
        const alertname = `LatencyProbe${String(i).padStart(3, '0')}`;
        await pushAlerts(am.url, [{ labels: { alertname, severity: 'critical', cluster: 'prod', service: 'latency-bench' }, annotations: { summary: `Latency probe ${i}` }, startsAt: new Date().toISOString(), endsAt }]);
        accepted.set(alertname, Date.now());
      }),
    );
    options.log(`  ${options.alerts} alerts pushed over ${((performance.now() - start) / 1000).toFixed(0)} s; waiting for both pagers`);
    const names = [...accepted.keys()];
    const done = () => names.every((n) => vigilAt.has(n) && receiver.firstArrival('alertname', n) !== null);
    const deadline = Date.now() + (PAGER_GROUP_WAIT_S + 20) * 1000;
    while (!done() && Date.now() < deadline) await sleep(200);
    socket.close();
    const pager: number[] = [];
    const vigil: number[] = [];
    const raised: number[] = [];
    for (const name of names) {
      const t0 = accepted.get(name)!;
      const paged = receiver.firstArrival('alertname', name);
      if (paged !== null) pager.push((paged - t0) / 1000);
      const seen = vigilAt.get(name);
      if (seen) {
        vigil.push((seen.seen - t0) / 1000);
        raised.push((seen.raised - t0) / 1000);
      }
    }
    return {
      alerts: names.length,
      spreadMs: options.spreadMs,
      pagerS: summarize(pager),
      vigilS: summarize(vigil),
      vigilRaisedS: summarize(raised),
      missingPager: names.length - pager.length,
      missingVigil: names.length - vigil.length,
      groupWaitS: PAGER_GROUP_WAIT_S,
    };
  } finally {
    await host.stop();
    await am.stop();
    await receiver.stop();
  }
}
