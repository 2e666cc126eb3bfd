import { pushAlerts } from '../test-fixtures/push-alerts.ts';
import { ALL_RECEIVERS, fleetAlerts, tierFilter, type FiringTimes } from './fleet-alerts.ts';
import { startProbedHost, waitForSnapshot } from './probed-host.ts';
import { sleep, summarize, timeRuns, type Summary } from './stats.ts';

// Rows "core CPU per poll" and "core RSS": the real host polls N alerts all routed to it, every
// second, while the answer changes before each poll (one alert's annotation is re-pushed every
// 200 ms, as Prometheus re-sending alerts does). CPU per poll is the host's own process.cpuUsage
// between two full polls (bench/host-probe.ts); the reference is a bare JSON.parse of the same
// answer bytes in this process.

export interface CorePollCost {
  alerts: number;
  answerBytes: number;
  /** Host CPU from one full poll to the next while the answer changed every time. */
  changedPollCpuMs: Summary;
  /** The same once nothing changes any more (the answer's bytes are the same as last time). */
  unchangedPollCpuMs: Summary;
  /** /proc utime+stime over the changed polls, per poll: a cross-check of the probe's figure. */
  procCpuPerPollMs: number;
  jsonParseCpuMs: Summary;
  jsonParseWallMs: Summary;
  /** Host event loop during the changed polls. */
  loopMaxMs: number;
  loopP99Ms: number;
  rssMb: number;
  peakRssMb: number;
  heapUsedMb: number;
}

/** The full poll's query, as the client sends it (active, silenced, inhibited, unprocessed, receiver, filter). */
export function fullPollQuery(receiver: string, filter: readonly string[]): string {
  const params = new URLSearchParams([
    ['active', 'true'],
    ['silenced', 'true'],
    ['inhibited', 'false'],
    ['unprocessed', 'true'],
    ['receiver', receiver],
    ...filter.map((f): [string, string] => ['filter', f]),
  ]);
  return `?${params.toString()}`;
}

/** Fresh annotations on one alert, often: every poll sees different bytes, as in production. */
function startAnswerChurn(amUrl: string, times: FiringTimes): () => Promise<void> {
  const [alert] = fleetAlerts(0, 1, 300, times);
  let tick = 0;
  let stopped = false;
  const loop = (async () => {
    while (!stopped) {
      tick += 1;
      await pushAlerts(amUrl, [{ ...alert!, annotations: { ...alert!.annotations, bench_tick: String(tick) } }]).catch(() => undefined);
      await sleep(200);
    }
  })();
  return async () => {
    stopped = true;
    await loop;
  };
}

export async function measureCorePollCost(options: { amUrl: string; alerts: number; polls: number; quietPolls: number; times: FiringTimes; log: (line: string) => void }): Promise<CorePollCost> {
  const { amUrl, alerts, polls, log } = options;
  const filter = tierFilter(alerts);
  const host = await startProbedHost({
    me: { id: 'bench' },
    sources: [{ id: 'am', urls: [amUrl], receiver: ALL_RECEIVERS, filter, timeout: '120s', max_response_bytes: 512 * 2 ** 20 }],
    poll_interval: '1s',
    // The fast poll is measured apart (Alertmanager cost); here every poll is a full one.
    fast_poll_interval: '0s',
    // What is measured is polling: the critical incidents re-ringing every 2 minutes would put
    // notify-send spawns (~20 ms each) into random polls. The incidents are still grouped and evaluated.
    policy: { critical: { alarm: false }, warning: { alarm: false }, info: { alarm: false } },
  });
  try {
    await waitForSnapshot(host, (s) => s.sources[0]?.alertCount === alerts, `the host to hold ${alerts} alerts`, 180_000);
    const stopChurn = startAnswerChurn(amUrl, options.times);
    // One poll with churn running before the window, so the window starts at a poll boundary.
    await host.waitForRequests('alerts-full', 1, 60_000);
    await host.probe();
    const procBefore = host.cpuMs();
    const first = host.requests('alerts-full').length;
    await host.waitForRequests('alerts-full', polls, polls * 30_000);
    const procAfter = host.cpuMs();
    const loop = await host.probe();
    await stopChurn();
    const changed = host.requests('alerts-full').slice(first - 1, first + polls);
    log(`  ${alerts} alerts: ${polls} changed polls measured`);

    // Let the last change land, then polls whose answer is the same as the previous one.
    await host.waitForRequests('alerts-full', 2, 120_000);
    const quietFrom = host.requests('alerts-full').length;
    await host.waitForRequests('alerts-full', options.quietPolls, 120_000);
    const quiet = host.requests('alerts-full').slice(quietFrom - 1);
    const memory = host.memoryMb();
    const probe = await host.probe();

    const response = await fetch(`${amUrl.replace(/\/+$/, '')}/api/v2/alerts${fullPollQuery(ALL_RECEIVERS, filter)}`);
    const text = Buffer.from(await response.arrayBuffer()).toString('utf8');
    const parsed = await timeRuns(polls, () => JSON.parse(text));
    const deltas = (rs: typeof changed) => rs.slice(1).map((r, i) => r.cpuMs - rs[i]!.cpuMs);
    return {
      alerts,
      answerBytes: Buffer.byteLength(text),
      changedPollCpuMs: summarize(deltas(changed)),
      unchangedPollCpuMs: summarize(deltas(quiet)),
      procCpuPerPollMs: (procAfter - procBefore) / polls,
      jsonParseCpuMs: parsed.cpuMs,
      jsonParseWallMs: parsed.wallMs,
      loopMaxMs: loop.loop.maxMs,
      loopP99Ms: loop.loop.p99Ms,
      rssMb: memory.rss,
      peakRssMb: memory.peak,
      heapUsedMb: probe.heapUsedMb,
    };
  } finally {
    await host.stop();
  }
}
