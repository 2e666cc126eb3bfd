import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ReceivedBytes } from './received-bytes.ts';

// Bytes kept as the chunks they came in must read as the one buffer they make, wherever the
// chunks were cut and wherever a range starts or ends.

function received(bytes: Buffer, cuts: readonly number[]): ReceivedBytes {
  const points = [...new Set(cuts.filter((c) => c > 0 && c < bytes.length))].sort((a, b) => a - b);
  const whole = new ReceivedBytes();
  [0, ...points].forEach((from, i) => whole.append(bytes.subarray(from, points[i] ?? bytes.length)));
  return whole;
}

const bytesArb = fc.uint8Array({ minLength: 1, maxLength: 80 }).map((a) => Buffer.from(a));
const cutsArb = fc.array(fc.nat({ max: 80 }), { maxLength: 8 });

describe('bytes kept as received', () => {
  it('compare and decode as the whole buffer would', () => {
    fc.assert(
      fc.property(bytesArb, cutsArb, bytesArb, cutsArb, fc.nat(), fc.nat(), fc.nat(), (a, aCuts, b, bCuts, x, y, z) => {
        const ra = received(a, aCuts);
        const rb = received(b, bCuts);
        expect(ra.length).toBe(a.length);
        const start = x % a.length;
        const end = start + (y % (a.length - start + 1));
        const otherStart = z % b.length;
        const expected = otherStart + (end - start) <= b.length && a.subarray(start, end).equals(b.subarray(otherStart, otherStart + (end - start)));
        expect(ra.equalsRange(start, end, rb, otherStart)).toBe(expected);
        // A range always equals itself as received in other chunks.
        expect(ra.equalsRange(start, end, received(a, bCuts), start)).toBe(true);
        expect(ra.equals(start, a.subarray(start, end))).toBe(true);
        // `equals` compares as many bytes as it is given: b may be shorter than the range.
        const prefix = b.subarray(0, end - start);
        expect(ra.equals(start, prefix)).toBe(a.subarray(start, start + prefix.length).equals(prefix));
        expect(ra.equals(a.length - prefix.length + 1, prefix)).toBe(false);
        expect(ra.latin1(start, end)).toBe(a.toString('latin1', start, end));
      }),
      { numRuns: 1000 },
    );
  });
});
