import type { Clock, TimerHandle } from '../../shared/clock.ts';
import type { AlertmanagerApi } from '../ports.ts';

// The fast half of two-speed polling. Every few seconds it asks Alertmanager only for what can
// ring me right now (usually a small answer, and one whose bytes rarely change, which then costs
// a hash); when that names an alert the last full poll did not have, or an alert it named before
// is gone (acked by a teammate, resolved), it asks for the full poll at once. So a new alert rings within the fast interval while the full picture (acks, silenced,
// everything routed to me) is fetched less often. Failures are left to the full poll to report.
//
// A team's Vigils share one Alertmanager, and what an answer costs it grows with the answer: the
// ringing answer is a few KiB in normal times, 219 KiB while 300 incidents ring unacked, and 50
// Vigils asking for that every 2 s cost Alertmanager most of a core (docs/benchmarks.md). So the
// next fast poll waits at least as long as the last answer takes at FAST_POLL_BYTES_PER_SECOND:
// the fast interval itself below 64 KiB, 6.8 s for the 300-incident storm, in which the engineer
// is already being paged and the full poll still runs on its own schedule.

/** What one Vigil's fast poll may ask Alertmanager to write, on average. */
export const FAST_POLL_BYTES_PER_SECOND = 32 * 1024;

/** The wait before the next fast poll after an answer of `answerBytes`. */
export function nextFastPollDelayMs(intervalMs: number, answerBytes: number): number {
  return Math.max(intervalMs, Math.ceil((answerBytes / FAST_POLL_BYTES_PER_SECOND) * 1000));
}

export interface RingWatchOptions {
  api: Pick<AlertmanagerApi, 'ringingFingerprints'>;
  clock: Clock;
  intervalMs: number;
  /** Fingerprints the last full poll of this source had. */
  known(): ReadonlySet<string>;
  /** Poll in full now (joins a poll in flight). */
  pollNow(): void;
}

export function startRingWatch(options: RingWatchOptions): { stop(): void } {
  let timer: TimerHandle | null = null;
  let stopped = false;
  let controller: AbortController | null = null;
  let last: ReadonlySet<string> | null = null;

  const tick = async () => {
    timer = null;
    controller = new AbortController();
    let delayMs = options.intervalMs;
    try {
      const answer = await options.api.ringingFingerprints(controller.signal);
      delayMs = nextFastPollDelayMs(options.intervalMs, answer.answerBytes);
      if (stopped) return;
      const ringing = answer.fingerprints;
      if (ringing !== null) {
        const known = options.known();
        const now = new Set(ringing);
        // New: ring it now. Gone (a teammate acked it, or it resolved): stop ringing now.
        const appeared = ringing.some((fp) => !known.has(fp));
        const left = last !== null && [...last].some((fp) => !now.has(fp));
        last = now;
        if (appeared || left) options.pollNow();
      }
    } catch {
      // The full poll reports the source's health; the fast one only ever speeds things up.
    } finally {
      controller = null;
      if (!stopped) timer = options.clock.setTimeout(() => void tick(), delayMs);
    }
  };
  timer = options.clock.setTimeout(() => void tick(), options.intervalMs);
  return {
    stop() {
      stopped = true;
      if (timer !== null) options.clock.clearTimeout(timer);
      controller?.abort(new Error('ring watch stopped'));
    },
  };
}
