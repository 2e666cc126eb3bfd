import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { chromium, type Browser } from 'playwright';
import playwrightConfig from '../playwright.config.ts';
import { startDesktopSession } from '../test-fixtures/desktop-session.ts';
import { startAlertmanager } from '../test-fixtures/start-alertmanager.ts';
import { measureAlarmLatency } from './alarm-latency.ts';
import { measureAlertmanagerCost } from './alertmanager-cost.ts';
import { measureCorePollCost } from './core-poll-cost.ts';
import { alertmanagerAlertCount, firingTimes, FLEET_ALERTMANAGER_CONFIG, fleetAlerts, pushInBatches } from './fleet-alerts.ts';
import { measureIdleCost } from './idle-cost.ts';
import { measurePollPieces } from './poll-pieces.ts';
import { machineInfo } from './proc-stats.ts';
import { buildReport, type BenchResults, type Outcome } from './report.ts';
import { measureStormWindow } from './storm-window.ts';
import { measureWindowLoad } from './window-load.ts';

// `npm run bench`: every row of issue 10's table in one run, each beside its reference, against
// real servers (Alertmanager, Prometheus, the headless host, Chromium). Writes docs/benchmarks.md.
// About 10 minutes on 2 cores; `--quick` (about 5) for a rough look while working; `--50k` adds
// a 50k-alert point to the core's scale table (about 3.5 minutes more); `--no-build` when
// dist/renderer is fresh. Not a test: nothing here asserts a speed, and CI does not run it.

const { values: flags } = parseArgs({
  options: {
    quick: { type: 'boolean', default: false },
    '50k': { type: 'boolean', default: false },
    'no-build': { type: 'boolean', default: false },
    /** Comma-separated phases to run (core1k, idle, core10k, pieces, amCost, latency, window, storm); the Markdown is not written. */
    only: { type: 'string' },
    /** Where the Markdown goes (docs/benchmarks.md by default); the raw results go beside it in the temp dir. */
    out: { type: 'string' },
    /** Only rewrite the Markdown from a results file a run saved (after a change to report.ts). */
    'report-from': { type: 'string' },
  },
});
const quick = flags.quick;
const repoRoot = join(import.meta.dirname, '..');
const started = performance.now();
const log = (line: string) => process.stdout.write(`[${((performance.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}\n`);

const only = flags.only === undefined ? null : new Set(flags.only.split(','));

async function phase<T>(name: string, run: () => Promise<T>, key: string): Promise<Outcome<T> | undefined> {
  if (only !== null && !only.has(key)) return undefined;
  await freshNotificationDaemon();
  log(`${name}…`);
  const t = performance.now();
  try {
    const value = await run();
    log(`${name} done in ${((performance.now() - t) / 1000).toFixed(0)} s`);
    return { ok: true, value, seconds: (performance.now() - t) / 1000 };
  } catch (error) {
    const cause = error instanceof Error && error.cause instanceof Error ? ` (cause: ${error.cause.message})` : '';
    const message = error instanceof Error ? `${error.message}${cause}\n${error.stack ?? ''}` : String(error);
    log(`${name} FAILED: ${message}`);
    return { ok: false, error: message.split('\n')[0]!, seconds: (performance.now() - t) / 1000 };
  }
}

// A stray socket error (a server stopped under a connection) must not lose the whole run.
process.on('uncaughtException', (error) => log(`stray error, run continues: ${error.stack ?? error.message}`));

const out = flags.out ?? join(repoRoot, 'docs', 'benchmarks.md');
if (flags['report-from']) {
  writeFileSync(out, buildReport(JSON.parse(readFileSync(flags['report-from'], 'utf8')) as BenchResults));
  log(`wrote ${out} from ${flags['report-from']}`);
  process.exit(0);
}

