import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waitFor } from './managed-process.ts';
import { pushAlerts } from './push-alerts.ts';
import { startAlertmanager, type RunningAlertmanager } from './start-alertmanager.ts';
import { parseWebhookPayload, startWebhookReceiver, type WebhookReceiver } from './webhook-receiver.ts';

// The receiver fixture against a real Alertmanager: what the critical route pages arrives, with
// its arrival time; what another route owns does not; a body that is not a payload is refused.

let receiver: WebhookReceiver;
let am: RunningAlertmanager;

beforeAll(async () => {
  receiver = await startWebhookReceiver();
  am = await startAlertmanager({
    lifetimeMs: 120_000,
    configYaml: `route:
  receiver: quiet
  group_by: ['alertname']
  group_wait: 1s
  routes:
    - matchers: ['severity="critical"']
      receiver: pager
      group_wait: 1s
receivers:
  - name: quiet
  - name: pager
    webhook_configs:
      - url: ${receiver.url}
        send_resolved: false
`,
  });
});

afterAll(async () => {
  await am?.stop();
  await receiver?.stop();
});

describe('webhook receiver fixture', () => {
  it('records what Alertmanager pages through the webhook, with when it arrived', async () => {
    const sent = Date.now();
    await pushAlerts(am.url, [
      { labels: { alertname: 'PagedNow', severity: 'critical' } },
      { labels: { alertname: 'NotPaged', severity: 'warning' } },
    ]);
    const at = await waitFor(async () => receiver.firstArrival('alertname', 'PagedNow'), 'the page to arrive', 15_000);
    expect(at).toBeGreaterThanOrEqual(sent);
    expect(receiver.deliveries[0]).toMatchObject({ receiver: 'pager', status: 'firing', alerts: [{ status: 'firing', labels: { alertname: 'PagedNow', severity: 'critical' } }] });
    expect(receiver.firstArrival('alertname', 'NotPaged')).toBeNull();
  });

  it('refuses bodies that are not a webhook payload, and keeps running', async () => {
    const before = receiver.rejected();
    expect((await fetch(receiver.url, { method: 'POST', body: '{"receiver": 1' })).status).toBe(400);
    expect((await fetch(receiver.url, { method: 'POST', body: JSON.stringify({ receiver: 'x', status: 'firing', alerts: [{ status: 'firing', labels: { a: 1 } }] }) })).status).toBe(400);
    expect((await fetch(receiver.url)).status).toBe(405);
    expect(receiver.rejected()).toBe(before + 2);
    expect(parseWebhookPayload({ receiver: 'r', status: 'firing', alerts: [] }, 1)).toEqual({ at: 1, receiver: 'r', status: 'firing', alerts: [] });
  });

  it('keeps label names that are Object.prototype members as plain labels', async () => {
    const body = '{"receiver":"pager","status":"firing","alerts":[{"status":"firing","labels":{"__proto__":"polluted","constructor":"c"}}]}';
    expect((await fetch(receiver.url, { method: 'POST', body })).status).toBe(200);
    expect(receiver.firstArrival('__proto__', 'polluted')).not.toBeNull();
    expect(receiver.firstArrival('constructor', 'c')).not.toBeNull();
    expect(receiver.firstArrival('toString', 'c')).toBeNull();
    expect(Object.prototype).not.toHaveProperty('polluted');
  });
});
