import type { Browser, Page } from 'playwright';
import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { startAlertmanager } from '../test-fixtures/start-alertmanager.ts';
import { firingTimes, FLEET_ALERTMANAGER_CONFIG, TEAM_RECEIVER } from './fleet-alerts.ts';
import { timePageLoad } from './page-timing.ts';
import { startProbedHost, waitForSnapshot } from './probed-host.ts';
import { summarize, type Summary } from './stats.ts';

// Row "300 distinct incidents ringing": cold loads of Vigil's window while 300 incidents ring:
// until the alarm strip is painted, and until the window is usable (strip, "Acknowledge all
// ringing" enabled, the list showing rows); how many rows the list renders (virtualized: only
// those in view); and frame times while the list is scrolled top to bottom and back, one step
// per animation frame, against the same page's frame times at rest.

export interface StormWindow {
  incidents: number;
  runs: number;
  stripMs: Summary;
  usableMs: Summary;
  loadEventMs: Summary;
  fcpMs: Summary;
  renderedRows: number;
  maxRenderedRowsWhileScrolling: number;
  restFps: number;
  scroll: { frames: number; fps: number; frameMs: Summary; over33ms: number };
}

const STRIP = { selector: '[data-testid="alarm-strip"]' };

interface FrameRun {
  intervals: number[];
  maxRows: number;
}

/** Frame intervals over `frames` animation frames, scrolling the list by `step` px per frame (0: at rest). */
function frameRun(page: Page, frames: number, step: number): Promise<FrameRun> {
  return page.evaluate(
    ({ frames, step }) =>
      new Promise<FrameRun>((resolve) => {
        // The page's globals (DOM typings are not in this Node project).
        interface Scroller {
          scrollTop: number;
          clientHeight: number;
          scrollHeight: number;
          querySelectorAll(selector: string): { length: number };
        }
        const browserGlobals = globalThis as unknown as { document: { querySelector(selector: string): Scroller | null }; requestAnimationFrame(callback: (t: number) => void): number };
        const requestAnimationFrame = browserGlobals.requestAnimationFrame.bind(globalThis);
        const scroller = browserGlobals.document.querySelector('[data-testid="incident-list-scroller"]')!;
        const stamps: number[] = [];
        let direction = 1;
        let maxRows = 0;
        const frame = (t: number) => {
          stamps.push(t);
          maxRows = Math.max(maxRows, scroller.querySelectorAll('[data-testid="incident-row"]').length);
          if (step > 0) {
            if (scroller.scrollTop + scroller.clientHeight >= scroller.scrollHeight - 1) direction = -1;
            else if (scroller.scrollTop <= 0) direction = 1;
            scroller.scrollTop += direction * step;
          }
          if (stamps.length < frames) requestAnimationFrame(frame);
          else resolve({ intervals: stamps.slice(1).map((s, i) => s - stamps[i]!), maxRows });
        };
        requestAnimationFrame(frame);
      }),
    { frames, step },
  );
}

export async function measureStormWindow(options: { browser: Browser; incidents: number; runs: number; log: (line: string) => void }): Promise<StormWindow> {
  const am = await startAlertmanager({ configYaml: FLEET_ALERTMANAGER_CONFIG, lifetimeMs: 10 * 60_000 });
  let host: Awaited<ReturnType<typeof startProbedHost>> | null = null;
  try {
    const times = firingTimes(Date.now(), 3_600_000);
    await pushAlerts(
      am.url,
      Array.from({ length: options.incidents }, (_, i) => ({
        labels: { alertname: `StormAlert${String(i).padStart(3, '0')}`, severity: 'critical', cluster: 'prod', service: `svc-${i % 10}` },
        annotations: { summary: `Storm alert ${i} is firing`, runbook_url: 'https://wiki.company.com/gremlinsai/runbooks/high-api-error-rate' },
        ...times,
      })),
    );
    host = await startProbedHost({ me: { id: 'bench-storm' }, sources: [{ id: 'am', urls: [am.url], receiver: TEAM_RECEIVER }] });
    await waitForSnapshot(host, (s) => s.incidents.filter((i) => i.alarm !== null).length === options.incidents, `${options.incidents} incidents ringing`, 60_000);

    const strip: number[] = [];
    const usable: number[] = [];
    const load: number[] = [];
    const fcp: number[] = [];
    let rendered = 0;
    let scrolled: { rest: FrameRun; scroll: FrameRun } | undefined;
    for (let run = 0; run < options.runs; run++) {
      const timing = await timePageLoad(
        options.browser,
        host.host.openUrl,
        [{ all: [STRIP] }, { all: [STRIP, { selector: '[data-testid="incident-row"]' }, { selector: '[data-testid="ack-all-button"]', enabled: true }] }],
        async (page) => {
          const rows = await page.getByTestId('incident-row').count();
          const last = run === options.runs - 1;
          return { rows, frames: last ? { rest: await frameRun(page, 61, 0), scroll: await frameRun(page, 361, 80) } : undefined };
        },
      );
      const stripAt = timing.marksMs[0]!;
      strip.push(stripAt);
      usable.push(timing.shownMs);
      if (timing.loadEventMs !== null) load.push(timing.loadEventMs);
      if (timing.firstContentfulPaintMs !== null) fcp.push(timing.firstContentfulPaintMs);
      rendered = timing.after!.rows;
      scrolled = timing.after!.frames ?? scrolled;
      options.log(`  run ${run + 1}: alarm strip ${stripAt.toFixed(0)} ms, usable ${timing.shownMs.toFixed(0)} ms, ${rendered} rows rendered of ${options.incidents}`);
    }
    const rest = scrolled!.rest.intervals;
    const scroll = scrolled!.scroll.intervals;
    const fps = (intervals: number[]) => (intervals.length * 1000) / intervals.reduce((a, b) => a + b, 0);
    return {
      incidents: options.incidents,
      runs: options.runs,
      stripMs: summarize(strip),
      usableMs: summarize(usable),
      loadEventMs: summarize(load),
      fcpMs: summarize(fcp),
      renderedRows: rendered,
      maxRenderedRowsWhileScrolling: scrolled!.scroll.maxRows,
      restFps: fps(rest),
      scroll: { frames: scroll.length, fps: fps(scroll), frameMs: summarize(scroll), over33ms: scroll.filter((i) => i > 33.4).length },
    };
  } finally {
    await host?.stop();
    await am.stop();
  }
}
