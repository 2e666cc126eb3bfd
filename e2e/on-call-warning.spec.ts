import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort } from '../test-fixtures/free-port.ts';
import { scaledRotation } from './fixtures/rotation-files.ts';
import { expect, openVigil, test } from './fixtures/vigil-test.ts';

// When I am on call and a source cannot be reached, Vigil says so loudly: missing a page because
// the Alertmanager was unreachable is the failure that matters most.
test('a loud warning when I am on call and a source is unreachable; a contact link goes through the allowlist', async ({ page, launchHost }) => {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-rotation-'));
  const rotationFile = join(dir, 'rotation.yaml');
  writeFileSync(rotationFile, scaledRotation({ secondaryAfter: '15m', managerAfter: '30m', ackWithin: '2m' }));
  const deadPort = await freePort(); // nothing listens here
  const config = (me: string) => ({ me: { id: me }, sources: [{ id: 'am', name: 'Prod Alertmanager', urls: [`http://127.0.0.1:${deadPort}`], timeout: '1s' }], poll_interval: '500ms', rotation: { file: rotationFile } });

  const onCall = await launchHost({ config: config('alex.chen') });
  await openVigil(page, onCall);
  await expect(page.getByTestId('warning-banner')).toContainText('YOU ARE ON CALL and Prod Alertmanager is unreachable');
  await expect(page.getByTestId('source-row')).toHaveAttribute('data-state', 'unhealthy');

  // Contact links reach the OS only through the core's allowlist (the host opens them with `true` here).
  await page.getByTestId('tab-roster').click();
  await page.getByTestId('roster-now').getByTestId('contact-phone').first().click();
  const verdict = await onCall.rpc<{ opened: boolean }>('openLink', { url: 'tel:+1-555-0101' });
  expect(verdict.opened).toBe(true);
  expect((await onCall.rpc<{ opened: boolean; reason: string }>('openLink', { url: 'file:///etc/passwd' })).opened).toBe(false);

  // Someone not on call gets the plain warning, not the on-call one.
  const offCall = await launchHost({ config: config('lisa.wang') });
  await openVigil(page, offCall);
  await expect(page.getByTestId('warning-banner')).toContainText('Prod Alertmanager is unreachable');
  await expect(page.getByTestId('warning-banner')).not.toContainText('YOU ARE ON CALL');
});
