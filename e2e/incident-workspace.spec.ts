import { mkdtempSync, writeFileSync } from 'node:fs';
import { AxeBuilder } from '@axe-core/playwright';
import type { Locator, Page } from '@playwright/test';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { BROKEN_RULE_NAME, withBrokenRule } from '../test-fixtures/broken-rule.ts';
import { startMetricsExporter } from '../test-fixtures/metrics-exporter.ts';
import { SEED_DASHBOARDS, seedAlertRules } from '../test-fixtures/seed-rules.ts';
import { startPrometheus } from '../test-fixtures/start-prometheus.ts';
import { scaledRotation } from './fixtures/rotation-files.ts';
import { expect, hostConfig, openVigil, snapshotOf, test } from './fixtures/vigil-test.ts';

// The incident workspace on the seed scenario, on real parts: a real Prometheus scrapes the metrics
// fixture and evaluates the playbook's HighApiErrorRate (for: shortened) beside a rule that cannot
// be evaluated. While the rule is pending Vigil lists it as about to fire with the time left, and
// does not alarm; when it fires (Prometheus -> real Alertmanager -> Vigil), the detail shows the
// dashboard button from dashboard_url and the graph of the rule's expression from Prometheus's
// query_range, all of it within a 1280x800 window.

const FOR = '15s';

/** Each of these is wholly inside the window: seen without scrolling or hunting. */
async function expectInWindow(page: Page, parts: Record<string, Locator>): Promise<void> {
  const size = page.viewportSize()!;
  for (const [what, locator] of Object.entries(parts)) {
    const box = await locator.boundingBox();
    expect(box, `${what} is shown`).not.toBeNull();
    expect(box!.y + box!.height, `${what} ends inside the ${size.width}x${size.height} window`).toBeLessThanOrEqual(size.height);
    expect(box!.x + box!.width, `${what} ends inside the window's width`).toBeLessThanOrEqual(size.width);
  }
}

/** axe-core on the workspace's own parts (the graph, dashboards, about-to-fire, rule health), light and dark. */
async function expectAccessible(page: Page, selectors: string[]): Promise<void> {
  for (const colorScheme of ['light', 'dark'] as const) {
    await page.emulateMedia({ colorScheme });
    let builder = new AxeBuilder({ page });
    for (const selector of selectors) builder = builder.include(selector);
    const { violations } = await builder.analyze();
    expect(violations.map((v) => `${colorScheme}: ${v.id} (${v.nodes.length}): ${v.nodes[0]?.target.join(' ')}`)).toEqual([]);
  }
  await page.emulateMedia({ colorScheme: 'light' });
}

