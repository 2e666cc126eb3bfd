import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { countText } from './count-text.ts';

describe('countText', () => {
  it('writes counts as en-US does', () => {
    expect(countText(0)).toBe('0');
    expect(countText(999)).toBe('999');
    expect(countText(1000)).toBe('1,000');
    expect(countText(10_000)).toBe('10,000');
    expect(countText(1_048_576)).toBe('1,048,576');
    expect(countText(-12_345)).toBe('-12,345');
  });

  it('agrees with toLocaleString("en-US") for every number', () => {
    fc.assert(
      fc.property(fc.oneof(fc.integer(), fc.maxSafeInteger(), fc.double()), (n) => {
        expect(countText(n)).toBe(n.toLocaleString('en-US'));
      }),
      { numRuns: 2000 },
    );
  });
});
