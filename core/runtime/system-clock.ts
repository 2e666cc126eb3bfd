import type { Clock, TimerHandle } from '../../shared/clock.ts';

export const systemClock: Clock = {
  now: () => Date.now(),
  setTimeout: (callback, ms) => {
    // Node caps timers at ~24.8 days; an escalation is never that far out, but clamp anyway.
    const handle = setTimeout(callback, Math.min(Math.max(0, ms), 2 ** 31 - 1));
    handle.unref?.();
    return handle as unknown as TimerHandle;
  },
  clearTimeout: (handle) => clearTimeout(handle as unknown as NodeJS.Timeout),
};
