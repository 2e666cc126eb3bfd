import { startFaultProxy } from '../test-fixtures/fault-proxy.ts';
import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { activeSilences } from './fixtures/alertmanager-api.ts';
import { expect, openVigil, snapshotOf, test } from './fixtures/vigil-test.ts';

// Storm control in the window: 300 distinct critical incidents ring at once. The window shows one
// alarm strip (the most urgent incident, a count, "Acknowledge all ringing"), a virtualized
// incident list that stays usable, and ack-all makes one real silence per incident, listing the
// incidents it could not acknowledge.

// A trace would record every pushed snapshot (hundreds of 300-incident frames): off for this file.
test.use({ trace: 'off' });

const STORM = 300;
// Three of them come through a second source, behind a proxy that refuses silence POSTs: their
// acks fail while the other 297 succeed.
const FAILING = 3;
const name = (i: number) => `StormAlert${String(i).padStart(3, '0')}`;

test('300 ringing incidents: one alarm strip, a virtualized list, and Acknowledge all ringing', async ({ page, alertmanager, launchHost }) => {
  // 300 real silences, each looked up, created and read back, journaled and published: allow for a busy machine.
  test.setTimeout(240_000);
  const proxy = await startFaultProxy(alertmanager.url);
  try {
    const source = (id: string, url: string, team: string) => ({ id, name: id, urls: [url], receiver: 'vigil-oncall', filter: [`team="${team}"`], timeout: '10s' });
    const host = await launchHost({
      config: { me: { id: 'alex.chen' }, sources: [source('main', alertmanager.url, 'storm'), source('flaky', proxy.url, 'flaky')], poll_interval: '500ms' },
    });
    // On a loaded machine a keep-alive connection can be reset under a poll: that is no answer, poll again.
    const ringingInCore = async () => (await snapshotOf(host).catch(() => null))?.incidents.filter((i) => i.alarm !== null).length ?? -1;
    await page.setViewportSize({ width: 1280, height: 800 });
    await openVigil(page, host);
    await pushAlerts(
      alertmanager.url,
      Array.from({ length: STORM }, (_, i) => ({
        labels: { alertname: name(i), severity: 'critical', service: 'storm', cluster: 'prod', team: i < STORM - FAILING ? 'storm' : 'flaky' },
        annotations: { summary: `storm alert ${i}` },
      })),
    );
    await expect.poll(ringingInCore, { timeout: 60_000 }).toBe(STORM);

    // One strip, whatever the count, with the rest counted.
    const strip = page.getByTestId('alarm-strip');
    await expect(strip).toHaveCount(1);
    await expect(strip.getByTestId('alarm-banner')).toHaveCount(1);
    await expect(strip.getByTestId('alarm-strip-more')).toHaveText(`and ${STORM - 1} more ringing`);

    // The list says 300 but renders only what is on screen, and scrolls to the end.
    const rows = page.getByTestId('incident-row');
    await expect(page.getByTestId('incident-list-heading')).toHaveText(`Incidents (${STORM})`);
    await expect(rows.first()).toHaveAttribute('aria-setsize', String(STORM));
    expect(await rows.count()).toBeLessThan(60);
    const scroller = page.getByTestId('incident-list-scroller');
    await scroller.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
    const lastRow = page.locator(`[data-testid="incident-row"][aria-posinset="${STORM}"]`);
    await expect(lastRow).toBeVisible();
    expect(await rows.count()).toBeLessThan(60);

    // Keyboard selection reaches rows that are not rendered: select the last, scroll away, press k.
    await lastRow.getByRole('button').click();
    await scroller.evaluate((el) => el.scrollTo({ top: 0 }));
    await expect(lastRow).toHaveCount(0);
    await page.keyboard.press('k');
    const previous = page.locator(`[data-testid="incident-row"][aria-posinset="${STORM - 1}"]`);
    await expect(previous).toHaveAttribute('data-selected', 'true');
    await expect(previous.getByRole('button')).toBeFocused();

    // Acknowledge all: one silence per incident on the real Alertmanager, progress meanwhile.
    proxy.setFault({ kind: 'fail-silence-post', mode: 'error' });
    await strip.getByTestId('ack-all-button').click();
    await expect(page.getByTestId('ack-all-progress')).toContainText(new RegExp(`Acknowledging \\d+ of ${STORM}`));
    await expect(page.getByTestId('ack-all-summary')).toContainText(`${STORM - FAILING} of ${STORM} acknowledged`, { timeout: 150_000 });
    const errors = page.getByTestId('ack-all-error');
    await expect(errors).toHaveCount(FAILING);
    await expect(errors.first()).toContainText(/StormAlert29[789]/);
    await expect(errors.first()).toContainText('fault injected');
    expect(await activeSilences(alertmanager.url)).toHaveLength(STORM - FAILING);
    await expect.poll(ringingInCore).toBe(FAILING);
    // The window catches up with the core (it draws only the newest of the snapshots pushed meanwhile).
    await expect(strip.getByTestId('alarm-strip-more')).toHaveText(`and ${FAILING - 1} more ringing`, { timeout: 60_000 });

    // Once Alertmanager takes silences again, the rest go through and the strip goes away.
    proxy.setFault(null);
    await strip.getByTestId('ack-all-button').click();
    await expect(strip).toHaveCount(0, { timeout: 30_000 });
    const silences = await activeSilences(alertmanager.url);
    expect(silences).toHaveLength(STORM);
    const silenced = new Set(silences.map((s) => s.matchers.find((m) => m.name === 'alertname')?.value));
    expect(silenced.size).toBe(STORM);
  } finally {
    await proxy.stop();
  }
});
