// Reconnect backoff for the event socket: the headless host may be restarted, and a fleet of
// browser tabs must not hammer it in lock-step, hence exponential growth, a cap and jitter.

export const RECONNECT_BASE_MS = 500;
export const RECONNECT_MAX_MS = 15_000;

/** Delay before reconnect attempt `attempt` (0 = first retry), between 50 % and 100 % of the capped exponential. */
export function reconnectDelay(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(RECONNECT_MAX_MS, RECONNECT_BASE_MS * 2 ** Math.min(Math.max(0, attempt), 16));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}
