import type { AppSnapshot, IncidentView } from '../../shared/domain.ts';

// Rules for folding pushed snapshots into the cache, kept pure so they are tested without React.

/**
 * Keys of incidents that appeared or changed between two snapshots: their timelines may have
 * new events. The alert sample is left out of the comparison (a 500-alert incident would make
 * every snapshot look different), its size is still compared through alertCount.
 */
export function changedIncidentKeys(previous: AppSnapshot | undefined, next: AppSnapshot, only?: ReadonlySet<string>): string[] {
  // `only`: the incidents whose timelines are cached. In a storm a snapshot holds hundreds of
  // incidents and arrives several times a second; signing all of them each time is wasted work.
  const watched = (incident: IncidentView) => only === undefined || only.has(incident.key);
  const before = new Map<string, string>();
  for (const incident of previous?.incidents ?? []) if (watched(incident)) before.set(incident.key, incidentSignature(incident));
  return next.incidents.filter((incident) => watched(incident) && before.get(incident.key) !== incidentSignature(incident)).map((incident) => incident.key);
}

function incidentSignature(incident: IncidentView): string {
  return JSON.stringify({ ...incident, alerts: undefined });
}

/**
 * A fetched snapshot can be overtaken by a pushed one while the request is in flight; keep the
 * newer of the two so an old answer never hides an ack that was already pushed.
 */
export function fresherSnapshot(cached: AppSnapshot | undefined, fetched: AppSnapshot): AppSnapshot {
  return cached && cached.generatedAt > fetched.generatedAt ? cached : fetched;
}

/** Whether the identity or configuration changed, so the cached settings are out of date. */
export function settingsMayHaveChanged(previous: AppSnapshot | undefined, next: AppSnapshot): boolean {
  if (!previous) return false;
  return previous.me.id !== next.me.id || previous.me.name !== next.me.name || previous.configSource !== next.configSource;
}

/**
 * The core's clock is the truth for deadlines (tests drive it with a fake clock, and a laptop
 * clock can be off). Estimate it as the snapshot's generatedAt plus the wall time since arrival.
 */
export function estimateServerNow(wallNow: number, snapshotGeneratedAt: number, receivedAt: number): number {
  return snapshotGeneratedAt + Math.max(0, wallNow - receivedAt);
}
