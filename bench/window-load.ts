import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Browser } from 'playwright';
import { startAlertmanager } from '../test-fixtures/start-alertmanager.ts';
import { BENCH_ALERTNAME, startBenchPrometheus } from './bench-prometheus.ts';
import { alertmanagerAlertCount, FLEET_ALERTMANAGER_CONFIG, TEAM_RECEIVER } from './fleet-alerts.ts';
import { timePageLoad, type PageTiming } from './page-timing.ts';
import type { LoopCauses } from './host-probe.ts';
import { startProbedHost, waitForSnapshot } from './probed-host.ts';
import { startSeriesExporter } from './series-exporter.ts';
import { sleep, summarize, type Summary } from './stats.ts';

// Row "window shows the incident, 10k alerts in Alertmanager": a real Prometheus fires one rule
// for 10k series into a real Alertmanager; Vigil (the host, default settings) groups them into
// one incident. In the same Chromium, cold loads of Prometheus's own /classic/alerts page (until
// the rule is on screen after the page's load event) against Vigil's window (until the incident
// row shows its 10,000 alerts: in the first frame the host serves, then in the app's own list).
// Beside them, the same cold load of a page with one line of text: what any page costs this
// browser, the floor under both. Meanwhile the host's event loop is watched from inside.

export interface WindowLoad {
  alerts: number;
  runs: number;
  prometheus: { shownMs: Summary; loadEventMs: Summary; fcpMs: Summary };
  vigil: { shownMs: Summary; loadEventMs: Summary; fcpMs: Summary };
  /** When the app (React) showed the incident row in its own list, the first frame replaced. */
  vigilAppMs: Summary;
  /** A page with one line of text, from a bare HTTP server on loopback: the floor for any page. */
  blankPage: { shownMs: Summary; fcpMs: Summary };
  hostLoopMaxMs: number;
  /** Host event loop over a few of its polls at 10k alerts, with no window open. */
  hostPollLoopMaxMs: number;
  /** The same two, told apart: what the host's own work held the loop, and the CPU wait in the longest delay (null without /proc schedstat). */
  hostLoopCauses: LoopCauses | null;
  hostPollLoopCauses: LoopCauses | null;
  /**
   * The same, over Vigil's window loads only (the host probed right before and right after each):
   * the loads of Prometheus's page, which keep both cores busy for 1.5-2 s, left out.
   */
  hostLoopWhileVigilLoadedMaxMs: number;
  hostLoopWhileVigilLoadedCauses: LoopCauses | null;
}

/** The larger of two loop-cause records, field by field (the longest delay keeps its own CPU wait). */
function longerCauses(a: LoopCauses | null, b: LoopCauses | null): LoopCauses | null {
  if (a === null || b === null) return a ?? b;
  const late = b.lateMaxMs > a.lateMaxMs ? b : a;
  return { ownMaxMs: Math.max(a.ownMaxMs, b.ownMaxMs), lateMaxMs: late.lateMaxMs, waitInLateMaxMs: late.waitInLateMaxMs };
}

function summarizeTimings(timings: PageTiming[]) {
  const of = (pick: (t: PageTiming) => number | null) => summarize(timings.map(pick).filter((v): v is number => v !== null));
  return { shownMs: of((t) => t.shownMs), loadEventMs: of((t) => t.loadEventMs), fcpMs: of((t) => t.firstContentfulPaintMs) };
}

