import { describe, expect, it } from 'vitest';
import { createFakeClock } from './fake-clock.ts';

describe('createFakeClock', () => {
  it('runs due timers in due order (FIFO for ties) and moves now to each due time', () => {
    const clock = createFakeClock(100);
    const log: string[] = [];
    clock.setTimeout(() => log.push(`b@${clock.now()}`), 20);
    clock.setTimeout(() => log.push(`a@${clock.now()}`), 10);
    clock.setTimeout(() => log.push(`c@${clock.now()}`), 20);
    clock.setTimeout(() => log.push('late'), 31);
    clock.advance(30);
    expect(log).toEqual(['a@110', 'b@120', 'c@120']);
    expect(clock.now()).toBe(130);
    expect(clock.pendingTimers()).toBe(1);
    expect(clock.nextTimerAt()).toBe(131);
  });

  it('runs timers scheduled by callbacks within the same advance, and honours clearTimeout', () => {
    const clock = createFakeClock(0);
    const log: number[] = [];
    const cancelled = clock.setTimeout(() => log.push(-1), 5);
    clock.setTimeout(() => {
      log.push(clock.now());
      clock.setTimeout(() => log.push(clock.now()), 3);
    }, 2);
    clock.clearTimeout(cancelled);
    clock.advance(10);
    expect(log).toEqual([2, 5]);
    expect(clock.pendingTimers()).toBe(0);
  });

  it('advanceAsync lets promise callbacks schedule the next timer in between', async () => {
    const clock = createFakeClock(0);
    const ticks: number[] = [];
    const loop = () =>
      clock.setTimeout(() => {
        ticks.push(clock.now());
        void Promise.resolve().then(loop);
      }, 100);
    loop();
    await clock.advanceAsync(350);
    expect(ticks).toEqual([100, 200, 300]);
  });

  it('refuses to go back in time', () => {
    expect(() => createFakeClock(0).advance(-1)).toThrow(/cannot advance/);
  });
});
