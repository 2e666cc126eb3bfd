import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { activeSilences } from './fixtures/alertmanager-api.ts';
import { expect, hostConfig, test, waitForIncident } from './fixtures/vigil-test.ts';
import type { TimelineEvent } from '../shared/domain.ts';

const HIGH_LLM = { alertname: 'HighLLMLatency', severity: 'critical', service: 'gremlinsai-backend', cluster: 'prod' };

test('an ack silence is short, extended while the incident fires, and a vanished one re-alarms', async ({ alertmanager, launchHost }) => {
  // A 4 s ack silence extended when under 3 s left: several extensions happen within the test.
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }, { ack: { silence_for: '4s', extend_below: '3s' } }) });
  await pushAlerts(alertmanager.url, [{ labels: HIGH_LLM }]);
  const incident = await waitForIncident(host, (i) => i.alertname === 'HighLLMLatency' && i.alarm !== null, 'alarm');
  const ack = await host.rpc<{ ok: boolean; silenceId: string }>('ackIncident', { incidentKey: incident.key, via: 'window' });
  expect(ack.ok).toBe(true);
  const firstEnd = Date.parse((await activeSilences(alertmanager.url))[0]!.endsAt);

  const timeline = () => host.rpc<TimelineEvent[]>('getTimeline', { incidentKey: incident.key });
  await expect.poll(async () => (await timeline()).filter((e) => e.type === 'silence-extended').length, { timeout: 20_000 }).toBeGreaterThanOrEqual(2);
  const silences = await activeSilences(alertmanager.url);
  expect(silences).toHaveLength(1);
  expect(Date.parse(silences[0]!.endsAt)).toBeGreaterThan(firstEnd);
  expect((await waitForIncident(host, (i) => i.key === incident.key, 'incident')).state).toBe('acked');

  // Someone expires the ack in Alertmanager while the incident still fires: Vigil rings again.
  const res = await fetch(new URL(`/api/v2/silence/${silences[0]!.id}`, alertmanager.url), { method: 'DELETE' });
  expect(res.ok).toBe(true);
  const again = await waitForIncident(host, (i) => i.key === incident.key && i.alarm !== null, 're-alarm after the silence vanished');
  expect(again.state).toBe('firing');
  expect(again.alarm!.level).toBeGreaterThanOrEqual(1);
  const types = (await timeline()).map((e) => e.type);
  expect(types).toContain('silence-vanished');
  expect(types.lastIndexOf('re-alarmed')).toBeGreaterThan(types.indexOf('silence-vanished'));
});
