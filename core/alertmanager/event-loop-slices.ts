// libuv hands a socket's waiting data over in up to 32 chunks (2 MB) in one go, and a stream
// emits what it has buffered in one synchronous loop: a 7 MB answer read item by item kept
// timers, the tray and IPC waiting for up to 200 ms (docs/benchmarks.md, event loop). Reading a
// few chunks at a time, with the event loop let through in between, keeps each stall short. A
// chunk's cost varies 5-fold (a Prometheus re-send of 10k alerts changes every item's refresh
// times, and each is then compared apart from them), so a slice also ends once it has taken its
// time budget: a stall is at most the budget and one chunk.

/** A streamed answer is read at most this many chunks (of up to 64 KiB) at a time. */
export const CHUNKS_PER_SLICE = 4;
/** ...and a slice ends once it has taken this long. */
export const SLICE_BUDGET_MS = 8;

export interface SliceOptions {
  chunksPerSlice?: number;
  budgetMs?: number;
  /** A monotonic clock in ms (injectable for tests). */
  now?: () => number;
}

/**
 * Call the returned function after each chunk of `stream` is handled: after `chunksPerSlice`
 * chunks, or once the slice took `budgetMs`, it pauses the stream until the event loop has turned once.
 */
export function eventLoopSlices(stream: { pause(): unknown; resume(): unknown }, options: SliceOptions = {}): () => void {
  const { chunksPerSlice = CHUNKS_PER_SLICE, budgetMs = SLICE_BUDGET_MS, now = () => performance.now() } = options;
  let sinceTurn = 0;
  let sliceStart = now();
  return () => {
    if (++sinceTurn < chunksPerSlice && now() - sliceStart < budgetMs) return;
    sinceTurn = 0;
    stream.pause();
    setImmediate(() => {
      sliceStart = now();
      stream.resume();
    });
  };
}
