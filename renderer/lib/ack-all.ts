import type { IncidentView } from '../../shared/domain.ts';
import type { IncidentAckResult } from '../../shared/ipc-contract.ts';

// "Acknowledge all ringing": what a run covers, how far it got, and what failed. Pure, so the
// counting is tested without a window; the acks themselves run in the core (ackIncidents).

/** What a run was started with: the ringing incidents at the click, and which already showed an ack error. */
export interface AckAllRun {
  incidents: ReadonlyArray<{ key: string; title: string }>;
  erroredBefore: ReadonlySet<string>;
}

export function startAckAll(ringing: readonly IncidentView[]): AckAllRun {
  return {
    incidents: ringing.map((incident) => ({ key: incident.key, title: incident.title })),
    erroredBefore: new Set(ringing.filter((incident) => incident.alarm?.ackError).map((incident) => incident.key)),
  };
}

/**
 * How many of the run's incidents are finished, from the snapshot alone: acknowledged (no longer
 * ringing, or gone), or failed (an ack error they did not have at the start). An error left from
 * an earlier attempt does not count until the run's answer says so.
 */
export function ackAllDone(run: AckAllRun, incidents: readonly IncidentView[]): number {
  const byKey = new Map(incidents.map((incident) => [incident.key, incident]));
  let done = 0;
  for (const { key } of run.incidents) {
    const alarm = byKey.get(key)?.alarm ?? null;
    if (alarm === null || (alarm.ackError !== null && !alarm.acking && !run.erroredBefore.has(key))) done += 1;
  }
  return done;
}

export interface AckAllFailure {
  key: string;
  title: string;
  error: string;
}

export interface AckAllSummary {
  total: number;
  acked: number;
  failures: AckAllFailure[];
}

/** The run's answer, each failure named by the incident's title as it was when the run started. */
export function summarizeAckAll(run: AckAllRun, results: readonly IncidentAckResult[]): AckAllSummary {
  const titles = new Map(run.incidents.map((incident) => [incident.key, incident.title]));
  const failures = results
    .filter((result) => !result.ok)
    .map((result) => ({ key: result.incidentKey, title: titles.get(result.incidentKey) ?? result.incidentKey, error: result.error ?? 'acknowledgement failed' }));
  return { total: results.length, acked: results.length - failures.length, failures };
}
