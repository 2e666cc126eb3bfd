import type { AmAlert } from '../../shared/alertmanager-schemas.ts';
import { sameFingerprints } from '../../shared/incidents/same-fingerprints.ts';
import type { AlertFetch, AlertmanagerApi } from '../ports.ts';

// Mass resolution is suspicious. An Alertmanager that restarted without its data answers "no
// alerts" (and no silences) until Prometheus re-sends what still fires, up to a minute or two
// later; a proxy can answer [] once. Believing such an answer journals false "resolved" events,
// forgets acks and reached escalation steps, and when the alerts come back the whole ladder is
// reached at once. So alerts that vanish in a suspicious answer are held (still counted as
// firing, visibly) for a grace period; the ones that come back were never resolved.
//
// This runs in the poll path, not in the engine's evaluation: the status call it may make (only
// when something vanished) never delays an alarm.

export interface GuardedAlertFetch extends AlertFetch {
  /** Alerts kept from earlier answers although this one lacks them. */
  held: number;
  /** Why they are held, for the source's health line; null when nothing is. */
  heldReason: string | null;
  /** Set while Alertmanager restarted less than the hold ago: its silences may be lost too. */
  restartedAt: number | null;
}

export interface ResolutionGuardOptions {
  api: Pick<AlertmanagerApi, 'fetchAlerts' | 'getStatus'>;
  now(): number;
  holdMs: number;
  /** An answer going from at least this many alerts to none is held. */
  massDropFrom?: number;
}

/** Alertmanager's start time from /api/v2/status (`uptime` is its start instant), or null. */
async function startedAt(api: ResolutionGuardOptions['api'], signal?: AbortSignal): Promise<number | null> {
  try {
    const status = await api.getStatus(signal);
    const ms = status.uptime ? Date.parse(status.uptime) : Number.NaN;
    return Number.isFinite(ms) ? ms : null;
  } catch {
    return null;
  }
}

export function createResolutionGuard(options: ResolutionGuardOptions): { fetch(signal?: AbortSignal): Promise<GuardedAlertFetch> } {
  const massDropFrom = options.massDropFrom ?? 2;
  let knownStart: number | null = null;
  let restartedAt: number | null = null;
  let lastAnswer = new Set<string>();
  let lastAlerts: AmAlert[] = [];
  const held = new Map<string, { alert: AmAlert; until: number }>();
  let heldReason: string | null = null;

  return {
    async fetch(signal) {
      const answer = await options.api.fetchAlerts(signal);
      const now = options.now();
      // The same bytes as last time and nothing held: nothing can have vanished.
      if (answer.unchanged && held.size === 0 && knownStart !== null && (restartedAt === null || now - restartedAt >= options.holdMs)) {
        restartedAt = null;
        return { ...answer, held: 0, heldReason: null, restartedAt: null };
      }
      // Usually the same alerts as last time, a few of them changed: nothing vanished.
      const sameAlerts = sameFingerprints(lastAlerts, answer.alerts);
      const current = sameAlerts ? lastAnswer : new Set(answer.alerts.map((a) => a.fingerprint));
      const vanished = sameAlerts ? [] : [...lastAnswer].filter((fp) => !current.has(fp));
      // The start time is read at the first answer (the baseline) and whenever something vanished.
      let reason: string | null = null;
      if (knownStart === null || vanished.length > 0) {
        const start = await startedAt(options.api, signal);
        if (start === null) {
          if (vanished.length > 0) reason = 'Alertmanager status unreadable while alerts vanished';
        } else {
          if (knownStart !== null && start !== knownStart) restartedAt = start;
          knownStart = start;
        }
      }
      if (restartedAt !== null && now - restartedAt >= options.holdMs) restartedAt = null;
      if (restartedAt !== null) reason = `Alertmanager restarted at ${new Date(restartedAt).toISOString()} (its alerts and silences may be lost)`;
      else if (vanished.length > 0 && lastAnswer.size >= massDropFrom && current.size === 0) reason = `all ${lastAnswer.size} alerts vanished in one answer`;

      if (reason !== null && vanished.length > 0) {
        const previous = new Map(lastAlerts.map((a) => [a.fingerprint, a]));
        for (const fp of vanished) {
          const alert = previous.get(fp);
          if (alert && !held.has(fp)) held.set(fp, { alert, until: now + options.holdMs });
        }
        heldReason = reason;
      }
      for (const [fp, entry] of held) if (current.has(fp) || entry.until <= now) held.delete(fp);
      if (held.size === 0) heldReason = null;
      lastAnswer = current;
      lastAlerts = answer.alerts;
      return {
        ...answer,
        alerts: held.size === 0 ? answer.alerts : [...answer.alerts, ...[...held.values()].map((h) => h.alert)],
        held: held.size,
        heldReason: held.size > 0 ? `${heldReason}: ${held.size} alert(s) kept as firing until Prometheus re-sends them or the hold ends` : null,
        restartedAt,
      };
    },
  };
}
