import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonArrayItems, JsonArrayItemsError } from './json-array-items.ts';

/** Runs the splitter over `text` cut at `cuts`; the items, and what end() said. */
function split(text: string, cuts: readonly number[] = []): { items: string[]; rest: string | null } {
  const items: string[] = [];
  const splitter = new JsonArrayItems((item) => items.push(item));
  let from = 0;
  for (const cut of [...new Set(cuts)].filter((c) => c > 0 && c < text.length).sort((a, b) => a - b)) {
    splitter.write(text.slice(from, cut));
    from = cut;
  }
  splitter.write(text.slice(from));
  return { items, rest: splitter.end() };
}

const cutsFor = (text: string) => fc.array(fc.nat({ max: Math.max(text.length, 1) }), { maxLength: 12 });

describe('JsonArrayItems', () => {
  it('finds the items of an array, whatever their text and wherever the chunks are cut', () => {
    fc.assert(
      fc.property(
        fc.array(fc.jsonValue(), { maxLength: 8 }).chain((value) => {
          const text = JSON.stringify(value, null, value.length % 3 === 0 ? 2 : undefined);
          return fc.tuple(fc.constant(value), fc.constant(text), cutsFor(text));
        }),
        ([value, text, cuts]) => {
          const { items, rest } = split(text, cuts);
          expect(rest).toBeNull();
          expect(items.map((item) => JSON.parse(item) as unknown)).toEqual(JSON.parse(JSON.stringify(value)));
        },
      ),
      { numRuns: 400 },
    );
  });

  it('cuts inside escapes and braces in strings do not move item borders', () => {
    const text = JSON.stringify([{ a: 'x\\"}],[{' }, '\\', '"', { b: ['}', ']', '\\\\"'] }]);
    for (let cut = 1; cut < text.length; cut++) {
      const { items } = split(text, [cut, cut + 1]);
      expect(items.map((item) => JSON.parse(item) as unknown)).toEqual(JSON.parse(text));
    }
  });

  it('never accepts a text that JSON.parse refuses: a malformed answer cannot pass as a smaller one', () => {
    const mutated = fc
      .array(fc.jsonValue(), { minLength: 1, maxLength: 5 })
      .map((value) => JSON.stringify(value))
      .chain((text) =>
        fc.tuple(
          fc.constant(text),
          fc.nat({ max: text.length }),
          fc.constantFrom('delete', 'insert', 'truncate'),
          fc.constantFrom('[', ']', '{', '}', ',', '"', '\\', ' ', 'x', '1'),
          cutsFor(text),
        ),
      )
      .map(([text, at, how, char, cuts]) => {
        const changed = how === 'delete' ? text.slice(0, at) + text.slice(at + 1) : how === 'insert' ? text.slice(0, at) + char + text.slice(at) : text.slice(0, at);
        return { text: changed, cuts };
      });
    fc.assert(
      fc.property(fc.oneof(mutated, fc.string().map((text) => ({ text, cuts: [] as number[] }))), ({ text, cuts }) => {
        let accepted: unknown[] | null;
        try {
          const { items, rest } = split(text, cuts);
          // What a caller does: parse each item, or the whole text when it was not an array.
          accepted = rest === null ? items.map((item) => JSON.parse(item) as unknown) : null;
        } catch {
          accepted = null;
        }
        if (accepted !== null) expect(accepted).toEqual(JSON.parse(text));
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses an array cut short, an empty item, a missing comma and text after the end', () => {
    for (const text of ['[{"a":1}', '[{"a":1},', '[{"a":"}', '[1,,2]', '[1,]', '[{"a":1}{"b":2}]', '[{"a":1}] x', '[}]']) {
      expect(() => split(text), text).toThrow(JsonArrayItemsError);
    }
  });

  it('hands back the whole text when the answer is not an array, and an empty one as empty', () => {
    expect(split('  {"error":"nope"}', [3])).toEqual({ items: [], rest: '{"error":"nope"}' });
    expect(split('null')).toEqual({ items: [], rest: 'null' });
    expect(split('  ')).toEqual({ items: [], rest: '' });
    expect(split(' [ ] ')).toEqual({ items: [], rest: null });
  });
});
