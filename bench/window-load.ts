import type { Browser } from 'playwright';
import { startAlertmanager } from '../test-fixtures/start-alertmanager.ts';
import { BENCH_ALERTNAME, startBenchPrometheus } from './bench-prometheus.ts';
import { alertmanagerAlertCount, FLEET_ALERTMANAGER_CONFIG, TEAM_RECEIVER } from './fleet-alerts.ts';
import { timePageLoad, type PageTiming } from './page-timing.ts';
import { startProbedHost, waitForSnapshot } from './probed-host.ts';
import { startSeriesExporter } from './series-exporter.ts';
import { sleep, summarize, type Summary } from './stats.ts';

// Row "window shows the incident, 10k alerts in Alertmanager": a real Prometheus fires one rule
// for 10k series into a real Alertmanager; Vigil (the host, default settings) groups them into
// one incident. In the same Chromium, cold loads of Prometheus's own /classic/alerts page (until
// the rule is on screen after the page's load event) against Vigil's window (until the incident
// row shows its 10,000 alerts). Meanwhile the host's event loop is watched from inside.

export interface WindowLoad {
  alerts: number;
  runs: number;
  prometheus: { shownMs: Summary; loadEventMs: Summary; fcpMs: Summary };
  vigil: { shownMs: Summary; loadEventMs: Summary; fcpMs: Summary };
  hostLoopMaxMs: number;
  hostLoopP99Ms: number;
  /** Host event loop over a few of its polls at 10k alerts, with no window open. */
  hostPollLoopMaxMs: number;
}

function summarizeTimings(timings: PageTiming[]) {
  const of = (pick: (t: PageTiming) => number | null) => summarize(timings.map(pick).filter((v): v is number => v !== null));
  return { shownMs: of((t) => t.shownMs), loadEventMs: of((t) => t.loadEventMs), fcpMs: of((t) => t.firstContentfulPaintMs) };
}

export async function measureWindowLoad(options: { browser: Browser; alerts: number; runs: number; log: (line: string) => void }): Promise<WindowLoad> {
  const { alerts, log } = options;
  const exporter = await startSeriesExporter(alerts);
  const am = await startAlertmanager({ configYaml: FLEET_ALERTMANAGER_CONFIG, lifetimeMs: 10 * 60_000 });
  let prometheus: Awaited<ReturnType<typeof startBenchPrometheus>> | null = null;
  let host: Awaited<ReturnType<typeof startProbedHost>> | null = null;
  try {
    prometheus = await startBenchPrometheus(am.url, exporter.target);
    const deadline = Date.now() + 120_000;
    while ((await alertmanagerAlertCount(am.url)) < alerts) {
      if (Date.now() > deadline) throw new Error(`Alertmanager holds ${await alertmanagerAlertCount(am.url)} of the ${alerts} alerts Prometheus fires. Prometheus stderr:\n${prometheus.stderrTail()}`);
      await sleep(1_000);
    }
    log(`  Prometheus fired ${alerts} alerts into Alertmanager`);
    host = await startProbedHost({ me: { id: 'bench-window' }, sources: [{ id: 'am', urls: [am.url], receiver: TEAM_RECEIVER }] });
    await waitForSnapshot(host, (s) => s.incidents.some((i) => i.alertname === BENCH_ALERTNAME && i.alertCount === alerts), `the host to show one incident of ${alerts} alerts`, 120_000);
    // The loop over a few polls (full and fast) at 10k alerts, before any window opens.
    await host.probe();
    // Two full polls at the default 30 s interval (with its jitter), and the fast polls between.
    await host.waitForRequests('alerts-full', 2, 120_000);
    const pollLoop = await host.probe();

    const countText = `${alerts.toLocaleString('en-US')} alerts`;
    const prom: PageTiming[] = [];
    const vigil: PageTiming[] = [];
    for (let run = 0; run < options.runs; run++) {
      // The rule's header row ("BenchSeriesAboveZero (10000 active)") once the load event is due.
      prom.push(await timePageLoad(options.browser, `${prometheus.url}/classic/alerts`, [{ all: [{ selector: 'tr.alert_header', hasText: `(${alerts} active)` }], afterLoadEvent: true }]));
      vigil.push(await timePageLoad(options.browser, host.host.openUrl, [{ all: [{ selector: '[data-testid="incident-count"]', hasText: countText }] }]));
      log(`  run ${run + 1}: Prometheus /classic/alerts ${(prom.at(-1)!.shownMs / 1000).toFixed(2)} s, Vigil ${(vigil.at(-1)!.shownMs / 1000).toFixed(2)} s`);
    }
    const loop = await host.probe();
    return {
      alerts,
      runs: options.runs,
      prometheus: summarizeTimings(prom),
      vigil: summarizeTimings(vigil),
      hostLoopMaxMs: loop.loop.maxMs,
      hostLoopP99Ms: loop.loop.p99Ms,
      hostPollLoopMaxMs: pollLoop.loop.maxMs,
    };
  } finally {
    await host?.stop();
    await prometheus?.stop();
    await am.stop();
    await exporter.stop();
  }
}
