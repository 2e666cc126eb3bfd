import type { AmAlert } from '../alertmanager-schemas.ts';
import type { MergedAlert } from './group-incidents.ts';

/**
 * Merges the latest snapshot of every source into one alert set keyed by fingerprint. A source
 * whose last poll failed still contributes its previous snapshot: an outage is never "all resolved".
 * A startsAt in the future (the sender's clock is ahead) or unknown counts as now, so an alert can
 * never delay its own alarm; the engine then takes the earlier of this and when it first saw it.
 */
export function mergeSourceSnapshots(snapshots: ReadonlyMap<string, readonly AmAlert[]>, nowMs: number): MergedAlert[] {
  const byFingerprint = new Map<string, MergedAlert>();
  for (const [sourceId, alerts] of snapshots) {
    for (const alert of alerts) {
      const existing = byFingerprint.get(alert.fingerprint);
      const startsAt = alert.startsAt === null ? nowMs : Math.min(Date.parse(alert.startsAt), nowMs);
      if (existing) {
        if (!existing.sources.includes(sourceId)) existing.sources.push(sourceId);
        for (const id of alert.status.silencedBy) if (!existing.silencedBy.includes(id)) existing.silencedBy.push(id);
        continue;
      }
      byFingerprint.set(alert.fingerprint, {
        fingerprint: alert.fingerprint,
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt,
        state: alert.status.state,
        silencedBy: [...alert.status.silencedBy],
        sources: [sourceId],
        generatorURL: alert.generatorURL ?? null,
      });
    }
  }
  return [...byFingerprint.values()];
}
