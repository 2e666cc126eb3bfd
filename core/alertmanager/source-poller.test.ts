import { describe, expect, it } from 'vitest';
import type { AlertFetch } from '../ports.ts';
import { createFakeClock, flushAsync } from '../../test-fixtures/fake-clock.ts';
import { createSourcePoller, nextPollDelay, type SourcePollOutcome } from './source-poller.ts';

// The poller on a fake clock with a fetch the test settles by hand, so overlap, backoff and
// jitter are asserted to the millisecond.

const INTERVAL = 10_000;

interface Call {
  signal: AbortSignal;
  resolve(value: AlertFetch): void;
  reject(error: Error): void;
}

function harness(options: { random?: () => number; maxBackoffMs?: number; attemptTimeoutMs?: number } = {}) {
  const clock = createFakeClock(1_000_000);
  const calls: Call[] = [];
  const callTimes: number[] = [];
  const results: SourcePollOutcome[] = [];
  const poller = createSourcePoller({
    sourceId: 'am',
    clock,
    intervalMs: INTERVAL,
    random: options.random ?? (() => 0.5),
    maxBackoffMs: options.maxBackoffMs,
    attemptTimeoutMs: options.attemptTimeoutMs,
    fetch: (signal) =>
      new Promise<AlertFetch>((resolve, reject) => {
        calls.push({ signal, resolve, reject });
        callTimes.push(clock.now());
      }),
    onResult: (result) => results.push(result),
  });
  const ok = (alerts = 0, quarantined = 0): AlertFetch => ({
    alerts: Array.from({ length: alerts }, (_, i) => ({
      fingerprint: `f${i}`,
      labels: {},
      annotations: {},
      startsAt: '2025-01-01T00:00:00Z',
      receivers: [],
      status: { state: 'active' as const, silencedBy: [], inhibitedBy: [] },
    })),
    quarantined,
    partialErrors: [],
  });
  /** Settle the latest call and let the poller react. */
  const settle = async (outcome: AlertFetch | Error) => {
    const call = calls.at(-1)!;
    if (outcome instanceof Error) call.reject(outcome);
    else call.resolve(outcome);
    await flushAsync();
  };
  return { clock, calls, callTimes, results, poller, ok, settle };
}

describe('nextPollDelay', () => {
  it('is the interval when healthy, doubles per failure, respects the cap and jitters within ±20%', () => {
    expect(nextPollDelay(INTERVAL, 0, 300_000, () => 0.99)).toBe(INTERVAL);
    expect(nextPollDelay(INTERVAL, 1, 300_000, () => 0.5)).toBe(20_000);
    expect(nextPollDelay(INTERVAL, 2, 300_000, () => 0.5)).toBe(40_000);
    expect(nextPollDelay(INTERVAL, 1, 300_000, () => 0)).toBe(16_000);
    expect(nextPollDelay(INTERVAL, 1, 300_000, () => 0.999999)).toBeCloseTo(24_000, 0);
    expect(nextPollDelay(INTERVAL, 10, 300_000, () => 0.5)).toBe(300_000);
    expect(nextPollDelay(INTERVAL, 10, 300_000, () => 0)).toBe(240_000);
    expect(nextPollDelay(INTERVAL, 10, 300_000, () => 0.99)).toBe(300_000);
    for (let failures = 1; failures < 8; failures++) {
      for (const r of [0, 0.1, 0.37, 0.5, 0.8, 0.999]) {
        const base = Math.min(INTERVAL * 2 ** failures, 300_000);
        const delay = nextPollDelay(INTERVAL, failures, 300_000, () => r);
        expect(delay).toBeGreaterThanOrEqual(base * 0.8);
        expect(delay).toBeLessThanOrEqual(Math.min(base * 1.2, 300_000));
      }
    }
  });
});

