import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { expect, hostConfig, openVigil, test, waitForIncident } from './fixtures/vigil-test.ts';

// Labels and annotations are untrusted: markup, scripts, javascript: links, bidi controls and a
// 1 MB string must be inert text in the UI and in notifications.
test('hostile labels and annotations are inert text in the UI and in notifications', async ({ page, alertmanager, desktop, launchHost }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }) });
  await openVigil(page, host);
  await pushAlerts(alertmanager.url, [
    {
      labels: { alertname: 'Hostile<img src=x onerror=alert(1)>', severity: 'critical', service: '\u202Egnp.exe', cluster: 'prod', big: 'A'.repeat(1024 * 1024) },
      annotations: {
        summary: '<img src=x onerror="window.__pwned=1">',
        description: '<script>window.__pwned=2</script>',
        runbook_url: 'javascript:window.__pwned=3',
        dashboard_url: 'javascript:alert(document.domain)',
      },
    },
  ]);
  const incident = await waitForIncident(host, (i) => i.alertname.startsWith('Hostile'), 'hostile incident');
  const row = page.getByTestId('incident-row').filter({ hasText: 'Hostile<img' });
  await expect(row).toBeVisible();
  await row.click();
  await expect(page.getByTestId('incident-annotations')).toContainText('<img src=x onerror="window.__pwned=1">');
  await expect(page.getByTestId('incident-annotations')).toContainText('<script>window.__pwned=2</script>');
  expect(await page.locator('img[src="x"]').count()).toBe(0);
  expect(await page.locator('main script, #root script').count()).toBe(0);
  // Bidi override is shown neutralised, not applied.
  expect(await page.locator('body').innerText()).not.toContain('\u202E');
  // The 1 MB label is cut for display.
  expect((await page.getByTestId('incident-labels').innerText()).length).toBeLessThan(50_000);

  // javascript: links are refused by the main-process allowlist.
  const verdict = await host.rpc<{ opened: boolean; reason: string }>('openLink', { url: incident.runbookUrl });
  expect(verdict).toEqual({ opened: false, reason: expect.stringContaining('javascript:') });
  const runbookButton = page.getByRole('button', { name: /runbook/i }).first();
  if (await runbookButton.count()) await runbookButton.click();
  expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
  expect(dialogs).toEqual([]);

  // The notification carries the text escaped for the daemon's markup, with no bidi control.
  await expect.poll(async () => (await desktop.notificationHistory()).some((n) => n.summary.includes('Hostile')), { timeout: 15_000 }).toBe(true);
  const note = (await desktop.notificationHistory()).find((n) => n.summary.includes('Hostile'))!;
  expect(note.summary + note.body).not.toContain('\u202E');
  // The body is Pango markup for the daemon, so it must arrive escaped; the summary is plain text
  // by the notification spec (the daemon escapes it), so the literal text is what must arrive there.
  expect(note.body).not.toMatch(/<img|<script/);
  expect(note.body).toContain('&lt;img src=x onerror=');
  expect(note.summary).toContain('Hostile<img src=x onerror=alert(1)>');
  expect((note.summary + note.body).length).toBeLessThan(2000);
});
