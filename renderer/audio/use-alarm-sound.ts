import { useEffect, useRef, useState } from 'react';
import { shouldBeep } from '../lib/alarm-sound-pattern.ts';
import { currentTick, onTick } from '../state/now-ticker.ts';
import { type AlarmBeeper, createAlarmBeeper } from './alarm-beeper.ts';

/**
 * Beep while a loud alarm rings. Rides the 1 s countdown ticker instead of owning a timer.
 * Returns whether autoplay is blocked (the page then offers an "Enable sound" button) and the
 * function that button calls.
 */
export function useAlarmSound(ringing: boolean, level: number): { blocked: boolean; enable: () => void } {
  const beeper = useRef<AlarmBeeper | null>(null);
  const [blocked, setBlocked] = useState(false);

  useEffect(() => {
    if (!ringing) return;
    beeper.current ??= createAlarmBeeper();
    const current = beeper.current;
    const play = () => {
      if (shouldBeep(level, Math.floor(currentTick() / 1000))) current.beep(level);
      setBlocked(current.blocked());
    };
    current.beep(level);
    return onTick(play);
  }, [ringing, level]);

  useEffect(
    () => () => {
      beeper.current?.dispose();
      beeper.current = null;
    },
    [],
  );

  return {
    blocked: ringing && blocked,
    enable: () => {
      beeper.current ??= createAlarmBeeper();
      void beeper.current.unlock().then((running) => setBlocked(!running));
    },
  };
}
