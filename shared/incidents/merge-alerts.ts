import type { AmAlert } from '../alertmanager-schemas.ts';
import type { MergedAlert } from './group-incidents.ts';

/**
 * Merges the latest snapshot of every source into one alert set keyed by fingerprint. A source
 * whose last poll failed still contributes its previous snapshot: an outage is never "all resolved".
 */
export function mergeSourceSnapshots(snapshots: ReadonlyMap<string, readonly AmAlert[]>): MergedAlert[] {
  const byFingerprint = new Map<string, MergedAlert>();
  for (const [sourceId, alerts] of snapshots) {
    for (const alert of alerts) {
      const existing = byFingerprint.get(alert.fingerprint);
      const startsAt = Date.parse(alert.startsAt);
      if (existing) {
        if (!existing.sources.includes(sourceId)) existing.sources.push(sourceId);
        for (const id of alert.status.silencedBy) if (!existing.silencedBy.includes(id)) existing.silencedBy.push(id);
        continue;
      }
      byFingerprint.set(alert.fingerprint, {
        fingerprint: alert.fingerprint,
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt: Number.isFinite(startsAt) ? startsAt : 0,
        state: alert.status.state,
        silencedBy: [...alert.status.silencedBy],
        sources: [sourceId],
        generatorURL: alert.generatorURL ?? null,
      });
    }
  }
  return [...byFingerprint.values()];
}
