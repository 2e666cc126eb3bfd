import type { SourceHealth } from '../../shared/domain.ts';
import type { Clock, TimerHandle } from '../../shared/clock.ts';
import type { AlertFetch, Logger } from '../ports.ts';

// Polls one Alertmanager source on an injected Clock. Polls never overlap: the next one is
// scheduled only after the previous settled, so a slow Alertmanager sees at most one request
// from each Vigil instead of a pile-up. Failures back off exponentially with jitter so that many
// desktops do not hammer a recovering shared Alertmanager in lockstep.

/** What a poll fetched: items (alerts) and how many broke the schema. A source's Prometheus is polled the same way. */
export interface PollFetch {
  alerts: readonly unknown[];
  quarantined: number;
}

/** One poll of a source, as the poller reports it to the engine. */
export type SourcePollOutcome<F extends PollFetch = AlertFetch> = { ok: true; fetch: F; at: number } | { ok: false; error: string; at: number };

/** The poller's part of a source's health (the engine adds identity and state). */
export type SourcePollHealth = Pick<SourceHealth, 'lastSuccessAt' | 'lastAttemptAt' | 'error' | 'consecutiveFailures' | 'quarantined' | 'alertCount'>;

export interface SourcePollerOptions<F extends PollFetch = AlertFetch> {
  sourceId: string;
  fetch: (signal: AbortSignal) => Promise<F>;
  clock: Clock;
  intervalMs: number;
  /** Uniform in [0, 1); injected so tests pin the jitter. */
  random?: () => number;
  /**
   * Cap on the failure backoff; a function so it can follow the rotation: while I am on call a
   * recovered Alertmanager must be seen within one poll interval, not after minutes of backoff.
   */
  maxBackoffMs?: number | (() => number);
  /**
   * Watchdog for a fetch that never settles (it should time out by itself, but one hung promise
   * must not stop paging forever). Default: max(60 s, 3 intervals).
   */
  attemptTimeoutMs?: number;
  /**
   * Called after every poll. On { ok: false } the caller keeps its previous snapshot of the
   * source's alerts: a failed poll must never read as "everything resolved".
   */
  onResult: (result: SourcePollOutcome<F>) => void;
  logger?: Logger;
}

export interface SourcePoller {
  start(): void;
  stop(): void;
  /** Poll now (joining the poll in flight, if any); resolves when it settled. */
  pollNow(): Promise<void>;
  health(): SourcePollHealth;
}

export const DEFAULT_MAX_BACKOFF_MS = 5 * 60_000;
const JITTER = 0.2;

/** Delay before the next poll after `failures` consecutive failures (0 = healthy). Pure. */
export function nextPollDelay(intervalMs: number, failures: number, maxBackoffMs: number, random: () => number): number {
  if (failures <= 0) return intervalMs;
  const base = Math.min(intervalMs * 2 ** failures, maxBackoffMs);
  const jittered = base * (1 - JITTER + 2 * JITTER * random());
  // The cap is a promise to the user ("retrying at most every 5 min"), so jitter does not exceed it.
  return Math.max(0, Math.min(jittered, maxBackoffMs));
}

export function createSourcePoller<F extends PollFetch>(options: SourcePollerOptions<F>): SourcePoller {
  const { clock, intervalMs } = options;
  const random = options.random ?? Math.random;
  const cap = options.maxBackoffMs ?? DEFAULT_MAX_BACKOFF_MS;
  const maxBackoffMs = () => Math.max(intervalMs, typeof cap === 'function' ? cap() : cap);
  const attemptTimeoutMs = options.attemptTimeoutMs ?? Math.max(60_000, intervalMs * 3);

  let running = false;
  let timer: TimerHandle | null = null;
  let inFlight: Promise<void> | null = null;
  let controller: AbortController | null = null;
  // Bumped by stop(): a poll from an earlier run must not report into a later one.
  let generation = 0;
  const state: SourcePollHealth = { lastSuccessAt: null, lastAttemptAt: null, error: null, consecutiveFailures: 0, quarantined: 0, alertCount: 0 };

  function report(result: SourcePollOutcome<F>): void {
    try {
      options.onResult(result);
    } catch (error) {
      // A bug in a consumer must not stop polling; it is logged, not swallowed.
      options.logger?.error('source poll consumer threw', { source: options.sourceId, error: error instanceof Error ? error.message : String(error) });
    }
  }

  function schedule(): void {
    if (!running) return;
    if (timer !== null) clock.clearTimeout(timer);
    const delay = nextPollDelay(intervalMs, state.consecutiveFailures, maxBackoffMs(), random);
    timer = clock.setTimeout(() => {
      timer = null;
      void poll();
    }, delay);
  }

  function attempt(signal: AbortSignal, abort: (reason: Error) => void): Promise<F> {
    return new Promise<F>((resolve, reject) => {
      const watchdog = clock.setTimeout(() => {
        const error = new Error(`poll of ${options.sourceId} did not finish within ${attemptTimeoutMs} ms`);
        abort(error);
        reject(error);
      }, attemptTimeoutMs);
      let fetching: Promise<F>;
      try {
        fetching = options.fetch(signal);
      } catch (error) {
        fetching = Promise.reject(error);
      }
      fetching.then(
        (value) => {
          clock.clearTimeout(watchdog);
          resolve(value);
        },
        (error: unknown) => {
          clock.clearTimeout(watchdog);
          reject(error);
        },
      );
    });
  }

  function poll(): Promise<void> {
    if (inFlight) return inFlight;
    const myGeneration = generation;
    const abortController = new AbortController();
    controller = abortController;
    state.lastAttemptAt = clock.now();
    const current: Promise<void> = attempt(abortController.signal, (reason) => abortController.abort(reason))
      .then(
        (fetch) => {
          if (myGeneration !== generation) return;
          state.lastSuccessAt = clock.now();
          state.error = null;
          state.consecutiveFailures = 0;
          state.quarantined = fetch.quarantined;
          state.alertCount = fetch.alerts.length;
          report({ ok: true, fetch, at: state.lastSuccessAt });
        },
        (error: unknown) => {
          if (myGeneration !== generation) return;
          state.error = error instanceof Error ? error.message : String(error);
          state.consecutiveFailures += 1;
          report({ ok: false, error: state.error, at: clock.now() });
        },
      )
      .finally(() => {
        if (controller === abortController) controller = null;
        if (inFlight === current) inFlight = null;
        if (myGeneration === generation) schedule();
      });
    inFlight = current;
    return current;
  }

  return {
    start() {
      if (running) return;
      running = true;
      void poll();
    },
    stop() {
      running = false;
      generation += 1;
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      controller?.abort(new Error('poller stopped'));
      controller = null;
      inFlight = null;
    },
    pollNow() {
      if (inFlight) return inFlight;
      // The scheduled poll is replaced by this one; the next is scheduled when it settles.
      if (timer !== null) clock.clearTimeout(timer);
      timer = null;
      return poll();
    },
    health() {
      return { ...state };
    },
  };
}