test('HighApiErrorRate: about to fire while pending, then the workspace: dashboards, graph, escalation, in 1280x800', async ({ page, alertmanager, launchHost }) => {
  const exporter = await startMetricsExporter();
  const prometheus = await startPrometheus({ alertmanagerUrl: alertmanager.url, rules: withBrokenRule(seedAlertRules({ forDuration: FOR, rateWindow: '5s' })), scrapeTargets: exporter.scrapeTargets });
  try {
    const dir = mkdtempSync(join(tmpdir(), 'vigil-workspace-'));
    const rotationFile = join(dir, 'rotation.yaml');
    writeFileSync(rotationFile, scaledRotation({ secondaryAfter: '15m', managerAfter: '30m', ackWithin: '2m' }));
    const config = hostConfig(alertmanager.url, { id: 'alex.chen', name: 'Alex Chen' }, {
      rotation: { file: rotationFile },
      // The playbook's runbook as the checklist, so the window holds the whole workspace.
      runbooks: { dir: resolve(import.meta.dirname, '..', 'examples', 'runbooks') },
      dashboards: {
        links: [{ name: 'API overview', match: ['service="gremlinsai-backend"'], url: 'https://grafana.example.com/d/api?var-instance={{labels.instance}}&from={{from}}&to={{to}}' }],
      },
    });
    (config.sources as Array<Record<string, unknown>>)[0]!.prometheus = { url: prometheus.url, poll_interval: '500ms', timeout: '2s' };
    const host = await launchHost({ config });
    await page.setViewportSize({ width: 1280, height: 800 });
    await openVigil(page, host);

    // Rule health: the broken rule is flagged in the source's health.
    const brokenRule = page.getByTestId('broken-rule');
    await expect(brokenRule).toContainText(BROKEN_RULE_NAME);
    await expect(brokenRule).toContainText('invalid regular expression');
    await expect(page.getByTestId('prometheus-health')).toHaveAttribute('data-broken-rules', '1');

    // Pending: listed as about to fire with the time left, and nothing rings.
    exporter.setErrorRate(0.5);
    const pending = page.getByTestId('about-to-fire-item').filter({ hasText: 'HighApiErrorRate' });
    await expect(pending).toBeVisible({ timeout: 30_000 });
    await expect(pending.getByTestId('about-to-fire-left')).toHaveText(/^fires in \d+:\d\d$/);
    const firesAt = Number(await pending.getAttribute('data-fires-at'));
    const listed = (await snapshotOf(host)).aboutToFire!.find((p) => p.alertname === 'HighApiErrorRate')!;
    expect(firesAt).toBe(listed.firesAt);
    expect(listed.forMs).toBe(15_000);
    expect((await snapshotOf(host)).incidents.filter((i) => i.alertname === 'HighApiErrorRate')).toEqual([]);
    await expect(page.getByTestId('alarm-banner')).toHaveCount(0);
    await expectAccessible(page, ['[data-testid="about-to-fire"]', '[data-testid="prometheus-health"]']);

    // It fires: Prometheus -> Alertmanager -> Vigil. It leaves the about-to-fire list.
    const row = page.getByTestId('incident-row').filter({ hasText: 'HighApiErrorRate' });
    await expect(row).toHaveAttribute('data-state', 'firing', { timeout: 60_000 });
    await expect(pending).toHaveCount(0);
    await row.click();
    const detail = page.getByTestId('incident-detail');
    await expect(detail.getByTestId('detail-title')).toContainText('HighApiErrorRate');

    // Dashboards: dashboard_url, the Prometheus graph, the configured link filled in for this incident.
    const links = detail.getByTestId('dashboard-link');
    await expect(links.filter({ hasText: /^Dashboard$/ })).toHaveAttribute('data-url', SEED_DASHBOARDS.HighApiErrorRate);
    await expect(links.filter({ hasText: 'Prometheus graph' })).toHaveAttribute("data-url", /^http:\/\/[^/]+\/graph\?g0\.expr=.*gremlinsai_api_errors_total/);
    const configured = await links.filter({ hasText: 'API overview' }).getAttribute('data-url');
    expect(new URL(configured!).searchParams.get('var-instance')).toBe(exporter.target);
    await links.filter({ hasText: /^Dashboard$/ }).click();
    await expect(detail.getByTestId('link-refused')).toHaveCount(0);

    // The playbook's runbook as the checklist: its three time-boxed phases, kubectl commands with copy buttons.
    await expect(detail.getByTestId('runbook-timebox')).toHaveCount(3);
    await expect(detail.getByTestId('runbook-phase-title').filter({ hasText: 'Immediate Response' })).toBeVisible();
    await expect(detail.getByTestId('runbook-command').filter({ hasText: 'kubectl' }).first().getByTestId('copy-command')).toBeVisible();

    // The graph: drawn on a canvas from Prometheus's query_range, with a text alternative.
    const graph = detail.getByTestId('incident-graph');
    await expect(graph).toHaveAttribute('data-status', 'ok');
    const canvas = graph.getByTestId('incident-graph-canvas').locator('canvas');
    await expect(canvas).toBeVisible();
    expect((await canvas.boundingBox())!.width).toBeGreaterThan(200);
    const text = graph.getByTestId('incident-graph-text');
    await expect(text).toContainText('gremlinsai_api_errors_total');
    await expect(text).toContainText('The incident started at');
    // 50 % of requests fail: the expression (error percentage) reads 50, as Prometheus computed it.
    await expect(text).toContainText('Latest value 50');
    await expect(graph.getByRole('figure')).toHaveAccessibleName(/^Graph of .*gremlinsai_api_errors_total/);

    // The first five minutes without hunting: all of it inside the 1280x800 window.
    const clock = detail.getByTestId('escalation-clock');
    await expectInWindow(page, {
      'what fired': detail.getByTestId('detail-title'),
      'how bad (the ack deadline)': detail.getByTestId('detail-ack-deadline'),
      summary: detail.getByTestId('incident-summary'),
      dashboards: detail.getByTestId('dashboard-links'),
      "the checklist's current phase": detail.locator('[data-testid="runbook-phase"][data-current="true"] [data-testid="runbook-phase-title"]'),
      'the graph': canvas,
      "the graph's reading": graph.getByTestId('incident-graph-short'),
      'the escalation deadlines': clock.getByTestId('escalation-ack-countdown'),
      'the current escalation step': clock.locator('[data-testid="escalation-step"][data-current="true"]'),
    });
    await page.screenshot({ path: 'docs/images/vigil-workspace.png' });
    await expectAccessible(page, ['[data-testid="incident-graph"]', '[data-testid="dashboard-links"]']);
  } finally {
    await prometheus.stop();
    await exporter.stop();
  }
});

// The worst case for room: the demo (its banner, three ringing alarms) with the playbook's runbook
// as a checklist. The first five minutes still fit 1280x800: what fired and how bad, the checklist's
// current phase, the graph's place, the dashboards and the escalation clock.
test('the demo incident with its runbook checklist fits a 1280x800 window', async ({ page, launchHost }) => {
  const host = await launchHost({ config: null });
  await page.setViewportSize({ width: 1280, height: 800 });
  await openVigil(page, host);
  await page.getByTestId('incident-row').filter({ hasText: 'HighApiErrorRate' }).click();
  const detail = page.getByTestId('incident-detail');
  await expect(detail.getByTestId('detail-title')).toContainText('HighApiErrorRate');
  const phase = detail.locator('[data-testid="runbook-phase"][data-current="true"]');
  await expect(phase).toBeVisible();
  await expect(detail.getByTestId('incident-graph')).toHaveAttribute('data-status', 'unavailable');
  const clock = detail.getByTestId('escalation-clock');
  await expectInWindow(page, {
    'what fired': detail.getByTestId('detail-title'),
    'how bad (the ack deadline)': detail.getByTestId('detail-ack-deadline'),
    summary: detail.getByTestId('incident-summary'),
    dashboards: detail.getByTestId('dashboard-links'),
    "the graph's place": detail.getByTestId('incident-graph-status'),
    "the checklist's current phase": phase.getByTestId('runbook-phase-title'),
    'its first step': phase.getByTestId('runbook-step').first(),
    'the escalation deadlines': clock.getByTestId('escalation-ack-countdown'),
    'the current escalation step': clock.locator('[data-testid="escalation-step"][data-current="true"]'),
  });
});
