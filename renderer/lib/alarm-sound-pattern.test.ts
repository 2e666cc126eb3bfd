import { describe, expect, it } from 'vitest';
import { beepSpec, shouldBeep } from './alarm-sound-pattern.ts';

describe('alarm sound pattern', () => {
  it('beeps every other second on the first ring and every second once re-alarmed', () => {
    const ticks = [0, 1, 2, 3, 4, 5];
    expect(ticks.filter((t) => shouldBeep(0, t))).toEqual([0, 2, 4]);
    expect(ticks.filter((t) => shouldBeep(1, t))).toEqual(ticks);
  });

  it('gets higher, denser and harsher with each missed deadline, then stops rising', () => {
    const specs = [0, 1, 2, 3, 9].map(beepSpec);
    expect(specs.map((s) => s.frequencyHz)).toEqual([880, 1109, 1397, 1760, 1760]);
    expect(specs.map((s) => s.pulses)).toEqual([1, 2, 3, 3, 3]);
    expect(specs.map((s) => s.waveform)).toEqual(['sine', 'sine', 'square', 'square', 'square']);
  });
});
