import { writeFileSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { startDesktopSession } from '../test-fixtures/desktop-session.ts';
import { scaledRotation } from './fixtures/rotation-files.ts';
import { expect, hostConfig, openVigil, snapshotOf, test, waitForIncident } from './fixtures/vigil-test.ts';
import type { HostHandle } from './fixtures/vigil-host.ts';
import type { TimelineEvent } from '../shared/domain.ts';

// Three Vigils (primary, secondary, manager) on one real Alertmanager read the same rotation. With
// nobody acking, each is alarmed at its own step, on its own desktop; an ack by the primary stops
// the ladder for everyone.
const WEAVIATE = { alertname: 'WeaviateDown', severity: 'critical', service: 'weaviate', cluster: 'prod' };

async function threeVigils(launchHost: (o: { config: Record<string, unknown>; env?: NodeJS.ProcessEnv }) => Promise<HostHandle>, amUrl: string, desktops: Array<{ env: NodeJS.ProcessEnv } | null>) {
  const dir = mkdtempSync(join(tmpdir(), 'vigil-rotation-'));
  const rotationFile = join(dir, 'rotation.yaml');
  writeFileSync(rotationFile, scaledRotation({ secondaryAfter: '6s', managerAfter: '12s', ackWithin: '4s' }));
  const people = [{ id: 'alex.chen', name: 'Alex Chen' }, { id: 'sarah.johnson', name: 'Sarah Johnson' }, { id: 'mike.rodriguez', name: 'Mike Rodriguez' }];
  return Promise.all(people.map((me, i) => launchHost({ config: hostConfig(amUrl, me, { rotation: { file: rotationFile, refresh: '1s' } }), ...(desktops[i] ? { env: desktops[i]!.env } : {}) })));
}

const timeline = (host: HostHandle, incidentKey: string) => host.rpc<TimelineEvent[]>('getTimeline', { incidentKey });

test('nobody acks: the secondary alarms at its step and the manager at theirs, each on their own desktop', async ({ page, alertmanager, desktop, launchHost }) => {
  const sarahDesk = await startDesktopSession();
  const mikeDesk = await startDesktopSession();
  try {
    const [alex, sarah, mike] = await threeVigils(launchHost, alertmanager.url, [null, sarahDesk, mikeDesk]);
    await openVigil(page, sarah!);
    await page.getByTestId('tab-roster').click();
    await expect(page.getByTestId('roster-now')).toContainText('Alex Chen');
    await expect(page.getByTestId('roster-now')).toContainText('Sarah Johnson');
    await page.getByTestId('tab-incidents').click();
    await pushAlerts(alertmanager.url, [{ labels: WEAVIATE }]);

    const primary = await waitForIncident(alex!, (i) => i.alertname === 'WeaviateDown' && i.alarm !== null, 'primary alarmed');
    const steps = primary.escalation!.steps;
    expect(steps.map((s) => s.people.map((p) => p.handle).join())).toEqual(['alex.chen', 'sarah.johnson', 'mike.rodriguez', '']);

    const atSecondary = await waitForIncident(sarah!, (i) => i.key === primary.key && i.alarm !== null, 'secondary alarmed', 30_000);
    expect(atSecondary.alarm!.raisedAt).toBeGreaterThanOrEqual(steps[1]!.at);
    const atManager = await waitForIncident(mike!, (i) => i.key === primary.key && i.alarm !== null, 'manager alarmed', 30_000);
    expect(atManager.alarm!.raisedAt).toBeGreaterThanOrEqual(steps[2]!.at);

    // Each alarm reached that person's own notification daemon.
    await expect.poll(async () => (await sarahDesk.notificationHistory()).some((n) => n.summary.includes('WeaviateDown')), { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await mikeDesk.notificationHistory()).some((n) => n.summary.includes('WeaviateDown')), { timeout: 15_000 }).toBe(true);
    await expect.poll(async () => (await desktop.notificationHistory()).some((n) => n.summary.includes('WeaviateDown')), { timeout: 15_000 }).toBe(true);

    // The steps are in each timeline, before that Vigil's alarm.
    const mikeEvents = await timeline(mike!, primary.key);
    const managerStep = mikeEvents.findIndex((e) => e.type === 'escalation-step' && e.message.includes('Mike Rodriguez'));
    expect(managerStep).toBeGreaterThanOrEqual(0);
    expect(mikeEvents.findIndex((e) => e.type === 'alarm-raised')).toBeGreaterThan(managerStep);
    expect((await timeline(sarah!, primary.key)).filter((e) => e.type === 'escalation-step').length).toBeGreaterThanOrEqual(2);

    // The secondary's window shows the ladder with the current step highlighted.
    await page.getByTestId('incident-row').filter({ hasText: 'WeaviateDown' }).click();
    await expect(page.getByTestId('escalation-clock')).toBeVisible();
    await expect(page.getByTestId('escalation-step').nth(2)).toHaveAttribute('data-current', 'true');
    await page.screenshot({ path: 'docs/images/vigil-escalation.png' }).catch(() => undefined);
  } finally {
    await sarahDesk.stop();
    await mikeDesk.stop();
  }
});

test('the primary acks: neither the secondary nor the manager ever alarms', async ({ alertmanager, launchHost }) => {
  const [alex, sarah, mike] = await threeVigils(launchHost, alertmanager.url, [null, null, null]);
  await pushAlerts(alertmanager.url, [{ labels: WEAVIATE }]);
  const incident = await waitForIncident(alex!, (i) => i.alertname === 'WeaviateDown' && i.alarm !== null, 'primary alarmed');
  const ack = await alex!.rpc<{ ok: boolean }>('ackIncident', { incidentKey: incident.key, via: 'window' });
  expect(ack.ok).toBe(true);
  const managerAt = incident.escalation!.steps[2]!.at;
  expect(Date.now()).toBeLessThan(incident.escalation!.steps[1]!.at);

  // Wait until both have polled well past the manager's step time.
  for (const host of [sarah!, mike!]) {
    await expect.poll(async () => (await snapshotOf(host)).sources[0]!.lastSuccessAt ?? 0, { timeout: 30_000 }).toBeGreaterThan(managerAt + 1500);
    const view = (await snapshotOf(host)).incidents.find((i) => i.key === incident.key)!;
    expect(view.state).toBe('acked');
    expect(view.alarm).toBeNull();
    expect(view.escalation!.stopped).toBe(true);
    const types = (await timeline(host, incident.key)).map((e) => e.type);
    expect(types).toContain('acked-by-other');
    expect(types).not.toContain('alarm-raised');
  }
});

test('an incident already firing when the secondary starts Vigil does not ring before the secondary step', async ({ alertmanager, launchHost }) => {
  await pushAlerts(alertmanager.url, [{ labels: WEAVIATE }]);
  const dir = mkdtempSync(join(tmpdir(), 'vigil-rotation-'));
  const rotationFile = join(dir, 'rotation.yaml');
  writeFileSync(rotationFile, scaledRotation({ secondaryAfter: '15m', managerAfter: '30m', ackWithin: '2m' }));
  const sarah = await launchHost({ config: hostConfig(alertmanager.url, { id: 'sarah.johnson' }, { rotation: { file: rotationFile } }) });
  const incident = await waitForIncident(sarah, (i) => i.alertname === 'WeaviateDown', 'incident seen');
  const firstPoll = (await snapshotOf(sarah)).sources[0]!.lastSuccessAt!;
  await expect.poll(async () => (await snapshotOf(sarah)).sources[0]!.lastSuccessAt!, { timeout: 10_000 }).toBeGreaterThan(firstPoll + 1000);
  const view = (await snapshotOf(sarah)).incidents.find((i) => i.key === incident.key)!;
  expect(view.escalation!.steps[1]!.includesMe).toBe(true);
  expect(view.escalation!.steps[1]!.reached).toBe(false);
  expect(view.alarm).toBeNull();
  expect((await timeline(sarah, incident.key)).map((e) => e.type)).not.toContain('alarm-raised');
});
