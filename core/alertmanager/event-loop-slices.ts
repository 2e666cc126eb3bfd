// libuv hands a socket's waiting data over in up to 32 chunks (2 MB) in one go, and a stream
// emits what it has buffered in one synchronous loop: a 7 MB answer read item by item kept
// timers, the tray and IPC waiting for up to 200 ms (docs/benchmarks.md, event loop). Reading a
// few chunks at a time, with the event loop let through in between, keeps each stall short.

/** A streamed answer is read this many chunks (of up to 64 KiB) at a time. */
export const CHUNKS_PER_SLICE = 4;

/**
 * Call the returned function after each chunk of `stream` is handled: every `chunksPerSlice`
 * chunks it pauses the stream until the event loop has turned once.
 */
export function eventLoopSlices(stream: { pause(): unknown; resume(): unknown }, chunksPerSlice = CHUNKS_PER_SLICE): () => void {
  let sinceTurn = 0;
  return () => {
    if (++sinceTurn < chunksPerSlice) return;
    sinceTurn = 0;
    stream.pause();
    setImmediate(() => stream.resume());
  };
}
