import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { expect, hostConfig, openVigil, snapshotOf, test, waitForIncident } from './fixtures/vigil-test.ts';
import type { TimelineEvent } from '../shared/domain.ts';

test('a storm of 500 alerts of one alertname is one alarm with a count and one notification', async ({ page, alertmanager, desktop, launchHost }) => {
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }) });
  await openVigil(page, host);
  const before = await desktop.notificationCount();
  await pushAlerts(
    alertmanager.url,
    Array.from({ length: 500 }, (_, i) => ({ labels: { alertname: 'PodCrashLooping', severity: 'critical', service: 'gremlinsai-backend', cluster: 'prod', pod: `gremlinsai-backend-${i}` }, annotations: { summary: `Pod ${i} restarting` } })),
  );
  const incident = await waitForIncident(host, (i) => i.alertname === 'PodCrashLooping' && i.alertCount === 500, '500 alerts in one incident');
  expect((await snapshotOf(host)).incidents.filter((i) => i.alertname === 'PodCrashLooping')).toHaveLength(1);
  expect(incident.alarm).not.toBeNull();
  await expect(page.getByTestId('incident-row').filter({ hasText: 'PodCrashLooping' }).getByTestId('incident-count')).toContainText('500');
  await expect(page.getByTestId('alarm-banner')).toHaveCount(1);

  // Let several polls pass: still exactly one notification for the storm.
  const timeline = async () => host.rpc<TimelineEvent[]>('getTimeline', { incidentKey: incident.key });
  await expect.poll(async () => (await timeline()).filter((e) => e.type === 'notification-shown').length, { timeout: 10_000 }).toBe(1);
  const polls = (await snapshotOf(host)).sources[0]!.lastSuccessAt!;
  await expect.poll(async () => (await snapshotOf(host)).sources[0]!.lastSuccessAt! - polls, { timeout: 10_000 }).toBeGreaterThan(1500);
  expect((await timeline()).filter((e) => e.type === 'notification-shown')).toHaveLength(1);
  expect((await desktop.notificationCount()) - before).toBe(1);
});

test('an unacknowledged incident re-alarms with rising urgency under a short policy', async ({ page, alertmanager, desktop, launchHost }) => {
  const config = hostConfig(alertmanager.url, { id: 'alex.chen' }, { policy: { critical: { ack_within: '2s', realarm_every: '2s', loud: true } } });
  const host = await launchHost({ config });
  await openVigil(page, host);
  const before = await desktop.notificationCount();
  await pushAlerts(alertmanager.url, [{ labels: { alertname: 'HighLLMLatency', severity: 'critical', service: 'gremlinsai-backend', cluster: 'prod' } }]);
  const incident = await waitForIncident(host, (i) => i.alertname === 'HighLLMLatency' && (i.alarm?.level ?? 0) >= 2, 'alarm level 2', 20_000);
  const count = async (type: TimelineEvent['type']) => (await host.rpc<TimelineEvent[]>('getTimeline', { incidentKey: incident.key })).filter((e) => e.type === type).length;
  expect(await count('deadline-missed')).toBeGreaterThanOrEqual(2);
  // Journaled once the daemon took it, a moment after the ring itself.
  await expect.poll(() => count('notification-shown')).toBeGreaterThanOrEqual(3);
  // Each ring replaces the incident's notification (one stack tag per incident), at critical urgency.
  await expect.poll(() => desktop.notificationCount()).toBeGreaterThanOrEqual(before + 1);
  const shown = (await desktop.notificationHistory()).filter((n) => n.summary.includes('HighLLMLatency'));
  expect(shown.length).toBeGreaterThanOrEqual(1);
  expect(shown[0]!.urgency).toBe('critical');
  await expect(page.getByTestId('alarm-banner')).toHaveAttribute('data-level', /^[2-9]|\d\d/);
});
