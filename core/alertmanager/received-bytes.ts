// An answer's bytes as they came off the socket: the chunks themselves, kept without a copy, read
// at any offset. Node hands each read its own buffer and never writes to it again, so holding the
// chunks costs what they already cost; copying 7 MB into one buffer of its own cost a second copy
// of every changed answer (docs/benchmarks.md).

export class ReceivedBytes {
  readonly #chunks: Buffer[] = [];
  /** Where each chunk starts in the whole. */
  readonly #starts: number[] = [];
  #length = 0;

  get length(): number {
    return this.#length;
  }

  /** The next chunk; it must not be written to afterwards. */
  append(chunk: Buffer): void {
    if (chunk.length === 0) return;
    this.#starts.push(this.#length);
    this.#chunks.push(chunk);
    this.#length += chunk.length;
  }

  /** Bytes [offset, offset + bytes.length) are `bytes`. */
  equals(offset: number, bytes: Buffer): boolean {
    if (offset + bytes.length > this.#length) return false;
    return this.#compare(offset, [bytes], 0, 0, bytes.length);
  }

  /** Bytes [start, end) here are bytes [otherStart, otherStart + end - start) of `other`. */
  equalsRange(start: number, end: number, other: ReceivedBytes, otherStart: number): boolean {
    if (end > this.#length || otherStart + (end - start) > other.#length) return false;
    const b = other.#chunkAt(otherStart);
    return this.#compare(start, other.#chunks, b, otherStart - other.#starts[b]!, end - start);
  }

  /**
   * Where the JSON string body starting at `from` closes (the offset of its closing quote), when
   * it is plain: no escape and no control character before the quote, found before `limit`; else -1.
   */
  plainStringBodyEnd(from: number, limit: number): number {
    if (from >= Math.min(limit, this.#length)) return -1;
    let index = this.#chunkAt(from);
    let at = from;
    let chunk = this.#chunks[index]!;
    let offset = from - this.#starts[index]!;
    while (at < limit && at < this.#length) {
      if (offset === chunk.length) {
        index += 1;
        chunk = this.#chunks[index]!;
        offset = 0;
      }
      const byte = chunk[offset]!;
      if (byte === 0x22) return at;
      if (byte < 0x20 || byte === 0x5c) return -1;
      at += 1;
      offset += 1;
    }
    return -1;
  }

  /** Bytes [from, to), one character per byte (latin1). */
  latin1(from: number, to: number): string {
    if (to <= from) return '';
    let index = this.#chunkAt(from);
    const first = this.#chunks[index]!;
    const offset = from - this.#starts[index]!;
    // Usually one chunk holds them all.
    if (offset + (to - from) <= first.length) return first.toString('latin1', offset, offset + (to - from));
    let text = first.toString('latin1', offset);
    for (let at = this.#starts[index]! + first.length; at < to; at += this.#chunks[index]!.length) {
      index += 1;
      text += this.#chunks[index]!.toString('latin1', 0, Math.min(this.#chunks[index]!.length, to - at));
    }
    return text;
  }

  /** Compares `length` bytes from `start` here with `chunks` from chunk `b`, offset `bOffset`. */
  #compare(start: number, chunks: readonly Buffer[], b: number, bOffset: number, length: number): boolean {
    let a = this.#chunkAt(start);
    let aOffset = start - this.#starts[a]!;
    let left = length;
    while (left > 0) {
      const aChunk = this.#chunks[a]!;
      const bChunk = chunks[b]!;
      const n = Math.min(left, aChunk.length - aOffset, bChunk.length - bOffset);
      if (aChunk.compare(bChunk, bOffset, bOffset + n, aOffset, aOffset + n) !== 0) return false;
      left -= n;
      aOffset += n;
      bOffset += n;
      if (aOffset === aChunk.length) {
        a += 1;
        aOffset = 0;
      }
      if (bOffset === bChunk.length) {
        b += 1;
        bOffset = 0;
      }
    }
    return true;
  }

  /** The chunk that holds `offset` (< length). */
  #chunkAt(offset: number): number {
    let low = 0;
    let high = this.#starts.length - 1;
    while (low < high) {
      const middle = (low + high + 1) >>> 1;
      if (this.#starts[middle]! <= offset) low = middle;
      else high = middle - 1;
    }
    return low;
  }
}
