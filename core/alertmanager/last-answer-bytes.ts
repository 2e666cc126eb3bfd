import { ReceivedBytes } from './received-bytes.ts';
import { sameBytesBesidesRefreshTimes } from './refresh-times.ts';

// The bytes of the last answer to one question from one Alertmanager, kept to recognise the same
// answer again while it streams in. Most polls get exactly the answer they got last time; such a
// poll then costs a byte comparison per chunk: nothing is decoded, split or compared item by item
// (docs/benchmarks.md, idle).
//
// Where each of the last answer's items begins and ends is kept too, and these bytes are the only
// copy of its items Vigil keeps: an item of a different answer is compared with last time's items
// where they lie in these bytes (`sameAsLastItem`), so no text of 10k items is held beside them
// (7.5 MB at 10k alerts). The answer streaming in is kept apart (its chunks as they came,
// received-bytes.ts) and replaces the last one only once it was read in full (`commit`); an answer
// cut short leaves the last complete one in place (`dropReceived`).

/** Where an answer's items lie in its bytes: item i is bytes [starts[i], ends[i]). */
export interface ItemRanges {
  starts: readonly number[];
  ends: readonly number[];
}

export class LastAnswerBytes {
  /** The last complete answer; null while there is none. */
  #last: ReceivedBytes | null = null;
  #lastItems: ItemRanges | null = null;
  /** The answer streaming in. */
  #next = new ReceivedBytes();

  /**
   * What was received of the answer streaming in is not kept: a new answer starts, or the one
   * received was the last one again, or was not read in full (or not as an array). The last
   * complete answer stays the one to compare with.
   */
  dropReceived(): void {
    this.#next = new ReceivedBytes();
  }

  /** The next chunk of the answer streaming in; it must not be written to afterwards. */
  receive(chunk: Buffer): void {
    this.#next.append(chunk);
  }

  /** The chunk at this offset is what the last answer had there. */
  matches(chunk: Buffer, offset: number): boolean {
    return this.#last !== null && this.#last.equals(offset, chunk);
  }

  /** Bytes [from, to) of the answer streaming in (received already), one character per byte (latin1). */
  receivedText(from: number, to: number): string {
    return this.#next.latin1(from, to);
  }

  /** The last answer had exactly `length` bytes (every chunk having matched, this is the same answer). */
  isLength(length: number): boolean {
    return this.#last !== null && this.#last.length === length;
  }

  /** Where the last complete answer's items lie; null when not known (or no complete answer). */
  get lastItems(): ItemRanges | null {
    return this.#lastItems;
  }

  /** Item `index` of the last answer has the same bytes as [start, end) of the answer streaming in (received already). */
  sameAsLastItem(index: number, start: number, end: number): boolean {
    const items = this.#lastItems;
    if (items === null || index >= items.ends.length) return false;
    const lastStart = items.starts[index]!;
    return items.ends[index]! - lastStart === end - start && this.#next.equalsRange(start, end, this.#last!, lastStart);
  }

  /**
   * Item `index` of the last answer is the item `text` (one character per byte) at `start` of the
   * answer streaming in, apart from the values of its endsAt and updatedAt (refresh-times.ts).
   */
  sameAsLastItemBesidesRefreshTimes(index: number, start: number, text: string): boolean {
    const items = this.#lastItems;
    if (items === null || index >= items.ends.length) return false;
    return sameBytesBesidesRefreshTimes(this.#last!, items.starts[index]!, items.ends[index]!, this.#next, start, text);
  }

  /** The answer that streamed in was read in full; its items lie at `items` (null: not known). It is now the last answer. */
  commit(items: ItemRanges | null): void {
    this.#last = this.#next;
    this.#lastItems = items;
    this.#next = new ReceivedBytes();
  }
}
