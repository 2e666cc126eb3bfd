import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { startFaultProxy } from '../test-fixtures/fault-proxy.ts';
import { expect, hostConfig, openVigil, test, waitForIncident } from './fixtures/vigil-test.ts';

// Issue 6 in the window (real Alertmanager, real host, Chromium): an alert with a prototype-named
// severity neither breaks the window nor silences the rest, and says how it was treated; a source
// that stays unreachable while I am on call rings Vigil's own alarm and turns the tray blind.

test('an alert with severity "constructor" is listed, explained, and the critical one still rings', async ({ page, alertmanager, launchHost }) => {
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }) });
  await pushAlerts(alertmanager.url, [
    { labels: { alertname: 'ProtoSeverity', severity: 'constructor', service: 'api' }, annotations: { summary: 'severity names a prototype member' } },
    { labels: { alertname: 'RealOutage', severity: 'critical', service: 'api' } },
  ]);
  await waitForIncident(host, (i) => i.alertname === 'RealOutage' && i.alarm !== null, 'RealOutage ringing');
  await waitForIncident(host, (i) => i.alertname === 'ProtoSeverity', 'ProtoSeverity listed');
  await openVigil(page, host);
  await expect(page.getByTestId('alarm-strip')).toContainText('RealOutage');
  await page.getByTestId('incident-row').filter({ hasText: 'ProtoSeverity' }).click();
  await expect(page.getByTestId('severity-note')).toHaveText('severity "constructor" is not configured: treated as warning');
});

test('a source unreachable longer than blind_after rings "Vigil cannot see" in the window, and clears when it is back', async ({ page, alertmanager, launchHost }) => {
  const proxy = await startFaultProxy(alertmanager.url);
  try {
    const config = hostConfig(proxy.url, { id: 'alex.chen' }, { blind_after: '3s' });
    (config.sources as Array<Record<string, unknown>>)[0]!.name = 'prod';
    const host = await launchHost({ config });
    await openVigil(page, host);
    proxy.setFault({ kind: 'status', status: 503 });
    await waitForIncident(host, (i) => i.kind === 'blind' && i.alarm !== null, 'the blind alarm');
    await expect(page.getByTestId('alarm-strip')).toContainText('Vigil cannot see prod');
    proxy.setFault(null);
    await expect(page.getByTestId('alarm-strip')).toHaveCount(0);
  } finally {
    await proxy.stop();
  }
});
