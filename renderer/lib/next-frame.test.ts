import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { afterNextPaint, framesAtMostEvery, nextFrame } from './next-frame.ts';

// Frames are stood in for by 16 ms timers on a fake clock; a hidden window draws none.
let framesDrawn = true;
beforeEach(() => {
  vi.useFakeTimers();
  framesDrawn = true;
  vi.stubGlobal('requestAnimationFrame', (run: () => void) => (framesDrawn ? setTimeout(run, 16) : setTimeout(() => undefined, 0)));
  vi.stubGlobal('cancelAnimationFrame', (id: ReturnType<typeof setTimeout>) => clearTimeout(id));
});
afterEach(() => {
  vi.useRealTimers();
  vi.unstubAllGlobals();
});

describe('nextFrame', () => {
  it('runs once at the next frame', () => {
    const run = vi.fn();
    nextFrame(run);
    vi.advanceTimersByTime(16);
    expect(run).toHaveBeenCalledTimes(1);
    vi.advanceTimersByTime(1000);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('still runs in a hidden window, where no frame comes', () => {
    framesDrawn = false;
    const run = vi.fn();
    nextFrame(run);
    vi.advanceTimersByTime(99);
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersByTime(1);
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('does not run once cancelled', () => {
    const run = vi.fn();
    nextFrame(run)();
    vi.advanceTimersByTime(1000);
    expect(run).not.toHaveBeenCalled();
  });
});

describe('framesAtMostEvery', () => {
  it('runs at the next frame when calm, and no sooner than the interval after the previous run', () => {
    const schedule = framesAtMostEvery(250, () => Date.now());
    const runs: number[] = [];
    const start = Date.now();
    schedule(() => runs.push(Date.now() - start));
    vi.advanceTimersByTime(16);
    schedule(() => runs.push(Date.now() - start));
    vi.advanceTimersByTime(1000);
    expect(runs).toEqual([16, 16 + 250 + 16]);
  });
});

describe('afterNextPaint', () => {
  it('runs one task after the next frame (its paint), not in the frame callback', () => {
    const run = vi.fn();
    afterNextPaint(run);
    vi.advanceTimersByTime(15);
    expect(run).not.toHaveBeenCalled();
    // The frame callback itself only steps past the paint.
    vi.advanceTimersToNextTimer();
    expect(run).not.toHaveBeenCalled();
    vi.advanceTimersToNextTimer();
    expect(run).toHaveBeenCalledTimes(1);
  });

  it('can be cancelled before the frame or after it', () => {
    const early = vi.fn();
    afterNextPaint(early)();
    const late = vi.fn();
    const cancel = afterNextPaint(late);
    vi.advanceTimersByTime(16);
    cancel();
    vi.advanceTimersByTime(1000);
    expect(early).not.toHaveBeenCalled();
    expect(late).not.toHaveBeenCalled();
  });
});
