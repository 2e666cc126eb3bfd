import { mkdtempSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AxeBuilder } from '@axe-core/playwright';
import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import type { TimelineEvent } from '../shared/domain.ts';
import { expect, hostConfig, openVigil, test, waitForIncident } from './fixtures/vigil-test.ts';

// The runbook as a live checklist, on real parts: a real Alertmanager fires the playbook's
// HighApiErrorRate, the real host finds examples/runbooks/HighApiErrorRate.md, and Chromium shows
// its phases counting down from the incident's start, copies its kubectl commands, and checks
// steps by keyboard; the checks are journaled and still there after kill -9 and a restart.

const EXAMPLE_RUNBOOKS = resolve(import.meta.dirname, '..', 'examples', 'runbooks');
const MIN = 60_000;

test('the playbook runbook as a checklist: time boxes from the incident start, copyable commands, checks journaled and kept through kill -9', async ({ page, alertmanager, launchHost }) => {
  const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }, { runbooks: { dir: EXAMPLE_RUNBOOKS } }) });
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'], { origin: host.url });
  await page.setViewportSize({ width: 1280, height: 800 });
  const startsAt = new Date(Date.now() - 7 * MIN).toISOString();
  await pushAlerts(alertmanager.url, [
    {
      labels: { alertname: 'HighApiErrorRate', severity: 'critical', service: 'gremlinsai-backend', cluster: 'prod' },
      annotations: { summary: 'API 5xx error rate > 5% for 2+ minutes', runbook_url: 'https://wiki.company.com/gremlinsai/runbooks/high-api-error-rate' },
      startsAt,
    },
    // A second incident: j inside the checklist must move between steps, not to this incident.
    { labels: { alertname: 'WeaviateDown', severity: 'warning', service: 'weaviate', cluster: 'prod' } },
  ]);
  const incident = await waitForIncident(host, (i) => i.alertname === 'HighApiErrorRate', 'HighApiErrorRate');
  await waitForIncident(host, (i) => i.alertname === 'WeaviateDown', 'WeaviateDown');
  await openVigil(page, host);
  await page.getByTestId('incident-row').filter({ hasText: 'HighApiErrorRate' }).click();
  const checklist = page.getByTestId('runbook-checklist');
  await expect(checklist).toBeVisible();
  await expect(checklist.getByTestId('runbook-source')).toContainText('examples/runbooks/HighApiErrorRate.md');

  // Three time-boxed phases, each counting down to incident start + its end; 7 minutes in, the
  // first is overdue (red) and the second is the current one.
  const phases = checklist.getByTestId('runbook-phase').filter({ has: page.getByTestId('runbook-timebox') });
  await expect(phases.getByTestId('runbook-phase-title')).toHaveText(['Immediate Response (0-5 minutes)', 'Investigation (5-15 minutes)', 'Mitigation (15-30 minutes)']);
  await expect(phases.getByTestId('runbook-timebox')).toContainText(['0–5 min', '5–15 min', '15–30 min']);
  const countdowns = phases.getByTestId('runbook-phase-countdown');
  for (const [index, endMin] of [5, 15, 30].entries()) await expect(countdowns.nth(index)).toHaveAttribute('data-deadline', String(incident.startsAt + endMin * MIN));
  await expect(countdowns.nth(0)).toHaveAttribute('data-overdue', 'true');
  await expect(countdowns.nth(0)).toHaveClass(/countdown--overdue/);
  await expect(countdowns.nth(1)).toHaveAttribute('data-overdue', 'false');
  await expect(countdowns.nth(1)).toHaveText(/^0?[78]:\d\d$/);
  await expect(phases.nth(1)).toHaveAttribute('data-current', 'true');

  // The kubectl commands, each with a copy button that puts exactly the command on the clipboard.
  const commands = checklist.getByTestId('runbook-command');
  await expect(commands.first()).toContainText('kubectl get pods -n gremlinsai');
  await expect(commands.filter({ hasText: 'kubectl logs -n gremlinsai' }).getByTestId('copy-command')).toBeVisible();
  await commands.first().getByTestId('copy-command').click();
  await expect(commands.first().getByTestId('copy-command')).toHaveText('Copied');
  // The page's clipboard (the e2e project is typed for Node, whose navigator has none).
  type PageClipboard = { navigator: { clipboard: { readText(): Promise<string>; writeText(text: string): Promise<void> } } };
  const clipboard = () => page.evaluate(() => (globalThis as unknown as PageClipboard).navigator.clipboard.readText());
  expect(await clipboard()).toBe(await commands.first().locator('code').innerText());
  expect(await clipboard()).toContain('kubectl rollout history deployment/gremlinsai-backend-blue -n gremlinsai');

  // Keyboard: Space checks the focused step, j moves to the next step (not the next incident), c copies its command.
  const toggles = checklist.getByTestId('runbook-step-toggle');
  await page.evaluate(() => (globalThis as unknown as PageClipboard).navigator.clipboard.writeText(''));
  await toggles.nth(0).focus();
  await page.keyboard.press(' ');
  await expect(toggles.nth(0)).toHaveAttribute('aria-checked', 'true');
  await page.keyboard.press('j');
  await expect(toggles.nth(1)).toBeFocused();
  await page.keyboard.press('ArrowDown');
  await expect(toggles.nth(2)).toBeFocused();
  await expect(page.getByTestId('detail-title')).toContainText('HighApiErrorRate');
  await page.keyboard.press('c');
  await expect.poll(clipboard).toContain('kubectl get pods -n gremlinsai');
  await page.keyboard.press(' ');
  await expect(toggles.nth(2)).toHaveAttribute('aria-checked', 'true');
  await expect(toggles.nth(1)).toHaveAttribute('aria-checked', 'false');
  await expect(checklist.getByTestId('runbook-progress')).toHaveText('2 of 9 steps checked');

  // Journaled: who, when, which step; on the timeline.
  await expect(page.locator('[data-testid="timeline-event"][data-type="step-checked"]')).toHaveCount(2);
  const stepEvents = (await host.rpc<TimelineEvent[]>('getTimeline', { incidentKey: incident.key, occurrenceId: incident.occurrenceId })).filter((e) => e.type === 'step-checked');
  expect(stepEvents.map((e) => [e.by, e.data?.text])).toEqual([
    ['alex.chen', 'Acknowledge the alert in PagerDuty'],
    ['alex.chen', 'Quick Health Check:'],
  ]);

  // The checklist passes axe in light and dark.
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    const { violations } = await new AxeBuilder({ page }).include('[data-testid="runbook-checklist"]').exclude('.link-button').analyze();
    expect(violations.map((v) => `${colorScheme}: ${v.id}: ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  }

  // kill -9 and restart: the checks are still there (replayed from the journal).
  await host.kill9();
  const again = await host.restart();
  await openVigil(page, again);
  await page.getByTestId('incident-row').filter({ hasText: 'HighApiErrorRate' }).click();
  const after = page.getByTestId('runbook-step-toggle');
  await expect(after.nth(0)).toHaveAttribute('aria-checked', 'true');
  await expect(after.nth(1)).toHaveAttribute('aria-checked', 'false');
  await expect(after.nth(2)).toHaveAttribute('aria-checked', 'true');
  await expect(page.getByTestId('runbook-progress')).toHaveText('2 of 9 steps checked');
});

test('a hostile 2 MB runbook renders as inert text: no script runs, no image is fetched, javascript: links are not links', async ({ page, alertmanager, launchHost }) => {
  // Anything the page might fetch from the runbook (an <img>, a Markdown image) would land here.
  const fetched: string[] = [];
  const bait = http.createServer((req, res) => {
    fetched.push(req.url ?? '');
    res.writeHead(200, { 'content-type': 'image/png' }).end();
  });
  await new Promise<void>((done) => bait.listen(0, '127.0.0.1', done));
  const baitUrl = `http://127.0.0.1:${(bait.address() as AddressInfo).port}`;
  try {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-hostile-runbooks-'));
    const deepList = Array.from({ length: 40 }, (_, i) => `${' '.repeat(i * 3)}1. nested ${i}`).join('\n');
    const hostile = [
      '# Hostile',
      '<script>window.__pwned = 1</script>',
      '',
      '## Respond (0-5 minutes)',
      `1. Look <img src="${baitUrl}/pixel.png" onerror="window.__pwned = 2"> here`,
      '2. Click [me](javascript:window.__pwned=3) or [the wiki](https://wiki.company.com/ok)',
      `3. ![diagram](${baitUrl}/diagram.png) and \u202Egnp.exe`,
      '',
      '## Deep',
      deepList,
      '',
      '## Filler',
      '',
    ].join('\n');
    const filler = 'Filler paragraph that pads this runbook to two megabytes.\n\n';
    writeFileSync(join(dir, 'Hostile.md'), hostile + filler.repeat(Math.ceil((2_000_000 - hostile.length) / filler.length)));

    const dialogs: string[] = [];
    page.on('dialog', (d) => {
      dialogs.push(d.message());
      void d.dismiss();
    });
    const host = await launchHost({ config: hostConfig(alertmanager.url, { id: 'alex.chen' }, { runbooks: { dir } }) });
    await pushAlerts(alertmanager.url, [{ labels: { alertname: 'Hostile', severity: 'critical', service: 'x', cluster: 'prod' } }]);
    await waitForIncident(host, (i) => i.alertname === 'Hostile', 'the hostile incident');
    await openVigil(page, host);
    await page.getByTestId('incident-row').filter({ hasText: 'Hostile' }).click();
    const checklist = page.getByTestId('runbook-checklist');
    await expect(checklist.getByTestId('runbook-truncated')).toContainText('only part of this runbook');

    await expect(checklist.getByTestId('runbook-note').first()).toHaveText('<script>window.__pwned = 1</script>');
    const steps = checklist.getByTestId('runbook-step');
    await expect(steps.nth(0)).toContainText(`<img src="${baitUrl}/pixel.png" onerror="window.__pwned = 2">`);
    await expect(steps.nth(2)).toContainText('[image: diagram]');
    await expect(steps.nth(2)).toContainText('⟨U+202E⟩gnp.exe');
    // The javascript: link is no button, only words and the reason; the https one is a button to openLink.
    await expect(steps.nth(1).getByTestId('runbook-link-refused')).toContainText('scheme javascript: is not allowed');
    await expect(steps.nth(1).getByTestId('runbook-link-button')).toHaveCount(1);
    await expect(steps.nth(1).getByRole('button', { name: 'me', exact: true })).toHaveCount(0);
    // Nested lists are shown to a bounded depth.
    await expect(checklist.getByTestId('runbook-step').filter({ hasText: 'nested 0' })).toHaveCount(1);
    expect(await checklist.getByTestId('runbook-step').filter({ hasText: 'nested 39' }).count()).toBe(0);

    expect(await checklist.locator('img, script, iframe, a').count()).toBe(0);
    expect(await page.locator('body').innerText()).not.toContain('\u202E');
    expect(await page.evaluate(() => (globalThis as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    expect(dialogs).toEqual([]);
    expect(fetched).toEqual([]);
  } finally {
    bait.closeAllConnections();
    await new Promise((done) => bait.close(done));
  }
});
