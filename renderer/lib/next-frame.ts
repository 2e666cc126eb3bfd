// A hidden window draws no frames, so a timer stands in for the frame there (throttled to about
// once a second by the browser, which is all a hidden window needs). A one-shot deferral, not
// polling: nothing is scheduled while nothing waits.
const HIDDEN_WINDOW_FALLBACK_MS = 100;

/** Run once at the next frame, or after the fallback delay if no frame comes first; returns a cancel. */
export function nextFrame(run: () => void): () => void {
  let done = false;
  const cancel = () => {
    done = true;
    cancelAnimationFrame(frame);
    clearTimeout(timer);
  };
  const once = () => {
    if (done) return;
    cancel();
    run();
  };
  const frame = requestAnimationFrame(once);
  const timer = setTimeout(once, HIDDEN_WINDOW_FALLBACK_MS);
  return cancel;
}

/**
 * Like nextFrame, but never sooner than `intervalMs` after the previous run: a window that
 * re-renders a few hundred incidents on every frame of a storm has no time left to read the
 * socket. In calm times (the previous run long ago) it is just the next frame.
 */
export function framesAtMostEvery(intervalMs: number, now: () => number = () => performance.now()): (run: () => void) => () => void {
  let lastRun = -Infinity;
  return (run) => {
    const go = () => {
      lastRun = now();
      run();
    };
    const wait = lastRun + intervalMs - now();
    if (wait <= 0) return nextFrame(go);
    let cancelFrame: (() => void) | null = null;
    const timer = setTimeout(() => (cancelFrame = nextFrame(go)), wait);
    return () => {
      clearTimeout(timer);
      cancelFrame?.();
    };
  };
}

/**
 * Run once the next frame has been painted: a frame callback runs before its paint, so step one
 * task past it. Returns a cancel.
 */
export function afterNextPaint(run: () => void): () => void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const cancelFrame = nextFrame(() => {
    timer = setTimeout(run, 0);
  });
  return () => {
    cancelFrame();
    clearTimeout(timer);
  };
}
