// How the loud alarm sounds, as data: the beeper (audio/alarm-beeper.ts) only plays it. Urgency
// rises with each missed deadline: beeps come more often and higher, as pagers do.

export interface BeepSpec {
  frequencyHz: number;
  /** Number of short pulses in this beep. */
  pulses: number;
  waveform: 'sine' | 'square';
}

/** Whether to beep on this whole-second tick: every 2 s at first, every second once re-alarmed. */
export function shouldBeep(level: number, tickSecond: number): boolean {
  return level >= 1 ? true : tickSecond % 2 === 0;
}

export function beepSpec(level: number): BeepSpec {
  const step = Math.min(Math.max(level, 0), 3);
  return {
    // 880 Hz rising a musical third per level; capped so it stays bearable.
    frequencyHz: Math.round(880 * 2 ** (step / 3)),
    pulses: step === 0 ? 1 : step === 1 ? 2 : 3,
    waveform: step >= 2 ? 'square' : 'sine',
  };
}
