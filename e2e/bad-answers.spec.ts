import { startFaultProxy } from '../test-fixtures/fault-proxy.ts';
import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { activeSilences } from './fixtures/alertmanager-api.ts';
import { expect, hostConfig, openVigil, snapshotOf, test, waitForIncident } from './fixtures/vigil-test.ts';

// A bad answer is never "all resolved": the source turns unhealthy with a clear error, the incident
// stays, and its alarm keeps ringing. Faults come from a small proxy in front of the real server.
test('truncated, 500, 401, timeout and schema-breaking answers keep incidents and alarms', async ({ page, alertmanager, launchHost }) => {
  const proxy = await startFaultProxy(alertmanager.url);
  try {
    const host = await launchHost({ config: hostConfig(proxy.url, { id: 'alex.chen' }) });
    await openVigil(page, host);
    await pushAlerts(alertmanager.url, [{ labels: { alertname: 'HighApiErrorRate', severity: 'critical', service: 'gremlinsai-backend', cluster: 'prod', instance: 'a' } }]);
    const incident = await waitForIncident(host, (i) => i.alertname === 'HighApiErrorRate' && i.alarm !== null, 'alarm');
    const sourceRow = page.getByTestId('source-row');

    const faults = [
      { fault: { kind: 'truncate' as const }, error: /truncated or malformed/i },
      { fault: { kind: 'status' as const, status: 500 }, error: /500/ },
      { fault: { kind: 'status' as const, status: 401 }, error: /401|auth/i },
      { fault: { kind: 'delay' as const, ms: 5000 }, error: /timed out/i },
    ];
    for (const { fault, error } of faults) {
      proxy.setFault({ ...fault, pathPrefix: '/api/v2/alerts' });
      await expect(sourceRow).toHaveAttribute('data-state', 'unhealthy', { timeout: 20_000 });
      await expect(sourceRow.getByTestId('source-error')).toContainText(error);
      const snap = await snapshotOf(host);
      const kept = snap.incidents.find((i) => i.key === incident.key);
      expect(kept?.state, `incident kept during ${fault.kind}`).toBe('firing');
      expect(kept?.alarm, `alarm still ringing during ${fault.kind}`).not.toBeNull();
      await expect(page.getByTestId('alarm-banner').filter({ hasText: 'HighApiErrorRate' })).toBeVisible();
      await expect(page.getByTestId('warning-banner')).toContainText('unreachable');
      proxy.setFault(null);
      await expect(sourceRow).toHaveAttribute('data-state', 'ok', { timeout: 20_000 });
    }

    // Schema-breaking items are set aside and counted; the good alert is kept.
    proxy.setFault({ kind: 'inject-bad-items', pathPrefix: '/api/v2/alerts' });
    await expect.poll(async () => (await snapshotOf(host)).sources[0]!.quarantined, { timeout: 10_000 }).toBeGreaterThan(0);
    await expect(sourceRow.getByTestId('source-error')).toContainText(/set aside/);
    expect((await snapshotOf(host)).incidents.find((i) => i.key === incident.key)?.alarm).not.toBeNull();
    proxy.setFault(null);

    // A silence POST that fails keeps the alarm ringing and shows the error.
    proxy.setFault({ kind: 'fail-silence-post', mode: 'error' });
    const banner = page.getByTestId('alarm-banner').filter({ hasText: 'HighApiErrorRate' });
    await banner.getByTestId('ack-button').click();
    await expect(banner.getByTestId('ack-error')).toContainText(/Ack failed/);
    expect((await snapshotOf(host)).incidents.find((i) => i.key === incident.key)?.alarm).not.toBeNull();
    expect(await activeSilences(alertmanager.url)).toHaveLength(0);

    // A POST that lands but times out: the retry finds the existing silence, no duplicate.
    proxy.setFault({ kind: 'fail-silence-post', mode: 'timeout-after-forward' });
    const timedOut = await host.rpc<{ ok: boolean }>('ackIncident', { incidentKey: incident.key, via: 'window' });
    expect(timedOut.ok).toBe(false);
    proxy.setFault(null);
    const retry = await host.rpc<{ ok: boolean }>('ackIncident', { incidentKey: incident.key, via: 'window' }).catch(() => ({ ok: false }));
    // The retry either reuses the landed silence, or the incident already reads as acked from it.
    const silences = await activeSilences(alertmanager.url);
    expect(silences).toHaveLength(1);
    await waitForIncident(host, (i) => i.key === incident.key && i.state === 'acked', 'acked after retry');
    expect(retry.ok || (await snapshotOf(host)).incidents.find((i) => i.key === incident.key)?.state === 'acked').toBe(true);
  } finally {
    await proxy.stop();
  }
});
