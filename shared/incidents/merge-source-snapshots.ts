import type { AmAlert } from '../alertmanager-schemas.ts';
import type { MergedAlert } from './group-incidents.ts';

/**
 * Merged alerts remembered by the alert they were made from. A poll's reader hands back the same
 * object for an alert whose text did not change, so at 10k alerts a poll that changed one copies
 * one, not 10k. What is remembered is never changed afterwards: an alert that a second source
 * also reports is merged into a fresh copy.
 */
export type MergeMemo = WeakMap<AmAlert, MergedAlert>;

export interface MergedSnapshots {
  alerts: MergedAlert[];
  /** Some alert's start was taken as `nowMs` (unknown, or in the future): merging later gives another answer. */
  dependsOnNow: boolean;
}

/**
 * Merges the latest snapshot of every source into one alert set keyed by fingerprint. A source
 * whose last poll failed still contributes its previous snapshot: an outage is never "all resolved".
 * A startsAt in the future (the sender's clock is ahead) or unknown counts as now, so an alert can
 * never delay its own alarm; the engine then takes the earlier of this and when it first saw it.
 */
export function mergeSourceSnapshots(snapshots: ReadonlyMap<string, readonly AmAlert[]>, nowMs: number, memo: MergeMemo = new WeakMap()): MergedSnapshots {
  const byFingerprint = new Map<string, MergedAlert>();
  // Copies made here for an alert more than one source reports: only these are added to.
  const copies = new Set<MergedAlert>();
  let dependsOnNow = false;
  for (const [sourceId, alerts] of snapshots) {
    for (const alert of alerts) {
      let existing = byFingerprint.get(alert.fingerprint);
      if (existing) {
        if (!copies.has(existing)) {
          existing = { ...existing, silencedBy: [...existing.silencedBy], sources: [...existing.sources] };
          copies.add(existing);
          byFingerprint.set(alert.fingerprint, existing);
        }
        if (!existing.sources.includes(sourceId)) existing.sources.push(sourceId);
        for (const id of alert.status.silencedBy) if (!existing.silencedBy.includes(id)) existing.silencedBy.push(id);
        continue;
      }
      const remembered = memo.get(alert);
      if (remembered && remembered.sources.length === 1 && remembered.sources[0] === sourceId) {
        byFingerprint.set(alert.fingerprint, remembered);
        continue;
      }
      const sent = alert.startsAt === null ? Number.NaN : Date.parse(alert.startsAt);
      const startsAt = sent <= nowMs ? sent : nowMs;
      const merged: MergedAlert = {
        fingerprint: alert.fingerprint,
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt,
        state: alert.status.state,
        silencedBy: [...alert.status.silencedBy],
        sources: [sourceId],
        generatorURL: alert.generatorURL ?? null,
      };
      // Only a start that does not depend on the time of merging can be remembered.
      if (sent <= nowMs) memo.set(alert, merged);
      else dependsOnNow = true;
      byFingerprint.set(alert.fingerprint, merged);
    }
  }
  return { alerts: [...byFingerprint.values()], dependsOnNow };
}