/** Serves one line of text on a free loopback port, for the blank-page floor. */
async function startBlankPage(): Promise<{ url: string; stop: () => Promise<void> }> {
  const server = createServer((_req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/html; charset=utf-8', 'Cache-Control': 'no-store' });
    res.end('<!doctype html><html lang="en"><title>blank</title><p id="blank">blank</p></html>');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/`, stop: () => new Promise((resolve) => server.close(() => resolve())) };
}

export async function measureWindowLoad(options: { browser: Browser; alerts: number; runs: number; log: (line: string) => void }): Promise<WindowLoad> {
  const { alerts, log } = options;
  const exporter = await startSeriesExporter(alerts);
  const am = await startAlertmanager({ configYaml: FLEET_ALERTMANAGER_CONFIG, lifetimeMs: 10 * 60_000 });
  let prometheus: Awaited<ReturnType<typeof startBenchPrometheus>> | null = null;
  let host: Awaited<ReturnType<typeof startProbedHost>> | null = null;
  let blankPage: Awaited<ReturnType<typeof startBlankPage>> | null = null;
  const vigilApp: number[] = [];
  try {
    prometheus = await startBenchPrometheus(am.url, exporter.target);
    const deadline = Date.now() + 120_000;
    while ((await alertmanagerAlertCount(am.url)) < alerts) {
      if (Date.now() > deadline) throw new Error(`Alertmanager holds ${await alertmanagerAlertCount(am.url)} of the ${alerts} alerts Prometheus fires. Prometheus stderr:\n${prometheus.stderrTail()}`);
      await sleep(1_000);
    }
    log(`  Prometheus fired ${alerts} alerts into Alertmanager`);
    host = await startProbedHost({ me: { id: 'bench-window' }, sources: [{ id: 'am', urls: [am.url], receiver: TEAM_RECEIVER }] }, { loopCauses: true });
    await waitForSnapshot(host, (s) => s.incidents.some((i) => i.alertname === BENCH_ALERTNAME && i.alertCount === alerts), `the host to show one incident of ${alerts} alerts`, 120_000);
    // The loop over a few polls (full and fast) at 10k alerts, before any window opens.
    await host.probe();
    // Two full polls at the default 30 s interval (with its jitter), and the fast polls between.
    await host.waitForRequests('alerts-full', 2, 120_000);
    const pollLoop = await host.probe();

    const countText = `${alerts.toLocaleString('en-US')} alerts`;
    const prom: PageTiming[] = [];
    const vigil: PageTiming[] = [];
    const blank: PageTiming[] = [];
    blankPage = await startBlankPage();
    let vigilLoopMaxMs = 0;
    let vigilLoopCauses: LoopCauses | null = null;
    // The windows' loop figure below covers every load; this one only Vigil's own.
    let loopBeforeVigil = { maxMs: 0, causes: null as LoopCauses | null };
    for (let run = 0; run < options.runs; run++) {
      // The rule's header row ("BenchSeriesAboveZero (10000 active)") once the load event is due.
      prom.push(await timePageLoad(options.browser, `${prometheus.url}/classic/alerts`, [{ all: [{ selector: 'tr.alert_header', hasText: `(${alerts} active)` }], afterLoadEvent: true }]));
      // Shown: the incident's row with its count, in the host's first frame or the app's list,
      // whichever the page shows first; then the app's own row.
      const shown = { all: [{ selector: '[data-testid="first-frame-count"], [data-testid="incident-count"]', hasText: countText }] };
      const app = { all: [{ selector: '[data-testid="incident-count"]', hasText: countText }] };
      const before = await host.probe();
      loopBeforeVigil = { maxMs: Math.max(loopBeforeVigil.maxMs, before.loop.maxMs), causes: longerCauses(loopBeforeVigil.causes, before.loopCauses) };
      const page = await timePageLoad(options.browser, host.host.openUrl, [shown, app]);
      const during = await host.probe();
      vigilLoopMaxMs = Math.max(vigilLoopMaxMs, during.loop.maxMs);
      vigilLoopCauses = longerCauses(vigilLoopCauses, during.loopCauses);
      vigil.push({ ...page, shownMs: page.marksMs[0]! });
      vigilApp.push(page.marksMs[1]!);
      blank.push(await timePageLoad(options.browser, blankPage.url, [{ all: [{ selector: '#blank', hasText: 'blank' }] }]));
      log(`  run ${run + 1}: Prometheus /classic/alerts ${(prom.at(-1)!.shownMs / 1000).toFixed(2)} s, Vigil ${(vigil.at(-1)!.shownMs / 1000).toFixed(2)} s (app ${(vigilApp.at(-1)! / 1000).toFixed(2)} s), blank page ${(blank.at(-1)!.shownMs / 1000).toFixed(2)} s`);
    }
    const last = await host.probe();
    // Every load's delays: those probed before each Vigil load (Prometheus's and the blank page's
    // loads), during it, and after the last.
    const loop = {
      loop: { maxMs: Math.max(loopBeforeVigil.maxMs, vigilLoopMaxMs, last.loop.maxMs) },
      loopCauses: longerCauses(longerCauses(loopBeforeVigil.causes, vigilLoopCauses), last.loopCauses),
    };
    return {
      alerts,
      runs: options.runs,
      prometheus: summarizeTimings(prom),
      vigil: summarizeTimings(vigil),
      vigilAppMs: summarize(vigilApp),
      blankPage: (({ shownMs, fcpMs }) => ({ shownMs, fcpMs }))(summarizeTimings(blank)),
      hostLoopMaxMs: loop.loop.maxMs,
      hostPollLoopMaxMs: pollLoop.loop.maxMs,
      hostLoopCauses: loop.loopCauses,
      hostPollLoopCauses: pollLoop.loopCauses,
      hostLoopWhileVigilLoadedMaxMs: vigilLoopMaxMs,
      hostLoopWhileVigilLoadedCauses: vigilLoopCauses,
    };
  } finally {
    await blankPage?.stop();
    await host?.stop();
    await prometheus?.stop();
    await am.stop();
    await exporter.stop();
  }
}
