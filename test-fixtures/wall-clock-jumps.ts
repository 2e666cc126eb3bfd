import type { Clock } from '../shared/clock.ts';
import type { FakeClock } from './fake-clock.ts';

// The wall clock of a laptop that sleeps and resumes, or whose time is stepped back by NTP: now()
// jumps, while timers keep the delay they had left, since Node runs them on the monotonic clock.
// Built on a FakeClock: `jump` moves only the wall time; `clock.advanceAsync` moves both.

export interface JumpingClock extends Clock {
  /** Move the wall clock by `ms` (negative: back) without running any timer. */
  jump(ms: number): void;
}

export function withWallClockJumps(fake: FakeClock): JumpingClock {
  let offset = 0;
  return {
    now: () => fake.now() + offset,
    setTimeout: (callback, ms) => fake.setTimeout(callback, ms),
    clearTimeout: (handle) => fake.clearTimeout(handle),
    jump(ms) {
      offset += ms;
    },
  };
}
