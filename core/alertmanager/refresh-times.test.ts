import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReceivedBytes } from './received-bytes.ts';
import { refreshValueBodies, sameBytesBesidesRefreshTimes } from './refresh-times.ts';

// Item texts are untrusted: the comparison may miss a re-send (the item is then parsed), but it
// must never call two texts the same when they read as different alerts.

const text = fc.oneof(fc.string(), fc.constantFrom('', '"', '\\', '\\"', '"endsAt":"x"', ',"updatedAt":"', '}', '{', 'é ☃ 𝄞', '\u0000\u001f'));
const key = fc.oneof(fc.string({ maxLength: 8 }), fc.constantFrom('endsAt', 'updatedAt', 'startsAt', '__proto__', 'ends"At'));
const record = fc.dictionary(key, text, { maxKeys: 4 });
const time = fc.oneof(fc.date({ noInvalidDate: true }).map((d) => d.toISOString()), text);
const alert = fc.record(
  {
    annotations: record,
    endsAt: fc.oneof(time, fc.integer(), fc.constant(null), record),
    fingerprint: fc.constantFrom('a1', 'b2'),
    receivers: fc.array(fc.record({ name: text }), { maxLength: 2 }),
    startsAt: time,
    status: fc.record({ state: fc.constantFrom('active', 'suppressed'), silencedBy: fc.array(text, { maxLength: 2 }), inhibitedBy: fc.constant([]) }),
    updatedAt: time,
    labels: record,
  },
  { requiredKeys: ['fingerprint', 'labels', 'status'] },
);

/** An item's bytes as two answers' streams hold them, in chunks cut at `cut` (a share of its length). */
function streamed(text: string, cut: number): { bytes: ReceivedBytes; length: number; latin1: string } {
  const buffer = Buffer.from(text, 'utf8');
  const at = Math.floor(buffer.length * cut);
  const bytes = new ReceivedBytes();
  bytes.append(buffer.subarray(0, at));
  bytes.append(buffer.subarray(at));
  return { bytes, length: buffer.length, latin1: buffer.toString('latin1') };
}

/** Last time's item `a` and this time's `b`, compared where they lie in their answers' bytes. */
function sameTexts(a: string, b: string, cutA = 0.5, cutB = 0.3): boolean {
  const last = streamed(a, cutA);
  const next = streamed(b, cutB);
  return sameBytesBesidesRefreshTimes(last.bytes, 0, last.length, next.bytes, 0, next.latin1);
}

/** The alert as a post-mortem or grouping would see it: everything but the two refresh times. */
function besidesRefreshTimes(itemText: string): unknown {
  const { endsAt: _ends, updatedAt: _updated, ...rest } = JSON.parse(itemText) as Record<string, unknown>;
  return rest;
}

describe('comparing item texts apart from endsAt and updatedAt', () => {
  it('never calls two texts the same when they read as different alerts', () => {
    // b is a with one or two changes: a field taken from another alert, or one label or
    // annotation value changed (keys such as "endsAt" included), so most pairs differ in one place.
    const change = fc.oneof(
      fc.tuple(fc.constant('field' as const), fc.constantFrom('annotations', 'endsAt', 'fingerprint', 'receivers', 'startsAt', 'status', 'updatedAt', 'labels'), alert),
      fc.tuple(fc.constant('value' as const), fc.constantFrom('labels', 'annotations'), text),
    );
    let claimedSame = 0;
    fc.assert(
      fc.property(alert, fc.array(change, { minLength: 1, maxLength: 2 }), (a, changes) => {
        const b: Record<string, unknown> = structuredClone(a);
        for (const [kind, field, with_] of changes) {
          if (kind === 'field') b[field] = (with_ as Record<string, unknown>)[field];
          else {
            const values = b[field] as Record<string, string> | undefined;
            const first = values ? Object.keys(values)[0] : undefined;
            if (values && first !== undefined) values[first] = with_ as string;
          }
        }
        const textA = JSON.stringify(a);
        const textB = JSON.stringify(b);
        if (sameTexts(textA, textB)) {
          claimedSame += 1;
          expect(besidesRefreshTimes(textB)).toEqual(besidesRefreshTimes(textA));
        }
      }),
      { numRuns: 3000 },
    );
    // The property is not vacuous: many pairs are the same apart from the refresh times (fewer
    // than 1 in 10: generated times that need escapes are left to JSON.parse).
    expect(claimedSame).toBeGreaterThan(100);
  });

  it('recognises a re-send: the same alert written again with new endsAt and updatedAt', () => {
    fc.assert(
      fc.property(alert, time, time, (a, endsAt, updatedAt) => {
        const resent = { ...a, endsAt, updatedAt };
        // Alertmanager writes both as plain strings (times); a generated alert without them, or
        // with another type, is not a re-send, and one whose last values needed escapes is left to JSON.parse.
        const plain = (value: unknown) => typeof value === 'string' && ![...value].some((c) => c === '"' || c === '\\' || c.charCodeAt(0) < 0x20);
        if (plain(a.endsAt) && plain(a.updatedAt)) expect(sameTexts(JSON.stringify(a), JSON.stringify(resent))).toBe(true);
      }),
      { numRuns: 1000 },
    );
  });

  it('follows only what Alertmanager writes: anything else is left to JSON.parse', () => {
    const bodies = (text: string) => refreshValueBodies(text)?.map((at, i) => (i % 2 === 0 ? `${at}:` : text.slice(refreshValueBodies(text)![i - 1], at)));
    expect(bodies('{"endsAt":"2026-12-02T09:05:00Z","labels":{"endsAt":"kept"}}')).toEqual(['11:', '2026-12-02T09:05:00Z']);
    expect(bodies('{"endsAt" : "x" , "updatedAt":"y"}')).toEqual(['13:', 'x', '31:', 'y']);
    for (const odd of ['[]', '"x"', '{"endsAt":1}', '{"endsAt":{"a":"b"}}', '{"endsAt":null}', '{"endsAt":"\\x"}', '{"endsAt":"a"', '{"a":"b"}}', '{"endsAt":"\u0001"}']) expect(refreshValueBodies(odd), odd).toBeNull();
    // Last time's value with an escape is not followed in its bytes.
    expect(sameTexts('{"endsAt":"a\\"b","x":1}', '{"endsAt":"c","x":1}')).toBe(false);
    expect(sameTexts('{"endsAt":"ab","x":1}', '{"endsAt":"c","x":1}')).toBe(true);
    // A key spelled with an escape is not recognised: its value is compared like any other.
    expect(sameTexts('{"ends\\u0041t":"1"}', '{"ends\\u0041t":"2"}')).toBe(false);
  });
});
