import { expect, openVigil, snapshotOf, test } from './fixtures/vigil-test.ts';
import type { TimelineEvent } from '../shared/domain.ts';

// With no configuration and no amtool file, one command shows Vigil working on a clearly labelled
// demo built from the playbook: its three alerts, its rotation and escalation ladder.
test('no configuration opens the labelled playbook demo; the keyboard acks; I can choose who I am', async ({ page, launchHost }) => {
  const host = await launchHost({ config: null });
  await page.setViewportSize({ width: 1360, height: 900 });
  await openVigil(page, host);
  await expect(page.getByTestId('demo-banner')).toContainText(/demo/i);
  for (const name of ['HighApiErrorRate', 'HighLLMLatency', 'WeaviateDown']) {
    await expect(page.getByTestId('incident-row').filter({ hasText: name })).toBeVisible();
  }
  // An incident rings for me exactly when a step that includes me is reached: as the primary now,
  // at once.
  for (const incident of (await snapshotOf(host)).incidents) {
    const myStepReached = incident.escalation!.steps.some((s) => s.includesMe && s.reached);
    expect(incident.alarm !== null, `${incident.alertname}: rings iff my step is reached`).toBe(myStepReached);
  }
  await page.getByTestId('incident-row').filter({ hasText: 'WeaviateDown' }).click();
  await expect(page.getByTestId('escalation-clock')).toBeVisible();
  await page.screenshot({ path: 'docs/images/vigil-alarm.png' });

  // `a` acknowledges the incident in hand (the selected one, whether it rings for me yet or not).
  await page.keyboard.press('a');
  const row = page.getByTestId('incident-row').filter({ hasText: 'WeaviateDown' });
  await expect(row).toHaveAttribute('data-state', 'acked');
  const key = (await row.getAttribute('data-incident-key'))!;
  const acked = (await host.rpc<TimelineEvent[]>('getTimeline', { incidentKey: key })).find((e) => e.type === 'acked');
  expect(acked?.data?.via).toBe('keyboard');

  // The roster comes from the playbook's rotation; choosing who I am changes my identity.
  await page.getByTestId('tab-roster').click();
  await expect(page.getByTestId('roster-now-row')).toHaveCount(3);
  await expect(page.getByTestId('next-handoff')).toBeVisible();
  await page.screenshot({ path: 'docs/images/vigil-roster.png' });
  // The demo is seen as whoever is primary now; choose someone else.
  const me = (await snapshotOf(host)).me.id;
  expect(me).toBe((await snapshotOf(host)).roster?.now.find((h) => h.role === 'primary')?.person?.handle);
  const other = me === 'sarah.johnson' ? 'david.kim' : 'sarah.johnson';
  await page.getByTestId('identity-select').selectOption(other);
  await expect.poll(async () => (await snapshotOf(host)).me.id).toBe(other);
});
