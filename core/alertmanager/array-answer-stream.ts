import { JsonArrayItems } from './json-array-items.ts';
import type { LastAnswerBytes } from './last-answer-bytes.ts';

// An answer that is a JSON array, read item by item as it streams in, against the last answer to
// the same request. While every chunk is what the last answer had at that offset, nothing is read:
// the whole answer may be a repeat (last-answer-bytes.ts). When a chunk differs, the last answer's
// items that ended before the first different chunk are this answer's too, byte for byte: they are
// taken as they were, unread, and splitting starts after them. Alertmanager sorts its answers, so
// a change to one alert leaves everything before it to be taken this way, where reading it meant
// decoding, splitting and comparing every item up to the change (docs/benchmarks.md). The items
// after it are handed over with where they lie in the answer's bytes, for the reader to compare
// with last time's items where those lie (`LastAnswerBytes.sameAsLastItem`).
//
// Items are handed over as their bytes, one character per byte (latin1), never decoded as UTF-8:
// offsets in the text are offsets in the bytes, and two texts are equal exactly when their bytes
// are. `itemJsonText` gives the text JSON.parse must see.

/** What reads an array answer's items (a cache of the last answer's items, alert-item-cache.ts). */
export interface ArrayItemReader {
  /**
   * The next item: its bytes, one character per byte (see `itemJsonText`), and where they end in
   * the answer (they start at `end - text.length`); -1 for a scalar item, whose place is not kept.
   */
  item(text: string, end: number): void;
  /**
   * The last answer's first `count` items, unchanged, are this answer's first items. False when
   * the reader cannot take them from its last answer: they are then read like any other.
   */
  sameAsLast(count: number): boolean;
}

export type ArrayAnswerEnd =
  /** The bytes of the last answer again: nothing was handed over. */
  | { kind: 'repeated' }
  /** An array, read in full: every item went to the reader. */
  | { kind: 'items' }
  /** Not an array: its whole text (decoded), for the caller to parse and describe. */
  | { kind: 'whole'; text: string };

/** How many of the ascending `ends` are at most `limit`. */
function countAtMost(ends: readonly number[], limit: number): number {
  let low = 0;
  let high = ends.length;
  while (low < high) {
    const middle = (low + high) >>> 1;
    if (ends[middle]! <= limit) low = middle + 1;
    else high = middle;
  }
  return low;
}

export class ArrayAnswerStream {
  readonly #reader: ArrayItemReader;
  readonly #last: LastAnswerBytes;
  readonly #items: JsonArrayItems;
  #received = 0;
  #repeating = true;
  /** Where this answer's items lie, for the next answer; null once an item was a scalar. */
  #itemRanges: { starts: number[]; ends: number[] } | null = { starts: [], ends: [] };

  constructor(reader: ArrayItemReader, last: LastAnswerBytes) {
    this.#reader = reader;
    this.#last = last;
    last.dropReceived();
    this.#items = new JsonArrayItems((text, end) => {
      if (end === -1) this.#itemRanges = null;
      else if (this.#itemRanges) {
        this.#itemRanges.starts.push(end - text.length);
        this.#itemRanges.ends.push(end);
      }
      reader.item(text, end);
    });
  }

  /** The next chunk of the answer. Throws a JsonArrayItemsError (or the reader's error) when it cannot be read. */
  write(chunk: Buffer): void {
    const offset = this.#received;
    this.#received += chunk.length;
    this.#last.receive(chunk);
    if (this.#repeating) {
      if (this.#last.matches(chunk, offset)) return;
      this.#stopRepeating(offset);
    }
    this.#items.write(chunk.toString('latin1'));
  }

  /** The answer is complete. Throws when an array was cut short. */
  end(): ArrayAnswerEnd {
    if (this.#repeating && this.#last.isLength(this.#received)) {
      this.#last.dropReceived();
      return { kind: 'repeated' };
    }
    if (this.#repeating) this.#stopRepeating(this.#received);
    const whole = this.#items.end();
    if (whole !== null) {
      this.#last.dropReceived();
      return { kind: 'whole', text: itemJsonText(whole) };
    }
    this.#last.commit(this.#itemRanges);
    return { kind: 'items' };
  }

  /** The answer differs from the last one after its first `matched` bytes. */
  #stopRepeating(matched: number): void {
    this.#repeating = false;
    if (matched === 0) return;
    const lastItems = this.#last.lastItems;
    let taken = lastItems ? countAtMost(lastItems.ends, matched) : 0;
    if (taken > 0 && !this.#reader.sameAsLast(taken)) taken = 0;
    let from = 0;
    if (taken > 0) {
      from = lastItems!.ends[taken - 1]!;
      this.#itemRanges = { starts: lastItems!.starts.slice(0, taken), ends: lastItems!.ends.slice(0, taken) };
      this.#items.resumeAfter(taken, from);
    }
    if (from < matched) this.#items.write(this.#last.receivedText(from, matched));
  }
}

/** In a text of bytes (latin1), a byte that is not ASCII. */
const NOT_ASCII = /[\u0080-\u00ff]/;

/** An item's text as JSON.parse must see it: its bytes decoded as UTF-8 (ASCII, the usual case, as it is). */
export function itemJsonText(bytesText: string): string {
  return NOT_ASCII.test(bytesText) ? Buffer.from(bytesText, 'latin1').toString('utf8') : bytesText;
}
