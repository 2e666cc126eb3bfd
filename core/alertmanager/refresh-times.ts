// Prometheus re-sends every firing alert about once a minute, and Alertmanager then writes the
// alert again with a new endsAt and updatedAt and every other byte the same. At 10k alerts from
// one rule that is 10k changed items at once, each parsed only to find it is the alert already
// held (alert-item-cache.ts). This compares an item with last time's, apart from the values of
// their endsAt and updatedAt, where both lie in their answers' bytes, so such an item is
// recognised without JSON.parse and without decoding or building any text.
//
// It decides only "the same apart from those two values"; anything it cannot follow (not an
// object, a value of another type, a malformed string) is "not known to be the same", and the
// caller parses the item as before. Keys are compared as written: a key spelled with escapes is
// not recognised, so its value counts like any other.

import type { ReceivedBytes } from './received-bytes.ts';
import { BACKSLASH, CLOSE_BRACE, CLOSE_BRACKET, COLON, COMMA, OPEN_BRACE, OPEN_BRACKET, QUOTE } from './json-char-codes.ts';

const REFRESH_KEYS = new Set(['"endsAt"', '"updatedAt"']);

/** Where the string that starts with the quote at `start` ends (the index after its closing quote), or -1. */
function stringEnd(text: string, start: number): number {
  let at = start + 1;
  for (;;) {
    const quote = text.indexOf('"', at);
    if (quote === -1) return -1;
    let backslashes = 0;
    while (text.charCodeAt(quote - 1 - backslashes) === BACKSLASH) backslashes += 1;
    if (backslashes % 2 === 0) return quote + 1;
    at = quote + 1;
  }
}

const SIMPLE_ESCAPES = new Set(['"', '\\', '/', 'b', 'f', 'n', 'r', 't']);

/** The text between two quotes is a well-formed JSON string body (what JSON.parse would accept). */
function isJsonStringBody(body: string): boolean {
  for (let i = 0; i < body.length; i++) {
    const code = body.charCodeAt(i);
    if (code < 0x20) return false;
    if (code !== BACKSLASH) continue;
    const next = body[i + 1];
    if (next === 'u') {
      if (!/^[0-9a-fA-F]{4}$/.test(body.slice(i + 2, i + 6))) return false;
      i += 5;
    } else if (next !== undefined && SIMPLE_ESCAPES.has(next)) i += 1;
    else return false;
  }
  return true;
}

/**
 * Where the bodies of the item's top-level endsAt and updatedAt string values lie in its text:
 * [start, end) pairs in order (between the quotes), or null when the text is not an object this
 * scan can follow.
 */
export function refreshValueBodies(text: string): number[] | null {
  if (text.charCodeAt(0) !== OPEN_BRACE) return null;
  let depth = 0;
  // At depth 1: the next string is a key (after '{' or ','), or a value (after ':').
  let expectKey = false;
  let refreshValueNext = false;
  const bodies: number[] = [];
  for (let i = 0; i < text.length; ) {
    const code = text.charCodeAt(i);
    if (code === QUOTE) {
      const end = stringEnd(text, i);
      if (end === -1) return null;
      if (depth === 1 && expectKey) {
        refreshValueNext = REFRESH_KEYS.has(text.slice(i, end));
        expectKey = false;
      } else if (depth === 1 && refreshValueNext) {
        if (!isJsonStringBody(text.slice(i + 1, end - 1))) return null;
        bodies.push(i + 1, end - 1);
        refreshValueNext = false;
      }
      i = end;
      continue;
    }
    if (code === OPEN_BRACE || code === OPEN_BRACKET) {
      // A refresh key's value that is not a string: not what Alertmanager writes.
      if (depth === 1 && refreshValueNext) return null;
      depth += 1;
      if (depth === 1) expectKey = true;
    } else if (code === CLOSE_BRACE || code === CLOSE_BRACKET) {
      depth -= 1;
      if (depth < 0) return null;
      if (depth === 0 && i !== text.length - 1) return null;
    } else if (depth === 1 && code === COMMA) expectKey = true;
    // Between a refresh key and its value only the colon and spaces may come: anything else starts
    // a value that is not a string.
    else if (depth === 1 && refreshValueNext && code > 0x20 && code !== COLON) return null;
    i += 1;
  }
  if (depth !== 0) return null;
  return bodies;
}

/**
 * Bytes [lastStart, lastEnd) of `last` are the item `text` (its bytes, one character per byte, at
 * `start` in `next`) apart from the bodies of its top-level endsAt and updatedAt string values.
 * Compared where both lie in their answers' bytes: nothing is decoded or built. The last item's
 * values in those places must be plain string bodies (no escape, no control character), as
 * Alertmanager writes times; any other is "not known to be the same".
 */
export function sameBytesBesidesRefreshTimes(last: ReceivedBytes, lastStart: number, lastEnd: number, next: ReceivedBytes, start: number, text: string): boolean {
  const bodies = refreshValueBodies(text);
  if (bodies === null) return false;
  // Everything outside the values is the same bytes, so the last item's value starts where this
  // one's does; its end is found in its own bytes.
  let from = 0;
  let lastAt = lastStart;
  for (let i = 0; i < bodies.length; i += 2) {
    const length = bodies[i]! - from;
    if (lastAt + length > lastEnd || !next.equalsRange(start + from, start + bodies[i]!, last, lastAt)) return false;
    const close = last.plainStringBodyEnd(lastAt + length, lastEnd);
    if (close === -1) return false;
    lastAt = close;
    from = bodies[i + 1]!;
  }
  return lastAt + (text.length - from) === lastEnd && next.equalsRange(start + from, start + text.length, last, lastAt);
}
