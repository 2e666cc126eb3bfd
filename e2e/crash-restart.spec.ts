import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { activeSilences } from './fixtures/alertmanager-api.ts';
import { expect, hostConfig, openVigil, snapshotOf, test, waitForIncident } from './fixtures/vigil-test.ts';
import type { TimelineEvent } from '../shared/domain.ts';

test('kill -9 mid-incident and restart: the timeline is intact and the ack is remembered', async ({ page, alertmanager, launchHost }) => {
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }) });
  await pushAlerts(alertmanager.url, [{ labels: { alertname: 'WeaviateDown', severity: 'critical', service: 'weaviate', cluster: 'prod' } }]);
  const incident = await waitForIncident(host, (i) => i.alertname === 'WeaviateDown' && i.alarm !== null, 'alarm');
  const ack = await host.rpc<{ ok: boolean; silenceId: string }>('ackIncident', { incidentKey: incident.key, via: 'keyboard' });
  expect(ack.ok).toBe(true);
  await waitForIncident(host, (i) => i.key === incident.key && i.state === 'acked', 'acked');
  const before = await host.rpc<TimelineEvent[]>('getTimeline', { incidentKey: incident.key });
  expect(before.map((e) => e.type)).toEqual(expect.arrayContaining(['first-seen', 'alarm-raised', 'acked']));

  await host.kill9();
  const again = await host.restart();
  await openVigil(page, again);
  const after = await again.rpc<TimelineEvent[]>('getTimeline', { incidentKey: incident.key });
  expect(after.slice(0, before.length)).toEqual(before);
  const restored = await waitForIncident(again, (i) => i.key === incident.key, 'incident after restart');
  expect(restored.state).toBe('acked');
  expect(restored.ack).toMatchObject({ by: 'alex.chen', mine: true, silenceId: ack.silenceId });
  expect(restored.alarm).toBeNull();
  await expect(page.getByTestId('incident-row').filter({ hasText: 'WeaviateDown' })).toHaveAttribute('data-state', 'acked');
  expect((await snapshotOf(again)).incidents.filter((i) => i.alarm)).toHaveLength(0);
  expect(await activeSilences(alertmanager.url)).toHaveLength(1);
});
