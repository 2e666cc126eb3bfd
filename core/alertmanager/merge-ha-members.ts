import type { AmAlert } from '../../shared/alertmanager-schemas.ts';

// Members of an Alertmanager HA pair each receive every alert from Prometheus, so the same alert
// (same fingerprint) arrives once per member. Silences gossip between members with a delay, so one
// member may already know an ack silence that the other has not seen yet: the merged alert must
// count as silenced if ANY member says so, or an ack would seem to flap.

function union(a: readonly string[], b: readonly string[]): string[] {
  return [...new Set([...a, ...b])];
}

function updatedAtMs(alert: AmAlert): number {
  const parsed = alert.updatedAt ? Date.parse(alert.updatedAt) : Number.NaN;
  return Number.isNaN(parsed) ? Number.NEGATIVE_INFINITY : parsed;
}

function mergeTwo(current: AmAlert, other: AmAlert): AmAlert {
  // Labels, annotations, endsAt, ... come from the member that saw the alert most recently.
  const newer = updatedAtMs(other) > updatedAtMs(current) ? other : current;
  const silencedBy = union(current.status.silencedBy, other.status.silencedBy);
  const inhibitedBy = union(current.status.inhibitedBy, other.status.inhibitedBy);
  const receivers = [...new Map([...current.receivers, ...other.receivers].map((r) => [r.name, r])).values()];
  const mutedA = current.status.mutedBy ?? null;
  const mutedB = other.status.mutedBy ?? null;
  const status: AmAlert['status'] = {
    ...newer.status,
    // A suppression reported by any member wins, consistent with the silencedBy/inhibitedBy union.
    state: silencedBy.length > 0 || inhibitedBy.length > 0 ? 'suppressed' : newer.status.state,
    silencedBy,
    inhibitedBy,
  };
  if (mutedA !== null || mutedB !== null) status.mutedBy = union(mutedA ?? [], mutedB ?? []);
  return { ...newer, receivers, status };
}

/** Merge per-member alert lists by fingerprint, keeping first-seen order. Pure. */
export function mergeHaMemberAnswers(lists: ReadonlyArray<readonly AmAlert[]>): AmAlert[] {
  const merged = new Map<string, AmAlert>();
  for (const list of lists) {
    for (const alert of list) {
      const seen = merged.get(alert.fingerprint);
      merged.set(alert.fingerprint, seen ? mergeTwo(seen, alert) : alert);
    }
  }
  return [...merged.values()];
}
