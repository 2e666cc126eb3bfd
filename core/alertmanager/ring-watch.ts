import type { Clock, TimerHandle } from '../../shared/clock.ts';
import type { AlertmanagerApi } from '../ports.ts';

// The fast half of two-speed polling. Every few seconds it asks Alertmanager only for what can
// ring me right now (usually a small answer, and one whose bytes rarely change, which then costs
// a hash); when that names an alert the last full poll did not have, or an alert it named before
// is gone (acked by a teammate, resolved), it asks for the full poll at once. So a new alert rings within the fast interval while the full picture (acks, silenced,
// everything routed to me) is fetched less often. Failures are left to the full poll to report.

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
    try {
      const ringing = await options.api.ringingFingerprints(controller.signal);
      if (stopped) return;
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
      if (!stopped) timer = options.clock.setTimeout(() => void tick(), options.intervalMs);
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
