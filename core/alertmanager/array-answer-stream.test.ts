import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ArrayAnswerStream, itemJsonText, type ArrayAnswerEnd, type ArrayItemReader } from './array-answer-stream.ts';
import { LastAnswerBytes } from './last-answer-bytes.ts';

// Answers read against the last one: whatever was taken from the last answer unread, and wherever
// the chunks were cut, the items handed over must be this answer's items, byte for byte.

/** A reader that keeps the last answer's item texts, as the caches do, and counts what it took unread. */
class RecordingReader {
  last: string[] | null = null;
  texts: string[] = [];
  taken = 0;
  refuse = false;

  begin(): ArrayItemReader {
    this.texts = [];
    this.taken = 0;
    return {
      item: (text) => void this.texts.push(text),
      sameAsLast: (count) => {
        if (this.refuse || !this.last || this.texts.length > 0 || count > this.last.length) return false;
        this.texts.push(...this.last.slice(0, count));
        this.taken = count;
        return true;
      },
    };
  }
}

function cut(bytes: Buffer, cuts: readonly number[]): Buffer[] {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  return [0, ...points].map((from, i) => bytes.subarray(from, points[i] ?? bytes.length));
}

function read(reader: RecordingReader, last: LastAnswerBytes, chunks: readonly Buffer[]): ArrayAnswerEnd {
  const stream = new ArrayAnswerStream(reader.begin(), last);
  for (const chunk of chunks) stream.write(chunk);
  const end = stream.end();
  if (end.kind === 'items') reader.last = reader.texts;
  return end;
}

// Alert-like items: objects whose values include text outside ASCII (multi-byte in UTF-8).
const itemArb = fc.record({ fingerprint: fc.string({ unit: fc.constantFrom(...'0123456789abcdef'), minLength: 4, maxLength: 8 }), labels: fc.dictionary(fc.string({ maxLength: 6 }), fc.string({ unit: 'binary', maxLength: 12 }), { maxKeys: 3 }) });
const editArb = fc.oneof(
  fc.record({ kind: fc.constant('replace' as const), at: fc.nat(), item: itemArb }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), item: itemArb }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat() }),
);

type Item = typeof itemArb extends fc.Arbitrary<infer T> ? T : never;
type Edit = typeof editArb extends fc.Arbitrary<infer T> ? T : never;

function edited(items: readonly Item[], edits: readonly Edit[]): Item[] {
  const result = [...items];
  for (const edit of edits) {
    const at = result.length === 0 ? 0 : edit.at % (result.length + (edit.kind === 'insert' ? 1 : 0));
    if (edit.kind === 'insert') result.splice(at, 0, edit.item);
    else if (result.length > 0) result.splice(at, 1, ...(edit.kind === 'replace' ? [edit.item] : []));
  }
  return result;
}

const cutsArb = fc.array(fc.nat({ max: 600 }), { maxLength: 10 });

describe('an array answer read against the last one', () => {
  it('hands over exactly each answer’s items, whatever was taken from the last one and wherever the chunks are cut', () => {
    fc.assert(
      fc.property(fc.array(itemArb, { maxLength: 12 }), fc.array(fc.tuple(fc.array(editArb, { maxLength: 3 }), cutsArb), { minLength: 1, maxLength: 3 }), cutsArb, (first, answers, firstCuts) => {
        const reader = new RecordingReader();
        const last = new LastAnswerBytes();
        let before = first;
        let beforeBytes = Buffer.from(JSON.stringify(first));
        expect(read(reader, last, cut(beforeBytes, firstCuts))).toEqual({ kind: 'items' });
        expect(reader.texts.map((text) => JSON.parse(itemJsonText(text)) as unknown)).toEqual(first);
        for (const [edits, cuts] of answers) {
          const next = edited(before, edits);
          const nextBytes = Buffer.from(JSON.stringify(next));
          const end = read(reader, last, cut(nextBytes, cuts));
          if (nextBytes.equals(beforeBytes)) expect(end).toEqual({ kind: 'repeated' });
          else {
            expect(end).toEqual({ kind: 'items' });
            expect(reader.texts.map((text) => JSON.parse(itemJsonText(text)) as unknown)).toEqual(next);
            // What was taken unread is what both answers begin with.
            const common = before.findIndex((item, i) => JSON.stringify(item) !== JSON.stringify(next[i]));
            expect(reader.taken).toBeLessThanOrEqual(common === -1 ? before.length : common);
          }
          before = next;
          beforeBytes = nextBytes;
        }
      }),
      { numRuns: 500 },
    );
  });

  it('takes the unchanged items before a change unread, and reads them when the reader cannot take them', () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ fingerprint: `f${i}`, labels: { alertname: `Température ${i} ✓` } }));
    const changed = items.map((item, i) => (i === 150 ? { ...item, labels: { alertname: 'changé' } } : item));
    const chunks = (value: unknown) => cut(Buffer.from(JSON.stringify(value)), [1024, 2048, 4096, 6144, 8192]);
    const reader = new RecordingReader();
    const last = new LastAnswerBytes();
    read(reader, last, chunks(items));
    read(reader, last, chunks(changed));
    expect(reader.taken).toBeGreaterThan(50);
    expect(reader.texts.map((text) => JSON.parse(itemJsonText(text)) as unknown)).toEqual(changed);

    reader.refuse = true;
    read(reader, last, chunks(items));
    expect(reader.taken).toBe(0);
    expect(reader.texts.map((text) => JSON.parse(itemJsonText(text)) as unknown)).toEqual(items);
  });

  it('after an answer cut short, compares the next one with the last complete answer', () => {
    const items = Array.from({ length: 100 }, (_, i) => ({ fingerprint: `f${i}`, summary: `s${i}` }));
    const bytes = Buffer.from(JSON.stringify(items));
    const reader = new RecordingReader();
    const last = new LastAnswerBytes();
    read(reader, last, cut(bytes, [700, 1400]));
    // A different answer, cut short after its first differing chunk: its bytes were stored apart.
    const changed = items.map((item, i) => (i === 60 ? { ...item, summary: 'other' } : item));
    const other = Buffer.from(JSON.stringify(changed));
    expect(() => read(reader, last, cut(other.subarray(0, 2000), [700, 1400]))).toThrow(/ends before its closing bracket/);
    // The complete answer from before is still the last one: again, it is a repeat.
    expect(read(reader, last, cut(bytes, [700, 1400]))).toEqual({ kind: 'repeated' });
    // And the changed one takes what it shares with it, unread.
    read(reader, last, cut(other, [700, 1400]));
    expect(reader.taken).toBeGreaterThan(0);
    expect(reader.texts.map((text) => JSON.parse(itemJsonText(text)) as unknown)).toEqual(changed);
  });

  it('gives a text that is not an array back whole, decoded', () => {
    const reader = new RecordingReader();
    const text = JSON.stringify({ error: 'überlastet ✓' });
    expect(read(reader, new LastAnswerBytes(), cut(Buffer.from(text), [10, 11, 12]))).toEqual({ kind: 'whole', text });
  });
});
