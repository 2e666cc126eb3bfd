import type { LastAnswerBytes } from './last-answer-bytes.ts';

// The items of an Alertmanager member's last answer, walked beside the next answer as it streams
// in. Alertmanager sorts its answers (alerts by fingerprint, groups by their labels) and writes
// what did not change with the same bytes, so an unchanged item is usually the next one of last
// time's, or a few further on when items left since (resolved, acked away). Last time's items are
// compared where they lie in its bytes (last-answer-bytes.ts): no copy of their texts is kept.

/** How far ahead in last time's items an item is looked for. */
const LOOK_AHEAD = 8;

export class PreviousItems {
  readonly #bytes: LastAnswerBytes;
  readonly #count: number;
  #cursor = 0;

  /**
   * Null when `bytes` does not know where the last answer's `count` items lie (none kept, or
   * another number of them): there is then nothing to walk beside.
   */
  static of(bytes: LastAnswerBytes, count: number): PreviousItems | null {
    return bytes.lastItems?.ends.length === count ? new PreviousItems(bytes, count) : null;
  }

  private constructor(bytes: LastAnswerBytes, count: number) {
    this.#bytes = bytes;
    this.#count = count;
  }

  /** Where the next find starts: after an item that changed, last time's item in its place. */
  get cursor(): number {
    return this.#cursor;
  }

  /** Last time's items before `index` are passed: the next find starts there. */
  skipTo(index: number): void {
    this.#cursor = Math.max(this.#cursor, Math.min(index, this.#count));
  }

  /**
   * Where last time's answer had the item that ends at `end` in this answer and is `length` bytes
   * long (at or after the previous find), or -1. An item whose place is not known (`end` -1) is
   * never found.
   */
  find(length: number, end: number): number {
    if (end === -1) return -1;
    const last = Math.min(this.#cursor + LOOK_AHEAD, this.#count);
    for (let at = this.#cursor; at < last; at++) {
      if (this.#bytes.sameAsLastItem(at, end - length, end)) {
        this.#cursor = at + 1;
        return at;
      }
    }
    return -1;
  }
}
