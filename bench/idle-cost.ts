import { ALL_RECEIVERS, tierFilter } from './fleet-alerts.ts';
import { openEventSocket } from './event-socket.ts';
import { countByKind, startProbedHost, waitForSnapshot } from './probed-host.ts';
import { sleep } from './stats.ts';

// Row "idle": the host holds N alerts that do not change, polls every 5 s (and the fast poll at
// its default), no window. Its CPU over the window from /proc, as a share of one core; and how
// many snapshots it pushed on the event socket meanwhile (each one a renderer re-render).

export interface IdleCost {
  alerts: number;
  windowMs: number;
  cpuMs: number;
  percentOfCore: number;
  snapshotsPushed: number;
  requests: Array<[string, number]>;
  rssMb: number;
}

export async function measureIdleCost(options: { amUrl: string; alerts: number; windowMs: number; log: (line: string) => void }): Promise<IdleCost> {
  const host = await startProbedHost({
    me: { id: 'bench-idle' },
    sources: [{ id: 'am', urls: [options.amUrl], receiver: ALL_RECEIVERS, filter: tierFilter(options.alerts), timeout: '120s', max_response_bytes: 512 * 2 ** 20 }],
    poll_interval: '5s',
    // Nothing changing means no deadline either: the fleet's alerts began firing a minute before
    // the bench, so at the default 2 min a critical incident's re-alarm (a change, pushed to the
    // window) would fall into the measured minute.
    policy: { critical: { ack_within: '15m' } },
  }, { loopDelay: false });
  try {
    await waitForSnapshot(host, (s) => s.sources[0]?.alertCount === options.alerts, `the idle host to hold ${options.alerts} alerts`, 180_000);
    // Settle: two more full polls (the first answers are new; the rest must cost a hash) and the alarms' first notifications.
    await host.waitForRequests('alerts-full', 2, 60_000);
    await sleep(2_000);
    const socket = await openEventSocket(host.host);
    await sleep(500);
    const pushedBefore = socket.snapshots.length;
    const sentBefore = host.requests().length;
    const cpuBefore = host.cpuMs();
    const start = performance.now();
    await sleep(options.windowMs);
    const windowMs = performance.now() - start;
    const cpuMs = host.cpuMs() - cpuBefore;
    const snapshotsPushed = socket.snapshots.length - pushedBefore;
    socket.close();
    const requests = countByKind(host.requests().slice(sentBefore));
    options.log(`  idle at ${options.alerts} alerts: ${((cpuMs / windowMs) * 100).toFixed(2)}% of a core, ${snapshotsPushed} snapshots pushed in ${(windowMs / 1000).toFixed(0)} s`);
    return { alerts: options.alerts, windowMs, cpuMs, percentOfCore: (cpuMs / windowMs) * 100, snapshotsPushed, requests, rssMb: host.memoryMb().rss };
  } finally {
    await host.stop();
  }
}
