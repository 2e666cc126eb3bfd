// Small helpers for the benchmarks: summaries of samples, repeated timing, formatting.

export interface Summary {
  count: number;
  min: number;
  median: number;
  /** Nearest rank: with fewer than 100 samples this is the largest but ceil(n/100)-1 ones. */
  p99: number;
  max: number;
}

/** Nearest-rank percentile (0 < p <= 100) of sorted values. */
function rank(sorted: readonly number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}

export function summarize(values: readonly number[]): Summary {
  if (values.length === 0) return { count: 0, min: NaN, median: NaN, p99: NaN, max: NaN };
  const sorted = [...values].sort((a, b) => a - b);
  return { count: sorted.length, min: sorted[0]!, median: rank(sorted, 50), p99: rank(sorted, 99), max: sorted[sorted.length - 1]! };
}

/** Wall time and this process's CPU time (process.cpuUsage: every thread, GC included) per run. */
export async function timeRuns(runs: number, fn: () => Promise<unknown> | unknown): Promise<{ wallMs: Summary; cpuMs: Summary }> {
  const wall: number[] = [];
  const cpu: number[] = [];
  for (let i = 0; i < runs; i++) {
    const cpuBefore = process.cpuUsage();
    const start = performance.now();
    await fn();
    wall.push(performance.now() - start);
    const used = process.cpuUsage(cpuBefore);
    cpu.push((used.user + used.system) / 1000);
  }
  return { wallMs: summarize(wall), cpuMs: summarize(cpu) };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export const fmt = (n: number, digits = 1) => (Number.isFinite(n) ? n.toFixed(digits) : 'n/a');
