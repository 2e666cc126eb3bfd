import { startFaultProxy } from '../test-fixtures/fault-proxy.ts';
import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { expect, openVigil, snapshotOf, test, waitForIncident } from './fixtures/vigil-test.ts';

// The settings UI edits sources and policy. It never sees credentials, so saving a source must
// keep the source's auth; an invalid value is refused with a clear error and nothing is saved.
test('settings: editing a source keeps its credentials, a bad policy is refused, a good one applies', async ({ page, alertmanager, launchHost }) => {
  const proxy = await startFaultProxy(alertmanager.url);
  try {
    const config = {
      me: { id: 'alex.chen', name: 'Alex Chen' },
      sources: [{ id: 'am', name: 'Team Alertmanager', urls: [proxy.url], auth: { bearer: { env: 'VIGIL_TEST_AM_TOKEN' } }, headers: { 'X-Scope-OrgID': 'platform' } }],
      poll_interval: '500ms',
    };
    const host = await launchHost({ config, env: { VIGIL_TEST_AM_TOKEN: 's3cret-token' } });
    await openVigil(page, host);
    await expect.poll(() => proxy.requests.some((r) => r.headers.authorization === 'Bearer s3cret-token')).toBe(true);

    await page.getByTestId('tab-settings').click();
    const source = page.getByTestId('settings-source').first();
    await expect(source.getByTestId('source-has-auth')).toBeVisible();
    await source.getByTestId('source-receiver').fill('vigil-oncall');
    await page.getByTestId('settings-sources-save').click();
    await expect(page.getByTestId('settings-saved').first()).toBeVisible();

    // After the restart the new receiver filter is sent, with the same token and tenant header.
    proxy.requests.length = 0;
    await expect
      .poll(() => proxy.requests.some((r) => r.path.includes('receiver=vigil-oncall') && r.headers.authorization === 'Bearer s3cret-token' && r.headers['x-scope-orgid'] === 'platform'), { timeout: 15_000 })
      .toBe(true);
    // The token never reaches the renderer.
    expect(JSON.stringify(await snapshotOf(host))).not.toContain('s3cret-token');
    expect(await page.content()).not.toContain('s3cret-token');

    // A token typed in Settings: the headless host keeps secrets in environment variables only, says
    // so, and the typed value is gone from the page whatever the outcome.
    const typed = 'typed-token-never-shown';
    await source.getByTestId('credential-secret').fill(typed);
    await source.getByTestId('credential-set').click();
    await expect(source.getByTestId('settings-error')).toContainText('the headless host keeps secrets in environment variables only');
    await expect(source.getByTestId('credential-secret')).toHaveValue('');
    expect(await page.content()).not.toContain(typed);
    expect(proxy.requests.some((r) => r.headers.authorization?.includes(typed))).toBe(false);

    // A bad ack_within is refused with an error; a good one applies to the next alarm.
    const critical = page.getByTestId('settings-policy').filter({ has: page.locator('[data-severity="critical"]') }).or(page.locator('[data-testid="settings-policy"][data-severity="critical"]'));
    await critical.getByTestId('policy-ack-within').fill('soon');
    await page.getByTestId('settings-policy-save').click();
    await expect(page.getByTestId('settings-policy-form').getByTestId('settings-error')).toBeVisible();
    await critical.getByTestId('policy-ack-within').fill('7m');
    await page.getByTestId('settings-policy-save').click();
    await expect.poll(async () => (await host.rpc<{ policy: Record<string, { ack_within_ms: number }> }>('getSettings')).policy.critical?.ack_within_ms).toBe(7 * 60_000);
    await pushAlerts(alertmanager.url, [{ labels: { alertname: 'WeaviateDown', severity: 'critical', service: 'weaviate', cluster: 'prod' }, annotations: {} }]);
    const incident = await waitForIncident(host, (i) => i.alertname === 'WeaviateDown' && i.alarm !== null, 'alarm under the new policy');
    expect(incident.alarm!.ackDeadline - incident.alarm!.pagedAt).toBe(7 * 60_000);

  } finally {
    await proxy.stop();
  }
});
