import { beepSpec } from '../lib/alarm-sound-pattern.ts';

// The loud alarm's sound, synthesised with Web Audio (an OscillatorNode): no audio files to
// ship, nothing fetched, nothing a strict CSP has to allow.

export interface AlarmBeeper {
  beep(level: number): void;
  /** True when the browser's autoplay policy keeps the audio context suspended. */
  blocked(): boolean;
  /** Resume after a user gesture (a click on "Enable sound"). */
  unlock(): Promise<boolean>;
  dispose(): void;
}

const PULSE_S = 0.12;
const GAP_S = 0.06;

export function createAlarmBeeper(): AlarmBeeper {
  let context: AudioContext | null = null;

  function audio(): AudioContext | null {
    if (context) return context;
    if (typeof AudioContext === 'undefined') return null;
    context = new AudioContext();
    return context;
  }

  return {
    beep(level) {
      const ctx = audio();
      if (!ctx) return;
      if (ctx.state === 'suspended') void ctx.resume().catch(() => undefined);
      if (ctx.state !== 'running') return;
      const spec = beepSpec(level);
      const start = ctx.currentTime + 0.01;
      for (let pulse = 0; pulse < spec.pulses; pulse++) {
        const at = start + pulse * (PULSE_S + GAP_S);
        const oscillator = ctx.createOscillator();
        const gain = ctx.createGain();
        oscillator.type = spec.waveform;
        oscillator.frequency.value = spec.frequencyHz;
        // A short attack/decay envelope avoids clicks.
        gain.gain.setValueAtTime(0.0001, at);
        gain.gain.exponentialRampToValueAtTime(0.25, at + 0.01);
        gain.gain.exponentialRampToValueAtTime(0.0001, at + PULSE_S);
        oscillator.connect(gain).connect(ctx.destination);
        oscillator.start(at);
        oscillator.stop(at + PULSE_S + 0.01);
      }
    },
    blocked() {
      const ctx = audio();
      return ctx !== null && ctx.state !== 'running';
    },
    async unlock() {
      const ctx = audio();
      if (!ctx) return false;
      try {
        await ctx.resume();
      } catch {
        return false;
      }
      return ctx.state === 'running';
    },
    dispose() {
      void context?.close().catch(() => undefined);
      context = null;
    },
  };
}