if (!flags['no-build']) {
  log('building the renderer (vite build)…');
  const build = spawnSync(join(repoRoot, 'node_modules', '.bin', 'vite'), ['build', '--logLevel', 'warn'], { cwd: repoRoot, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('vite build failed');
}

// Every host inherits this process's environment: give them a private desktop (Xvfb, D-Bus,
// dunst), so their notifications are really shown as on a workstation, not failing spawns.
const desktop = await startDesktopSession({ lifetimeMs: 30 * 60_000 });
Object.assign(process.env, desktop.env);

// Each phase starts with a notification daemon holding nothing, as a workstation whose user has
// dealt with earlier alarms. Critical notifications stay until dismissed, and dunst redraws the
// ones it shows every second once they are a minute old (their age): in a private desktop, 200 of
// them cost dunst and Xvfb 4.6% of a core fresh and a whole core a minute later. In a full run
// without this (2026-12-07 21:04 UTC), dunst's CPU grew from the 50-Vigil phase on (those hosts
// share this one desktop) to 18-30% of a core, Xvfb 6-12%, through the window phases.
async function freshNotificationDaemon(): Promise<void> {
  const left = await desktop.notificationCount().catch(() => null);
  await desktop.stopNotificationDaemon();
  await desktop.startNotificationDaemon();
  if (left) log(`notification daemon restarted (${left} notifications left by earlier phases)`);
}

const TEAM = 300;
const times = firingTimes(Date.now());
const results: BenchResults = { quick, machine: machineInfo(), date: new Date().toISOString() };

// One shared Alertmanager at fleet scale for the core and Alertmanager rows.
const fleetPhases = ['core1k', 'idle', 'core10k', 'pieces', 'amCost', 'core50k'];
const fleet = only === null || fleetPhases.some((key) => only.has(key)) ? await startAlertmanager({ configYaml: FLEET_ALERTMANAGER_CONFIG, lifetimeMs: 30 * 60_000 }) : null;
if (fleet) try {
  await pushInBatches(fleet.url, fleetAlerts(0, 10_000, TEAM, times));
  if ((await alertmanagerAlertCount(fleet.url)) !== 10_000) throw new Error('the fleet Alertmanager does not hold 10,000 alerts');
  log('fleet Alertmanager holds 10,000 alerts, 300 of them routed to the team');
  results.core1k = await phase('core poll cost at 1k alerts', () => measureCorePollCost({ amUrl: fleet.url, alerts: 1_000, polls: quick ? 5 : 10, quietPolls: 4, times, log }), 'core1k');
  results.idle = await phase('idle at 1k alerts', () => measureIdleCost({ amUrl: fleet.url, alerts: 1_000, windowMs: quick ? 20_000 : 60_000, log }), 'idle');
  results.core10k = await phase('core poll cost and RSS at 10k alerts', () => measureCorePollCost({ amUrl: fleet.url, alerts: 10_000, polls: quick ? 5 : 10, quietPolls: 3, times, log }), 'core10k');
  results.pieces = await phase('pieces of a poll at 10k alerts', () => measurePollPieces({ amUrl: fleet.url, alerts: 10_000, runs: quick ? 3 : 7 }), 'pieces');
  results.amCost = await phase('Alertmanager cost per call and per team', () => measureAlertmanagerCost({ amUrl: fleet.url, amPort: fleet.port, teamAlerts: TEAM, quick, log }), 'amCost');
  if (flags['50k'] || only?.has('core50k')) {
    results.core50k = await phase('core poll cost at 50k alerts', async () => {
      await pushInBatches(fleet.url, fleetAlerts(10_000, 50_000, TEAM, times), 2_000);
      return measureCorePollCost({ amUrl: fleet.url, alerts: 50_000, polls: 4, quietPolls: 2, times, log });
    }, 'core50k');
  }
} finally {
  await fleet.stop();
}

results.latency = await phase('alarm latency vs the webhook pager', () => measureAlarmLatency({ alerts: 50, spreadMs: quick ? 30_000 : 60_000, log }), 'latency');

const launchOptions = playwrightConfig.use?.launchOptions ?? {};
let browser: Browser | null = null;
if (only === null || only.has('window') || only.has('storm')) try {
  // The e2e tests' launch options: among them, headless Chromium 156's omnibox popup renderer
  // (started with every new context, 850-990 ms of CPU beside the page) is turned off.
  browser = await chromium.launch({ ...launchOptions, headless: true });
  results.chromium = browser.version();
  const b = browser;
  results.window = await phase('window at 10k alerts vs Prometheus /classic/alerts', () => measureWindowLoad({ browser: b, alerts: 10_000, runs: quick ? 1 : 7, log }), 'window');
  results.storm = await phase('window with 300 incidents ringing', () => measureStormWindow({ browser: b, incidents: 300, runs: quick ? 2 : 3, log }), 'storm');
} finally {
  await browser?.close();
}

await desktop.stop();
results.totalSeconds = (performance.now() - started) / 1000;
const saved = join(tmpdir(), `vigil-bench-results-${results.date.replace(/[:.]/g, '-')}.json`);
writeFileSync(saved, JSON.stringify(results, null, 1));
log(`raw results in ${saved}`);
if (only !== null) {
  // A partial run's figures are not one run of the whole table: printed, not written to the docs.
  process.stdout.write(`\n${JSON.stringify(results, null, 1)}\n`);
} else {
  const markdown = buildReport(results);
  writeFileSync(out, markdown);
  log(`wrote ${out} (${results.totalSeconds.toFixed(0)} s in all)`);
  process.stdout.write(`\n${markdown}\n`);
}
