import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { scaledRotation } from './fixtures/rotation-files.ts';
import { expect, hostConfig, openVigil, test, waitForIncident } from './fixtures/vigil-test.ts';

test('editing the rotation into an invalid state keeps the last good one, warns, and alarms go on', async ({ page, alertmanager, launchHost }) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-rotation-'));
  const rotationFile = join(dir, 'rotation.yaml');
  const good = scaledRotation({ secondaryAfter: '15m', managerAfter: '30m', ackWithin: '2m' });
  writeFileSync(rotationFile, good);
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen', name: 'Alex Chen' }, { rotation: { file: rotationFile, refresh: '1s' } }) });
  await openVigil(page, host);
  await page.getByTestId('tab-roster').click();
  await expect(page.getByTestId('roster-now')).toContainText('Alex Chen');

  // A typo in a handle: the new version is rejected with its file, line and field.
  const broken = good.replace('- sarah.johnson', '- sarah.jonson');
  expect(broken).not.toBe(good);
  writeFileSync(rotationFile, broken);
  const line = broken.split('\n').findIndex((l) => l.includes('sarah.jonson')) + 1;
  await expect(page.getByTestId('warning-banner')).toContainText('sarah.jonson', { timeout: 15_000 });
  await expect(page.getByTestId('warning-banner')).toContainText(`rotation.yaml:${line}`);
  await expect(page.getByTestId('rotation-warning')).toBeVisible();
  // The last good rotation stays in use.
  await expect(page.getByTestId('roster-now')).toContainText('Sarah Johnson');

  // Alarms are unaffected: the primary (me) is still paged.
  await pushAlerts(alertmanager.url, [{ labels: { alertname: 'WeaviateDown', severity: 'critical', service: 'weaviate', cluster: 'prod' } }]);
  const incident = await waitForIncident(host, (i) => i.alertname === 'WeaviateDown' && i.alarm !== null, 'alarm with a broken rotation file');
  expect(incident.escalation?.steps[0]?.people[0]?.handle).toBe('alex.chen');

  // Fixing the file clears the warning.
  writeFileSync(rotationFile, good);
  await expect(page.getByTestId('rotation-warning')).toHaveCount(0, { timeout: 15_000 });
});
