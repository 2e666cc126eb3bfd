// The bytes of the last answer to one question from one Alertmanager, kept to recognise the same
// answer again while it streams in. Most polls get exactly the answer they got last time; such a
// poll then costs a byte comparison per chunk: nothing is decoded, split or compared item by item
// (docs/benchmarks.md, idle). One buffer, updated in place as a different answer streams in. Where
// the last answer's items ended is kept too: the items a different answer starts with unchanged
// are taken as they were, unread (array-answer-stream.ts).

export class LastAnswerBytes {
  #buffer: Buffer = Buffer.alloc(0);
  /** How many bytes of the buffer are a complete answer; -1 while none is (none yet, or one was cut short). */
  #length = -1;
  /** Where each item of the complete answer ended (the offset after its closing bracket), or null. */
  #itemEnds: readonly number[] | null = null;

  /** The chunk at this offset is what the last answer had there. */
  matches(chunk: Buffer, offset: number): boolean {
    return this.#length >= offset + chunk.length && this.#buffer.subarray(offset, offset + chunk.length).equals(chunk);
  }

  /** The first `length` bytes of the last answer (a view: read it before the next `store`). */
  prefix(length: number): Buffer {
    return this.#buffer.subarray(0, length);
  }

  /** The last answer had exactly `length` bytes (every chunk having matched, this is the same answer). */
  isLength(length: number): boolean {
    return this.#length === length;
  }

  /** Where the last complete answer's items ended, in order; null when not known (or no complete answer). */
  get itemEnds(): readonly number[] | null {
    return this.#length === -1 ? null : this.#itemEnds;
  }

  /** Writes a chunk of a different answer; until `commit`, nothing here is a complete answer. */
  store(chunk: Buffer, offset: number): void {
    this.#length = -1;
    this.#itemEnds = null;
    const needed = offset + chunk.length;
    if (needed > this.#buffer.length) {
      const grown = Buffer.allocUnsafe(Math.max(needed, this.#buffer.length * 2));
      this.#buffer.copy(grown, 0, 0, offset);
      this.#buffer = grown;
    }
    chunk.copy(this.#buffer, offset);
  }

  /** The answer that streamed in, `length` bytes, was read in full; its items ended at `itemEnds` (null: not known). */
  commit(length: number, itemEnds: readonly number[] | null): void {
    this.#length = length;
    this.#itemEnds = itemEnds;
  }

  /** The answer was not read in full (or not as an array): nothing to compare the next one with. */
  forget(): void {
    this.#length = -1;
    this.#itemEnds = null;
  }
}
