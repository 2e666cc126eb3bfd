// Splits a JSON array answer into the texts of its items while it streams in, so a poll of 10k
// alerts never builds one 7 MB string and never parses an item it has already parsed: the caller
// keys its cache by item text and JSON.parses only the items it has not seen before (an
// Alertmanager answer is compact, deterministic JSON, so an unchanged alert has the same text).
//
// This is a delimiter finder, not a parser: it tracks only strings (with their escapes) and
// nesting, to find the commas between the top-level items. Each item's text is still handed to
// JSON.parse by the caller, so what is valid JSON stays JSON.parse's decision; what this class
// decides is only where items begin and end and that the array is properly closed, and it
// refuses anything else (an empty item, a missing comma or bracket, trailing text).

import { CLOSE_BRACE, CLOSE_BRACKET, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-char-codes.ts';

export class JsonArrayItemsError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'JsonArrayItemsError';
  }
}

function isJsonSpace(code: number): boolean {
  return code === 0x20 || code === 0x0a || code === 0x0d || code === 0x09;
}

type Phase =
  /** Before the first non-space character. */
  | 'start'
  /** Inside the array, between items (after '[' or a ','). */
  | 'between'
  /** Inside an item. */
  | 'item'
  /** After an item, expecting ',' or ']'. */
  | 'after-item'
  /** After the closing ']': only spaces may follow. */
  | 'closed'
  /** The text does not start with '[': not an array, the caller parses the whole text. */
  | 'not-array';

/**
 * Called with each item's text, and where it ended in the whole text (the offset after its closing
 * bracket) for an object or array item; -1 for a scalar one, which ends where its comma is found.
 */
type OnArrayItem = (text: string, end: number) => void;

export class JsonArrayItems {
  readonly #onItem: OnArrayItem;
  #phase: Phase = 'start';
  /** Nesting inside the current item (0 between items). */
  #depth = 0;
  #inString = false;
  /** The previous chunk ended on a backslash inside a string: the next character is escaped. */
  #escapePending = false;
  /** The current item's text from earlier chunks. */
  #partial = '';
  /** Everything seen, kept only once the text turned out not to be an array. */
  #whole = '';
  #sawComma = false;
  #items = 0;
  /** Characters written before the current chunk. */
  #position = 0;

  constructor(onItem: OnArrayItem) {
    this.#onItem = onItem;
  }

  /**
   * Starts reading after `items` object or array items of which the last ended at `position` (what
   * an earlier text had and this one has too): the next character written is the one at `position`.
   */
  resumeAfter(items: number, position: number): void {
    if (this.#phase !== 'start' || this.#position !== 0) throw new Error('resumeAfter is only for a splitter that has read nothing');
    if (items === 0) return;
    this.#phase = 'after-item';
    this.#items = items;
    this.#position = position;
  }

  /** Feeds the next piece of text; calls onItem for every item that completed in it. */
  write(chunk: string): void {
    if (this.#phase === 'not-array') {
      this.#whole += chunk;
      return;
    }
    const n = chunk.length;
    this.#write(chunk);
    this.#position += n;
  }

  #write(chunk: string): void {
    const n = chunk.length;
    let i = 0;
    let itemStart = 0;
    // The next backslash at or after i (n when none): found once, not once per string.
    let backslashAt = -1;
    while (i < n) {
      if (this.#inString) {
        if (this.#escapePending) {
          this.#escapePending = false;
          i += 1;
          continue;
        }
        // Strings are most of an alert's text: jump to the next quote or backslash.
        if (backslashAt < i) {
          backslashAt = chunk.indexOf('\\', i);
          if (backslashAt === -1) backslashAt = n;
        }
        const quote = chunk.indexOf('"', i);
        if (backslashAt < n && (quote === -1 || backslashAt < quote)) {
          if (backslashAt + 1 < n) i = backslashAt + 2;
          else {
            this.#escapePending = true;
            i = n;
          }
          continue;
        }
        if (quote === -1) {
          i = n;
          continue;
        }
        this.#inString = false;
        i = quote + 1;
        continue;
      }
      const code = chunk.charCodeAt(i);
      switch (this.#phase) {
        case 'start':
          if (isJsonSpace(code)) break;
          if (code !== OPEN_BRACKET) {
            this.#phase = 'not-array';
            this.#whole = chunk.slice(i);
            return;
          }
          this.#phase = 'between';
          break;
        case 'between':
          if (isJsonSpace(code)) break;
          if (code === CLOSE_BRACKET) {
            if (this.#sawComma) throw new JsonArrayItemsError(`a comma before ']' after item ${this.#items}`);
            this.#phase = 'closed';
            break;
          }
          if (code === COMMA) throw new JsonArrayItemsError(`an empty item after item ${this.#items}`);
          // The item's first character is read again, as part of the item.
          this.#phase = 'item';
          itemStart = i;
          this.#depth = 0;
          continue;
        case 'item':
          if (code === QUOTE) this.#inString = true;
          else if (code === OPEN_BRACE || code === OPEN_BRACKET) this.#depth += 1;
          else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
            if (this.#depth === 0) {
              // The array's own ']' right after a scalar item ("[1]").
              if (code === CLOSE_BRACE) throw new JsonArrayItemsError(`an unmatched '}' in item ${this.#items + 1}`);
              this.#emit(chunk, itemStart, i, -1);
              this.#phase = 'closed';
            } else {
              this.#depth -= 1;
              if (this.#depth === 0) {
                // An object or array item closed: what follows must be ',' or ']'.
                this.#emit(chunk, itemStart, i + 1, this.#position + i + 1);
                this.#phase = 'after-item';
              }
            }
          } else if (code === COMMA && this.#depth === 0) {
            this.#emit(chunk, itemStart, i, -1);
            this.#phase = 'between';
            this.#sawComma = true;
          }
          break;
        case 'after-item':
          if (isJsonSpace(code)) break;
          if (code === COMMA) {
            this.#phase = 'between';
            this.#sawComma = true;
          } else if (code === CLOSE_BRACKET) this.#phase = 'closed';
          else throw new JsonArrayItemsError(`a missing comma after item ${this.#items}`);
          break;
        case 'closed':
          if (!isJsonSpace(code)) throw new JsonArrayItemsError('text after the closing bracket');
          break;
      }
      i += 1;
    }
    // An item still open at the chunk's end continues in the next one.
    if (this.#phase === 'item') this.#partial += chunk.slice(itemStart);
  }

  /**
   * The answer is complete. Returns null when the array closed properly, or the whole text when
   * it was not an array (for the caller to parse and describe); throws when the array is cut short.
   */
  end(): string | null {
    if (this.#phase === 'not-array') return this.#whole;
    if (this.#phase === 'start') return '';
    if (this.#phase !== 'closed') throw new JsonArrayItemsError(`the array ends before its closing bracket (after ${this.#items} items)`);
    return null;
  }

  #emit(chunk: string, start: number, end: number, endsAt: number): void {
    // Spaces between a scalar item and its comma are not part of the item.
    const text = (this.#partial + chunk.slice(start, end)).trimEnd();
    this.#partial = '';
    if (text === '') throw new JsonArrayItemsError(`an empty item after item ${this.#items}`);
    this.#items += 1;
    this.#onItem(text, endsAt);
  }
}