describe('createSourcePoller', () => {
  it('polls at once on start, then every interval after the previous poll settled', async () => {
    const h = harness();
    h.poller.start();
    expect(h.calls).toHaveLength(1);
    await h.settle(h.ok(3));
    expect(h.results).toEqual([{ ok: true, fetch: h.ok(3), at: 1_000_000 }]);
    await h.clock.advanceAsync(INTERVAL - 1);
    expect(h.calls).toHaveLength(1);
    await h.clock.advanceAsync(1);
    expect(h.calls).toHaveLength(2);
    expect(h.callTimes).toEqual([1_000_000, 1_000_000 + INTERVAL]);
    h.poller.stop();
  });

  it('never overlaps: a slow poll delays the next, and pollNow joins the one in flight', async () => {
    const h = harness({ attemptTimeoutMs: 10 * 60_000 });
    h.poller.start();
    await h.clock.advanceAsync(5 * INTERVAL);
    expect(h.calls).toHaveLength(1);
    const joined = h.poller.pollNow();
    expect(h.calls).toHaveLength(1);
    await h.settle(h.ok());
    await joined;
    expect(h.calls).toHaveLength(1);
    // The next poll is one interval after the slow one settled, not on the original grid.
    const settledAt = h.clock.now();
    await h.clock.advanceAsync(INTERVAL);
    expect(h.callTimes).toEqual([1_000_000, settledAt + INTERVAL]);
  });

  it('pollNow when idle polls at once and reschedules from there', async () => {
    const h = harness();
    h.poller.start();
    await h.settle(h.ok());
    await h.clock.advanceAsync(4000);
    const now = h.poller.pollNow();
    expect(h.calls).toHaveLength(2);
    await h.settle(h.ok());
    await now;
    await h.clock.advanceAsync(INTERVAL - 1);
    expect(h.calls).toHaveLength(2);
    await h.clock.advanceAsync(1);
    expect(h.callTimes).toEqual([1_000_000, 1_004_000, 1_004_000 + INTERVAL]);
  });

  it('backs off exponentially with jitter on failure, capped, and resets on success', async () => {
    const randoms = [0, 0.999, 0.5, 0.5, 0.5, 0.5];
    const h = harness({ random: () => randoms.shift() ?? 0.5, maxBackoffMs: 60_000 });
    h.poller.start();
    const gaps: number[] = [];
    for (let i = 0; i < 5; i++) {
      await h.settle(new Error(`down ${i}`));
      const before = h.calls.length;
      const from = h.clock.now();
      await h.clock.advanceAsync(h.clock.nextTimerAt()! - from);
      expect(h.calls).toHaveLength(before + 1);
      gaps.push(h.clock.now() - from);
    }
    // 2x interval with random 0 (−20%), 4x with ~1 (+20%), then the 60 s cap (8x would be 80 s).
    expect(gaps[0]).toBe(16_000);
    expect(gaps[1]).toBe(47_984); // 40 s × (0.8 + 0.4 × 0.999)
    expect(gaps.slice(2)).toEqual([60_000, 60_000, 60_000]);
    expect(h.poller.health()).toMatchObject({ consecutiveFailures: 5, error: 'down 4', lastSuccessAt: null });
    expect(h.results.filter((r) => !r.ok)).toHaveLength(5);

    await h.settle(h.ok(2, 1));
    expect(h.poller.health()).toMatchObject({ consecutiveFailures: 0, error: null, lastSuccessAt: h.clock.now(), alertCount: 2, quarantined: 1 });
    const from = h.clock.now();
    await h.clock.advanceAsync(INTERVAL);
    expect(h.callTimes.at(-1)).toBe(from + INTERVAL);
  });

  it('keeps the last good counts while failing and reports each failure with its time', async () => {
    const h = harness();
    h.poller.start();
    await h.settle(h.ok(4, 2));
    await h.clock.advanceAsync(INTERVAL);
    await h.settle(new Error('HTTP 500 from http://am/api/v2/alerts'));
    expect(h.results.at(-1)).toEqual({ ok: false, error: 'HTTP 500 from http://am/api/v2/alerts', at: 1_000_000 + INTERVAL });
    expect(h.poller.health()).toEqual({
      lastSuccessAt: 1_000_000,
      lastAttemptAt: 1_000_000 + INTERVAL,
      error: 'HTTP 500 from http://am/api/v2/alerts',
      consecutiveFailures: 1,
      quarantined: 2,
      alertCount: 4,
    });
  });

  it('gives up on a fetch that never settles and aborts it', async () => {
    const h = harness({ attemptTimeoutMs: 30_000 });
    h.poller.start();
    await h.clock.advanceAsync(29_999);
    expect(h.results).toHaveLength(0);
    await h.clock.advanceAsync(1);
    expect(h.calls[0]!.signal.aborted).toBe(true);
    expect(h.results).toEqual([{ ok: false, error: 'poll of am did not finish within 30000 ms', at: 1_030_000 }]);
    // The next attempt follows the backoff schedule.
    await h.clock.advanceAsync(20_000);
    expect(h.calls).toHaveLength(2);
  });

  it('stop aborts the poll in flight, ignores its late answer and schedules nothing', async () => {
    const h = harness();
    h.poller.start();
    h.poller.stop();
    expect(h.calls[0]!.signal.aborted).toBe(true);
    await h.settle(h.ok(1));
    expect(h.results).toEqual([]);
    await h.clock.advanceAsync(10 * INTERVAL);
    expect(h.calls).toHaveLength(1);
    expect(h.clock.pendingTimers()).toBe(0);
  });

  it('a consumer that throws does not stop polling', async () => {
    const clock = createFakeClock(0);
    let calls = 0;
    const poller = createSourcePoller({
      sourceId: 'am',
      clock,
      intervalMs: 1000,
      fetch: async () => {
        calls++;
        return { alerts: [], quarantined: 0, partialErrors: [] };
      },
      onResult: () => {
        throw new Error('consumer bug');
      },
    });
    poller.start();
    await flushAsync();
    await clock.advanceAsync(3000);
    expect(calls).toBe(4);
    expect(poller.health().consecutiveFailures).toBe(0);
    poller.stop();
  });
});
