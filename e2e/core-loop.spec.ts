import { startMetricsExporter } from '../test-fixtures/metrics-exporter.ts';
import { startPrometheus } from '../test-fixtures/start-prometheus.ts';
import { seedAlertRules } from '../test-fixtures/seed-rules.ts';
import { activeSilences, amSilences } from './fixtures/alertmanager-api.ts';
import { expect, hostConfig, openVigil, snapshotOf, test, waitForIncident } from './fixtures/vigil-test.ts';
import type { TimelineEvent } from '../shared/domain.ts';

// The core loop on real parts: a seed rule fires in Prometheus, reaches Alertmanager, Vigil raises
// an alarm (UI + dunst notification), the engineer acks, the ack is a real silence that a teammate's
// Vigil sees, and the alert resolving ends it all.
test('a firing rule alarms, the ack becomes a silence a teammate sees, and resolving ends it', async ({ page, browser, alertmanager, desktop, launchHost }) => {
  const exporter = await startMetricsExporter();
  const prometheus = await startPrometheus({ alertmanagerUrl: alertmanager.url, rules: seedAlertRules({ forDuration: '1s' }), scrapeTargets: exporter.scrapeTargets });
  try {
    const alex = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen', name: 'Alex Chen' }) });
    await openVigil(page, alex);
    const before = await desktop.notificationCount();

    exporter.setWeaviateUp(false);
    const row = page.getByTestId('incident-row').filter({ hasText: 'WeaviateDown' });
    await expect(row).toHaveAttribute('data-state', 'firing', { timeout: 60_000 });
    const banner = page.getByTestId('alarm-banner').filter({ hasText: 'WeaviateDown' });
    await expect(banner).toBeVisible();

    // The countdown runs: two readings a moment apart differ.
    const countdown = banner.getByTestId('alarm-countdown');
    const first = await countdown.textContent();
    await expect.poll(() => countdown.textContent(), { timeout: 5000 }).not.toBe(first);

    // A real notification reached the real daemon.
    await expect.poll(() => desktop.notificationCount(), { timeout: 15_000 }).toBeGreaterThan(before);
    const history = await desktop.notificationHistory();
    expect(history.some((n) => n.summary.includes('WeaviateDown'))).toBe(true);

    await banner.getByTestId('ack-button').click();
    await expect(row).toHaveAttribute('data-state', 'acked');
    await expect(page.getByTestId('alarm-banner').filter({ hasText: 'WeaviateDown' })).toHaveCount(0);
    const silences = await activeSilences(alertmanager.url);
    expect(silences).toHaveLength(1);
    expect(silences[0]!.createdBy).toBe('alex.chen');
    expect(silences[0]!.matchers).toContainEqual(expect.objectContaining({ name: 'alertname', value: 'WeaviateDown', isRegex: false }));

    // A teammate's Vigil on the same Alertmanager shows who acked, and never alarms.
    const sarah = await launchHost({ config: hostConfig(alertmanager.url, { id: 'sarah.johnson', name: 'Sarah Johnson' }) });
    const sarahPage = await browser.newPage();
    await openVigil(sarahPage, sarah);
    const sarahRow = sarahPage.getByTestId('incident-row').filter({ hasText: 'WeaviateDown' });
    await expect(sarahRow.getByTestId('incident-acked-by')).toContainText('acked by alex.chen');
    const incidentKey = (await sarahRow.getAttribute('data-incident-key'))!;
    const sarahTimeline = await sarah.rpc<TimelineEvent[]>('getTimeline', { incidentKey });
    expect(sarahTimeline.map((e) => e.type)).toContain('acked-by-other');
    expect(sarahTimeline.map((e) => e.type)).not.toContain('alarm-raised');
    expect((await snapshotOf(sarah)).incidents.find((i) => i.key === incidentKey)?.alarm).toBeNull();

    // The alert resolves: the incident ends and my ack silence is expired, not left behind.
    exporter.setWeaviateUp(true);
    await waitForIncident(alex, (i) => i.key === incidentKey && i.state === 'resolved', 'WeaviateDown resolved', 60_000);
    await expect.poll(async () => (await activeSilences(alertmanager.url)).length, { timeout: 15_000 }).toBe(0);
    const timeline = await alex.rpc<TimelineEvent[]>('getTimeline', { incidentKey });
    expect(timeline.map((e) => e.type)).toEqual(expect.arrayContaining(['first-seen', 'alarm-raised', 'notification-shown', 'ack-requested', 'acked', 'resolved', 'silence-expired']));
    expect((await amSilences(alertmanager.url)).filter((s) => s.createdBy === 'alex.chen')).toHaveLength(1);
  } finally {
    await prometheus.stop();
    await exporter.stop();
  }
});
