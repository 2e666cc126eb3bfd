import { startVigilHost, type HostHandle } from '../e2e/fixtures/vigil-host.ts';
import type { AppSnapshot } from '../shared/domain.ts';
import { buildBundledHost, type BundledHost } from './bundled-host.ts';
import type { LoopCauses } from './host-probe.ts';
import { processCpuMs, processMemoryMb } from './proc-stats.ts';

// The real headless host (host/serve.ts, bundled as Electron runs the core: bench/bundled-host.ts)
// with bench/host-probe.ts preloaded, measured from outside (/proc) and from inside (the probe's
// lines on stderr).

/** Built once per bench run, for every host it starts. */
let bundled: Promise<BundledHost> | null = null;

export interface HostRequest {
  kind: string;
  at: number;
  cpuMs: number;
}

export interface ProbeReport {
  seq: number;
  at: number;
  cpuMs: number;
  loop: { maxMs: number; p99Ms: number; meanMs: number; samples: number };
  /** With `loopCauses: true`: the loop's delays told apart (bench/host-probe.ts). */
  loopCauses: LoopCauses | null;
  rssMb: number;
  heapUsedMb: number;
  heapTotalMb: number;
  externalMb: number;
}

export interface ProbedHost {
  host: HostHandle;
  pid: number;
  /** Every Alertmanager request the host sent so far, oldest first. */
  requests(kind?: string): HostRequest[];
  /** The event loop since the previous call (or the start), and memory now. */
  probe(): Promise<ProbeReport>;
  /** utime + stime from /proc, in ms. */
  cpuMs(): number;
  memoryMb(): { rss: number; peak: number };
  snapshot(): Promise<AppSnapshot>;
  /** Resolves once `count` more requests of `kind` have started. */
  waitForRequests(kind: string, count: number, timeoutMs: number): Promise<void>;
  stop(): Promise<void>;
}

function linesOf<T>(output: string, tag: string): T[] {
  const found: T[] = [];
  const pattern = new RegExp(`^${tag} (\\{.*\\})$`, 'gm');
  for (const match of output.matchAll(pattern)) {
    try {
      found.push(JSON.parse(match[1]!) as T);
    } catch {
      // A line torn by interleaved output: one sample fewer, not a failed run.
    }
  }
  return found;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** With VIGIL_BENCH_CPU_PROF=DIR set, every host also writes a V8 CPU profile there when it stops (for finding where a figure goes). */
function nodeOptions(probe: string): string {
  const profileDir = process.env.VIGIL_BENCH_CPU_PROF;
  return `--import=${probe}${profileDir ? ` --cpu-prof --cpu-prof-dir=${profileDir}` : ''}${process.env.VIGIL_BENCH_NODE_FLAGS ? ` ${process.env.VIGIL_BENCH_NODE_FLAGS}` : ''}`;
}

/**
 * `loopCauses: true` also tells the loop's delays apart (the host's own work, or waiting for a CPU).
 * `loopDelay: false` leaves the event-loop histogram off: its timer wakes the loop 100 times a
 * second, which alone costs ~0.5% of a core, as much as the idle host itself.
 */
export async function startProbedHost(config: Record<string, unknown>, options: { loopDelay?: boolean; loopCauses?: boolean } = {}): Promise<ProbedHost> {
  const { script, probe } = await (bundled ??= buildBundledHost());
  const env: Record<string, string> = { NODE_OPTIONS: nodeOptions(probe) };
  if (options.loopDelay === false) env.VIGIL_BENCH_NO_LOOP_DELAY = '1';
  if (options.loopCauses) env.VIGIL_BENCH_LOOP_WAIT = '1';
  const host = await startVigilHost({ config, env, script });
  const pid = host.process.pid!;
  let lastSeq = 0;
  const requests = (kind?: string) => linesOf<HostRequest>(host.output(), 'VIGIL_BENCH_REQUEST').filter((r) => kind === undefined || r.kind === kind);
  return {
    host,
    pid,
    requests,
    async probe() {
      const sentAt = Date.now();
      host.process.kill('SIGUSR2');
      // A busy host answers when its event loop gets to the signal; that wait is part of what it
      // reports. The first answer written after the signal is this one (a host has been seen to
      // run a signal listener twice for one early signal: the second answer is skipped).
      for (let waited = 0; waited < 60_000; waited += 20) {
        const answer = linesOf<ProbeReport>(host.output(), 'VIGIL_BENCH_PROBE').find((r) => r.seq > lastSeq && r.at >= sentAt);
        if (answer) {
          lastSeq = answer.seq;
          return answer;
        }
        await sleep(20);
      }
      throw new Error('the host probe did not answer SIGUSR2 (is bench/host-probe.ts loaded?)');
    },
    cpuMs: () => processCpuMs(pid),
    memoryMb: () => processMemoryMb(pid),
    snapshot: () => host.rpc<AppSnapshot>('getSnapshot'),
    async waitForRequests(kind, count, timeoutMs) {
      const target = requests(kind).length + count;
      const deadline = Date.now() + timeoutMs;
      while (requests(kind).length < target) {
        if (Date.now() > deadline) throw new Error(`the host sent ${requests(kind).length} of ${target} ${kind} requests within ${timeoutMs} ms`);
        await sleep(50);
      }
    },
    stop: () => host.stop(),
  };
}

/** How many requests of each kind, in the order kinds first appear: [kind, count] pairs (plain JSON). */
export function countByKind(requests: readonly HostRequest[]): Array<[string, number]> {
  const counts = new Map<string, number>();
  for (const r of requests) counts.set(r.kind, (counts.get(r.kind) ?? 0) + 1);
  return [...counts];
}

/**
 * Poll the host's snapshot until `predicate` holds. A request that fails is asked again: a host
 * whose event loop is busy for seconds can close a kept-alive connection just as the next
 * request is written on it (ECONNRESET); that is not the host failing. A host that exited is.
 */
export async function waitForSnapshot(host: ProbedHost, predicate: (snapshot: AppSnapshot) => boolean, what: string, timeoutMs = 60_000): Promise<AppSnapshot> {
  const deadline = Date.now() + timeoutMs;
  let lastError = '';
  for (;;) {
    const { exitCode, signalCode } = host.host.process;
    if (exitCode !== null || signalCode !== null) throw new Error(`the host exited (${exitCode ?? signalCode}) while waiting for ${what}:\n${host.host.output().slice(-2000)}`);
    try {
      const snapshot = await host.snapshot();
      if (predicate(snapshot)) return snapshot;
    } catch (error) {
      lastError = error instanceof Error ? `${error.message}${error.cause instanceof Error ? ` (${error.cause.message})` : ''}` : String(error);
    }
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}${lastError ? `; last error: ${lastError}` : ''}`);
    await sleep(500);
  }
}
