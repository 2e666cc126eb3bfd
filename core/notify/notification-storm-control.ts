import type { Clock, TimerHandle } from '../../shared/clock.ts';
import type { Logger, NotificationRequest, Notifier } from '../ports.ts';

// Storm control in front of the desktop notifier. A storm of 300 distinct incidents once asked
// for 224 notifications in a burst, each a notify-send process, and starved the host. Here:
// - at most one notification helper runs at a time; requests wait in a queue that can never hold
//   more than the rate limit allows, so nothing grows without bound;
// - at most `maxPerWindow` helpers start per `windowMs` (failed attempts count: each was a process);
// - whatever exceeds that is held back and counted in ONE summary notification, sent as soon as
//   the window has room, under a fixed tag so a later summary replaces it instead of stacking;
// - a re-alarm of an incident still in the queue takes its place instead of queueing twice.
// A held-back request resolves at once with {shown:false, error}: the engine journals it and the
// in-app alarm keeps ringing, which is the alarm that matters.

export interface StormControlOptions {
  clock: Clock;
  logger?: Logger;
  /** Notifications (summary included) allowed to start per window. Default 3. */
  maxPerWindow?: number;
  /** Default 10 s. */
  windowMs?: number;
}

/** Incident keys are [A-Za-z0-9_.-] (incidentKeyFor), so this can never be an incident's. */
const STORM_SUMMARY_KEY = 'vigil:storm-summary';

interface HeldBack {
  title: string;
  urgency: NotificationRequest['urgency'];
}

interface Queued {
  request: NotificationRequest;
  resolve: (result: ShowResult) => void;
}

type ShowResult = { shown: boolean; error: string | null };

const NAMES_IN_SUMMARY = 3;
const NAME_LENGTH = 80;

/** "47 more alarms ringing" / "A, B, C and 44 more", most severe first. */
function stormSummary(held: ReadonlyMap<string, HeldBack>): NotificationRequest {
  const entries = [...held.values()];
  const critical = entries.filter((entry) => entry.urgency === 'critical');
  const ordered = [...critical, ...entries.filter((entry) => entry.urgency !== 'critical')];
  const names = ordered.slice(0, NAMES_IN_SUMMARY).map((entry) => (entry.title.length > NAME_LENGTH ? `${entry.title.slice(0, NAME_LENGTH - 1)}\u2026` : entry.title));
  const rest = entries.length - names.length;
  const body = rest > 0 ? `${names.join(', ')} and ${rest} more` : names.length > 1 ? `${names.slice(0, -1).join(', ')} and ${names.at(-1)}` : (names[0] ?? '');
  return {
    incidentKey: STORM_SUMMARY_KEY,
    title: `${entries.length} more alarm${entries.length === 1 ? '' : 's'} ringing`,
    body,
    urgency: critical.length > 0 ? 'critical' : entries.some((entry) => entry.urgency === 'normal') ? 'normal' : 'low',
    ackAction: false,
  };
}

export function createStormControlledNotifier(inner: Notifier, options: StormControlOptions): Notifier {
  const { clock, logger } = options;
  const maxPerWindow = Math.max(1, options.maxPerWindow ?? 3);
  const windowMs = Math.max(0, options.windowMs ?? 10_000);
  const heldBackError = `held back by the notification rate limit (${maxPerWindow} per ${windowMs / 1000} s); counted in the summary notification`;

  const started: number[] = []; // start times of helpers within the window
  const queue: Queued[] = [];
  // Held back during the current storm. It outlives a shown summary, so a later summary (same tag)
  // replaces it with the storm's full count; a quiet window after the summary starts a new storm.
  const held = new Map<string, HeldBack>();
  let summaryDue = false;
  let stormSeenAt = Number.NEGATIVE_INFINITY; // last hold or shown summary
  let inFlight = false;
  let wakeTimer: TimerHandle | null = null;

  const startedInWindow = () => {
    const now = clock.now();
    while (started.length > 0 && started[0]! + windowMs <= now) started.shift();
    return started.length;
  };

  const forgetHeld = (incidentKey: string) => {
    held.delete(incidentKey);
    if (held.size === 0) summaryDue = false;
  };

  const run = (request: NotificationRequest, resolve: (result: ShowResult) => void) => {
    inFlight = true;
    started.push(clock.now());
    const isSummary = request.incidentKey === STORM_SUMMARY_KEY;
    if (isSummary) summaryDue = false;
    // inner.show never throws by contract; guard anyway so the one slot can never stay taken.
    Promise.resolve()
      .then(() => inner.show(request))
      .catch((error: unknown) => ({ shown: false, error: error instanceof Error ? error.message : String(error) }))
      .then((result) => {
        inFlight = false;
        if (result.shown && !isSummary) forgetHeld(request.incidentKey);
        if (isSummary && result.shown) {
          stormSeenAt = clock.now();
          logger?.info('notification storm summary shown', { heldBack: held.size });
        }
        // A summary the daemon did not take is tried again when the window next has room.
        if (isSummary && !result.shown && held.size > 0) summaryDue = true;
        resolve(result);
        pump();
      });
  };

  const pump = () => {
    if (inFlight || (queue.length === 0 && !summaryDue)) return;
    if (startedInWindow() >= maxPerWindow) {
      if (wakeTimer === null) {
        wakeTimer = clock.setTimeout(() => {
          wakeTimer = null;
          pump();
        }, started[0]! + windowMs - clock.now());
      }
      return;
    }
    const next = queue.shift();
    if (next) run(next.request, next.resolve);
    else run(stormSummary(held), () => undefined);
  };

  return {
    show(request) {
      return new Promise<ShowResult>((resolve) => {
        const queued = queue.find((entry) => entry.request.incidentKey === request.incidentKey);
        if (queued) {
          queued.resolve({ shown: false, error: 'replaced by a newer alarm of the same incident before it was shown' });
          queued.request = request;
          queued.resolve = resolve;
          return;
        }
        // Admit only what the window can still show, keeping one slot for a pending summary:
        // so the queue stays bounded and the summary is never starved by newcomers.
        if (startedInWindow() + queue.length + (summaryDue ? 1 : 0) < maxPerWindow) {
          queue.push({ request, resolve });
          pump();
          return;
        }
        const now = clock.now();
        if (!summaryDue && now - stormSeenAt >= windowMs) held.clear();
        if (held.size === 0) logger?.warn('notification storm: holding back notifications', { maxPerWindow, windowMs });
        stormSeenAt = now;
        held.set(request.incidentKey, { title: request.title, urgency: request.urgency });
        summaryDue = true;
        resolve({ shown: false, error: heldBackError });
        pump();
      });
    },
    onAction(listener) {
      // The summary is no incident: a click on it must not ack or focus a key that does not exist.
      return inner.onAction((incidentKey, action) => {
        if (incidentKey !== STORM_SUMMARY_KEY) listener(incidentKey, action);
      });
    },
  };
}
