// Every timer and every "now" in the core goes through a Clock, so tests drive 30 minutes
// of escalation in milliseconds and production uses the wall clock.
export type TimerHandle = { readonly __timer: unique symbol } | object;

export interface Clock {
  now(): number;
  setTimeout(callback: () => void, ms: number): TimerHandle;
  clearTimeout(handle: TimerHandle): void;
}
