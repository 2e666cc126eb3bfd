import { subscribe } from 'node:diagnostics_channel';
import type { ClientRequest } from 'node:http';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { isMainThread } from 'node:worker_threads';

// Loaded into a benchmarked host with NODE_OPTIONS=--import (bench/probed-host.ts), so the bench
// measures the real product process from inside without a line of product code changed:
// - every request the host sends to Alertmanager is announced on stderr with the process's CPU
//   time at that moment (`VIGIL_BENCH_REQUEST {...}`), so the CPU between two full polls is the
//   CPU of a poll (process.cpuUsage: every thread, GC included);
// - on SIGUSR2 it prints the main event loop's delay since the previous SIGUSR2 and the memory
//   (`VIGIL_BENCH_PROBE {...}`), then starts a fresh delay histogram.
// - VIGIL_BENCH_V8_FLAGS (e.g. --trace-gc) are set in the host with v8.setFlagsFromString: NODE_OPTIONS
//   refuses most V8 flags.
// NODE_OPTIONS reaches the host's worker threads too: the probe runs on the main thread only.

const RESOLUTION_MS = 10;

function cpuMs(): number {
  const usage = process.cpuUsage();
  return (usage.user + usage.system) / 1000;
}

/** What kind of Alertmanager request this is: the full poll, the fast "can ring me" poll, or its path. */
export function requestKind(path: string): string {
  const [pathname = '', query = ''] = path.split('?');
  if (pathname.endsWith('/api/v2/alerts')) {
    const params = new URLSearchParams(query);
    if (params.get('silenced') === 'false') return 'alerts-fast';
    if (params.has('receiver') || params.get('inhibited') === 'false') return 'alerts-full';
    return 'alerts-other';
  }
  return pathname.replace(/\/api\/v2\/silence\/[^/]+$/, '/api/v2/silence/:id');
}

function startProbe(): void {
  const loop = monitorEventLoopDelay({ resolution: RESOLUTION_MS });
  // The idle phase measures a host doing almost nothing: the histogram's own timer would be half of it.
  if (process.env.VIGIL_BENCH_NO_LOOP_DELAY !== '1') loop.enable();

  subscribe('http.client.request.start', (message) => {
    const { request } = message as { request: ClientRequest };
    const line = { kind: requestKind(request.path), at: Date.now(), cpuMs: cpuMs() };
    process.stderr.write(`VIGIL_BENCH_REQUEST ${JSON.stringify(line)}\n`);
  });

  let seq = 0;
  process.on('SIGUSR2', () => {
    // The histogram records whole intervals between its timer's runs: the part above the
    // resolution is how long the loop was blocked.
    const blockedMs = (ns: number) => (loop.count === 0 ? 0 : Math.max(0, ns / 1e6 - RESOLUTION_MS));
    const memory = process.memoryUsage();
    seq += 1;
    const report = {
      seq,
      at: Date.now(),
      cpuMs: cpuMs(),
      loop: { maxMs: blockedMs(loop.max), p99Ms: blockedMs(loop.percentile(99)), meanMs: blockedMs(loop.mean), samples: loop.count },
      rssMb: memory.rss / 2 ** 20,
      heapUsedMb: memory.heapUsed / 2 ** 20,
      heapTotalMb: memory.heapTotal / 2 ** 20,
      externalMb: memory.external / 2 ** 20,
    };
    loop.reset();
    process.stderr.write(`VIGIL_BENCH_PROBE ${JSON.stringify(report)}\n`);
  });
}

if (isMainThread) {
  if (process.env.VIGIL_BENCH_V8_FLAGS) setFlagsFromString(process.env.VIGIL_BENCH_V8_FLAGS);
  startProbe();
}
