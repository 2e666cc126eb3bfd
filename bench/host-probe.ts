import { subscribe } from 'node:diagnostics_channel';
import { readFileSync } from 'node:fs';
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
// - with VIGIL_BENCH_LOOP_WAIT=1, a second watch of the loop tells its delays apart: each time a
//   10 ms timer fires late, how much of the lateness the main thread spent waiting for a CPU
//   (/proc's schedstat: runnable, not running) and how much it was held by the host itself
//   (running its code, or in a synchronous system call). monitorEventLoopDelay counts both.
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

/** The main thread's time waiting for a CPU so far, in ms (/proc/self/task/PID/schedstat's second field); null where there is none. */
function runqueueWaitMs(): number | null {
  try {
    const fields = readFileSync(`/proc/self/task/${process.pid}/schedstat`, 'utf8').split(' ');
    const waitNs = Number(fields[1]);
    return Number.isFinite(waitNs) ? waitNs / 1e6 : null;
  } catch {
    return null;
  }
}

export interface LoopCauses {
  /** The longest lateness of the 10 ms timer less the CPU wait within it: what the host's own work held the loop. */
  ownMaxMs: number;
  /** The longest lateness of the timer (what monitorEventLoopDelay also sees), and the CPU wait within that one. */
  lateMaxMs: number;
  waitInLateMaxMs: number;
}

function watchLoopCauses(): () => LoopCauses | null {
  let causes: LoopCauses = { ownMaxMs: 0, lateMaxMs: 0, waitInLateMaxMs: 0 };
  let lastAt = performance.now();
  let lastWait = runqueueWaitMs();
  if (lastWait === null) return () => null;
  setInterval(() => {
    const at = performance.now();
    const wait = runqueueWaitMs();
    const lateMs = at - lastAt - RESOLUTION_MS;
    if (lateMs > 0 && wait !== null && lastWait !== null) {
      const waitedMs = wait - lastWait;
      causes.ownMaxMs = Math.max(causes.ownMaxMs, lateMs - Math.min(waitedMs, lateMs));
      if (lateMs > causes.lateMaxMs) causes = { ...causes, lateMaxMs: lateMs, waitInLateMaxMs: waitedMs };
    }
    lastAt = at;
    lastWait = wait;
  }, RESOLUTION_MS).unref();
  return () => {
    const reported = causes;
    causes = { ownMaxMs: 0, lateMaxMs: 0, waitInLateMaxMs: 0 };
    return reported;
  };
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

  const loopCauses = process.env.VIGIL_BENCH_LOOP_WAIT === '1' ? watchLoopCauses() : () => null;

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
      loopCauses: loopCauses(),
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
