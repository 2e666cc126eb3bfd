// Small helpers for the benchmarks: repeated timing with a median, and heap deltas.
export async function timeRuns(runs: number, fn: () => Promise<unknown> | unknown): Promise<{ medianMs: number; minMs: number; maxMs: number }> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await fn();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return { medianMs: times[Math.floor(times.length / 2)]!, minMs: times[0]!, maxMs: times[times.length - 1]! };
}

export function heapMb(): number {
  globalThis.gc?.();
  return process.memoryUsage().heapUsed / 1024 / 1024;
}

export const fmt = (n: number, digits = 1) => n.toFixed(digits);
