import { describe, expect, it } from 'vitest';
import { latestOnly } from './latest-only.ts';

function manualSchedule() {
  const queue: Array<() => void> = [];
  return {
    schedule: (run: () => void) => {
      queue.push(run);
      return () => queue.splice(queue.indexOf(run), 1);
    },
    turn: () => queue.splice(0).forEach((run) => run()),
    pending: () => queue.length,
  };
}

describe('latestOnly', () => {
  it('delivers only the newest of a burst, once, on the next turn', () => {
    const delivered: number[] = [];
    const clock = manualSchedule();
    const latest = latestOnly((n: number) => delivered.push(n), clock.schedule);
    for (let n = 1; n <= 300; n++) latest.push(n);
    expect(clock.pending()).toBe(1);
    expect(delivered).toEqual([]);
    clock.turn();
    expect(delivered).toEqual([300]);
    clock.turn();
    expect(delivered).toEqual([300]);
  });

  it('delivers every value when each arrives in its own turn', () => {
    const delivered: string[] = [];
    const clock = manualSchedule();
    const latest = latestOnly((s: string) => delivered.push(s), clock.schedule);
    latest.push('a');
    clock.turn();
    latest.push('b');
    clock.turn();
    expect(delivered).toEqual(['a', 'b']);
  });

  it('delivers nothing after cancel', () => {
    const delivered: number[] = [];
    const clock = manualSchedule();
    const latest = latestOnly((n: number) => delivered.push(n), clock.schedule);
    latest.push(1);
    latest.cancel();
    clock.turn();
    expect(delivered).toEqual([]);
    expect(clock.pending()).toBe(0);
  });
});
