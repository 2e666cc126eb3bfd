import type { Clock, TimerHandle } from '../shared/clock.ts';

// A manual Clock for tests: time moves only when the test says so, so "30 minutes later" takes
// microseconds and a schedule can be asserted to the millisecond.

export interface FakeClock extends Clock {
  /** Move time forward, running every timer that falls due (in due order, FIFO for equal times). */
  advance(ms: number): void;
  /**
   * Like advance, but lets promise callbacks and other macrotasks run after each timer, so code
   * that schedules its next timer in a `.then` behaves as it would with real time.
   */
  advanceAsync(ms: number): Promise<void>;
  /** Number of timers still waiting. */
  pendingTimers(): number;
  /** When the earliest pending timer is due, or null. */
  nextTimerAt(): number | null;
}

interface FakeTimer {
  readonly id: number;
  readonly due: number;
  readonly callback: () => void;
}

/** Let queued promise reactions and I/O callbacks run (one macrotask turn). */
export function flushAsync(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

export function createFakeClock(startMs = 0): FakeClock {
  let now = startMs;
  let nextId = 1;
  const timers = new Map<TimerHandle, FakeTimer>();

  function earliest(limit: number): [TimerHandle, FakeTimer] | null {
    let best: [TimerHandle, FakeTimer] | null = null;
    for (const entry of timers) {
      const timer = entry[1];
      if (timer.due > limit) continue;
      if (!best || timer.due < best[1].due || (timer.due === best[1].due && timer.id < best[1].id)) best = entry;
    }
    return best;
  }

  function runNext(target: number): boolean {
    const next = earliest(target);
    if (!next) return false;
    timers.delete(next[0]);
    now = next[1].due;
    next[1].callback();
    return true;
  }

  function checkStep(ms: number): number {
    if (!Number.isFinite(ms) || ms < 0) throw new Error(`fake clock cannot advance by ${ms} ms`);
    return now + ms;
  }

  return {
    now: () => now,
    setTimeout(callback: () => void, ms: number): TimerHandle {
      const handle: TimerHandle = {};
      // Like real timers: negative or NaN delays run on the next tick of time, never in the past.
      const delay = Number.isFinite(ms) && ms > 0 ? ms : 0;
      timers.set(handle, { id: nextId++, due: now + delay, callback });
      return handle;
    },
    clearTimeout(handle: TimerHandle): void {
      timers.delete(handle);
    },
    advance(ms: number): void {
      const target = checkStep(ms);
      while (runNext(target)) {
        /* timers scheduled by callbacks within the window run too */
      }
      now = target;
    },
    async advanceAsync(ms: number): Promise<void> {
      const target = checkStep(ms);
      await flushAsync();
      while (runNext(target)) await flushAsync();
      now = target;
      await flushAsync();
    },
    pendingTimers: () => timers.size,
    nextTimerAt() {
      let due: number | null = null;
      for (const timer of timers.values()) if (due === null || timer.due < due) due = timer.due;
      return due;
    },
  };
}
