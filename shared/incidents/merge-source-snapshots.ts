import type { AmAlert } from '../alertmanager-schemas.ts';
import type { MergedAlert } from './group-incidents.ts';
import { sameFingerprints } from './same-fingerprints.ts';

/**
 * What earlier merges made, for the next one. A poll's reader hands back the same object for an
 * alert whose text did not change, so at 10k alerts a poll that changed one copies one, not 10k:
 * merged alerts are remembered by the alert they were made from, and never changed afterwards (an
 * alert that a second source also reports is merged into a fresh copy). A merge of one source
 * whose answer holds the same fingerprints in the same order as the last merge's takes last
 * time's result position by position, without building a Map of every fingerprint again.
 */
export interface MergeMemo {
  readonly byAlert: WeakMap<AmAlert, MergedAlert>;
  /** The last merge, when it was of one source, without duplicates, and did not depend on the time. */
  lastOneSource: { sourceId: string; alerts: readonly AmAlert[]; merged: readonly MergedAlert[] } | null;
}

export function createMergeMemo(): MergeMemo {
  return { byAlert: new WeakMap(), lastOneSource: null };
}

export interface MergedSnapshots {
  readonly alerts: readonly MergedAlert[];
  /** Some alert's start was taken as `nowMs` (unknown, or in the future): merging later gives another answer. */
  dependsOnNow: boolean;
}

/**
 * Merges the latest snapshot of every source into one alert set keyed by fingerprint. A source
 * whose last poll failed still contributes its previous snapshot: an outage is never "all resolved".
 * A startsAt in the future (the sender's clock is ahead) or unknown counts as now, so an alert can
 * never delay its own alarm; the engine then takes the earlier of this and when it first saw it.
 */
export function mergeSourceSnapshots(snapshots: ReadonlyMap<string, readonly AmAlert[]>, nowMs: number, memo: MergeMemo = createMergeMemo()): MergedSnapshots {
  const only = snapshots.size === 1 ? [...snapshots][0]! : null;
  const last = memo.lastOneSource;
  const merged = only && last && last.sourceId === only[0] && sameFingerprints(last.alerts, only[1]) ? mergeLikeLast(only[0], only[1], last, nowMs, memo) : mergeAll(snapshots, nowMs, memo);
  memo.lastOneSource = only && !merged.dependsOnNow && merged.alerts.length === only[1].length ? { sourceId: only[0], alerts: only[1], merged: merged.alerts } : null;
  return merged;
}

/** One source's alert on its own: remembered, or made (and remembered when its start does not depend on now). */
function mergeOne(sourceId: string, alert: AmAlert, nowMs: number, memo: MergeMemo): { merged: MergedAlert; dependsOnNow: boolean } {
  const remembered = memo.byAlert.get(alert);
  if (remembered && remembered.sources.length === 1 && remembered.sources[0] === sourceId) return { merged: remembered, dependsOnNow: false };
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
  if (sent <= nowMs) memo.byAlert.set(alert, merged);
  return { merged, dependsOnNow: !(sent <= nowMs) };
}

/** The same fingerprints in the same order as the last merge (of this one source, without duplicates). */
function mergeLikeLast(sourceId: string, alerts: readonly AmAlert[], last: NonNullable<MergeMemo['lastOneSource']>, nowMs: number, memo: MergeMemo): MergedSnapshots {
  const merged: MergedAlert[] = new Array<MergedAlert>(alerts.length);
  let dependsOnNow = false;
  for (let i = 0; i < alerts.length; i++) {
    const alert = alerts[i]!;
    if (alert === last.alerts[i]) merged[i] = last.merged[i]!;
    else {
      const one = mergeOne(sourceId, alert, nowMs, memo);
      merged[i] = one.merged;
      dependsOnNow ||= one.dependsOnNow;
    }
  }
  return { alerts: merged, dependsOnNow };
}

function mergeAll(snapshots: ReadonlyMap<string, readonly AmAlert[]>, nowMs: number, memo: MergeMemo): MergedSnapshots {
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
      const one = mergeOne(sourceId, alert, nowMs, memo);
      dependsOnNow ||= one.dependsOnNow;
      byFingerprint.set(alert.fingerprint, one.merged);
    }
  }
  return { alerts: [...byFingerprint.values()], dependsOnNow };
}
