import { useSyncExternalStore } from 'react';

// The renderer's only timer: a 1 s tick that re-renders countdown texts. Polling and deadlines
// live in the main process; this merely redraws. One interval serves every subscriber and
// stops when none is left.

let now = Date.now();
let interval: ReturnType<typeof setInterval> | null = null;
const subscribers = new Set<() => void>();

function subscribe(callback: () => void): () => void {
  subscribers.add(callback);
  if (interval === null) {
    now = Date.now();
    interval = setInterval(() => {
      now = Date.now();
      for (const subscriber of subscribers) subscriber();
    }, 1000);
  }
  return () => {
    subscribers.delete(callback);
    if (subscribers.size === 0 && interval !== null) {
      clearInterval(interval);
      interval = null;
    }
  };
}

function getSnapshot(): number {
  return now;
}

/** Local wall-clock time, updated once a second while anything shows it. */
export function useWallClock(): number {
  return useSyncExternalStore(subscribe, getSnapshot);
}

/** Subscribe to ticks outside rendering (the alarm beep rides the same timer). */
export function onTick(callback: () => void): () => void {
  return subscribe(callback);
}

export function currentTick(): number {
  return now;
}
