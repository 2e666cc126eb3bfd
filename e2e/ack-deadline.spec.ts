import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { scaledRotation } from './fixtures/rotation-files.ts';
import { expect, hostConfig, openVigil, test, waitForIncident } from './fixtures/vigil-test.ts';

// One ack deadline: for an incident that alarms me, the alarm strip, the list row, the detail and
// the escalation clock show the same instant in the same words. The secondary is paged at a later
// step than the team's first, so "my" deadline and the team's differ: the clock must show mine.

test('banner, list row, detail and escalation clock show the same ack deadline', async ({ page, alertmanager, launchHost }) => {
  const rotationFile = join(mkdtempSync(join(tmpdir(), 'vigil-rotation-')), 'rotation.yaml');
  writeFileSync(rotationFile, scaledRotation({ secondaryAfter: '2s', managerAfter: '30m', ackWithin: '2m' }));
  const sarah = await launchHost({ config: hostConfig(alertmanager.url, { id: 'sarah.johnson' }, { rotation: { file: rotationFile } }) });
  await pushAlerts(alertmanager.url, [{ labels: { alertname: 'WeaviateDown', severity: 'critical', service: 'weaviate', cluster: 'prod' } }]);
  const incident = await waitForIncident(sarah, (i) => i.alertname === 'WeaviateDown' && i.alarm !== null, 'the secondary is paged');
  expect(incident.alarm!.ackDeadline).not.toBe(incident.escalation!.ackDeadline);

  await openVigil(page, sarah);
  await page.getByTestId('incident-row').filter({ hasText: 'WeaviateDown' }).getByRole('button').click();
  await expect(page.getByTestId('escalation-clock')).toBeVisible();
  const views = {
    banner: page.getByTestId('alarm-banner').getByTestId('alarm-countdown'),
    row: page.getByTestId('incident-row').getByTestId('incident-ack-deadline'),
    detail: page.getByTestId('detail-ack-deadline'),
    clock: page.getByTestId('escalation-ack-countdown'),
  };
  // Read all four in one task, so the once-a-second repaint cannot fall between them.
  const texts = await page.evaluate(() =>
    ['[data-testid="alarm-banner"] [data-testid="alarm-countdown"]', '[data-testid="incident-ack-deadline"]', '[data-testid="detail-ack-deadline"]', '[data-testid="escalation-ack-countdown"]'].map(
      // Runs in the page; the e2e project has no DOM types, so the page's document is typed here.
      (selector) => (globalThis as unknown as { document: { querySelector(s: string): { textContent: string | null } | null } }).document.querySelector(selector)?.textContent ?? null,
    ),
  );
  expect(texts[0]).toMatch(/^(ack within \d\d:\d\d|overdue \+\d\d:\d\d)$/);
  expect(new Set(texts).size, texts.join(' | ')).toBe(1);
  for (const view of Object.values(views)) await expect(view).toHaveAttribute('data-deadline', String(incident.alarm!.ackDeadline));
  // The rule is explained once, in words, with the time I was paged.
  await expect(page.getByTestId('ack-rule')).toContainText(/Ack within 2m of being paged \(paged \d\d:\d\d:\d\d, due \d\d:\d\d:\d\d\)/);
});
