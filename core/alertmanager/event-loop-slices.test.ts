import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { eventLoopSlices } from './event-loop-slices.ts';

// A stream with everything already buffered emits it all in one synchronous loop; read in slices,
// the event loop turns between them.

/** Event loop turns while `stream`'s 20 buffered chunks are read, with `afterChunk` called after each. */
async function turnsWhileReading(afterChunk: (stream: PassThrough) => () => void): Promise<{ turns: number; chunks: number }> {
  const stream = new PassThrough();
  for (let i = 0; i < 20; i++) stream.write(Buffer.alloc(1024, i));
  stream.end();
  const handled = afterChunk(stream);
  let turns = 0;
  let reading = true;
  const turn = () => {
    if (!reading) return;
    turns += 1;
    setImmediate(turn);
  };
  let chunks = 0;
  const done = new Promise<void>((resolve) => stream.on('end', resolve));
  stream.on('data', () => {
    chunks += 1;
    if (chunks === 1) setImmediate(turn);
    handled();
  });
  await done;
  reading = false;
  return { turns, chunks };
}

describe('reading a stream in slices', () => {
  it('lets the event loop turn every few chunks, where a plain read of buffered data lets it turn not once', async () => {
    expect(await turnsWhileReading(() => () => undefined)).toEqual({ turns: 0, chunks: 20 });
    // A clock that stands still: slices end by their number of chunks alone.
    const sliced = await turnsWhileReading((stream) => eventLoopSlices(stream, { chunksPerSlice: 4, now: () => 0 }));
    expect(sliced.chunks).toBe(20);
    expect(sliced.turns).toBeGreaterThanOrEqual(4);
  });

  it('ends a slice once it has taken its time budget, however few chunks it read', async () => {
    // Each chunk takes 5 ms on this clock: a 8 ms budget is spent after two of them.
    let clock = 0;
    const slow = await turnsWhileReading((stream) => {
      const handled = eventLoopSlices(stream, { chunksPerSlice: 100, budgetMs: 8, now: () => clock });
      return () => {
        clock += 5;
        handled();
      };
    });
    expect(slow.chunks).toBe(20);
    expect(slow.turns).toBeGreaterThanOrEqual(9);
  });
});
