import type { RosterView } from '../domain.ts';
import type { Rotation } from './rotation-schema.ts';
import { findGaps, holdersAt, nextHandoff, peopleOf, rolesOf, shiftsBetween } from './resolve-rotation.ts';

const DAY_MS = 86_400_000;
/** The roster shows the coming four weeks: the playbook's rotation is a four-week cycle. */
export const ROSTER_HORIZON_MS = 28 * DAY_MS;
/** Shifts are computed from this far back so the current shift shows when it really began. */
const LOOKBACK_MS = 14 * DAY_MS;

export interface RosterMeta {
  /** The rotation's file path or (redacted) URL. */
  source: string | null;
  /** The last rejected version's errors, while the last good one stays in use. */
  warning: string | null;
  loadedAt: number | null;
}

export function buildRosterView(rotation: Rotation | null, nowMs: number, meId: string, meta: RosterMeta): RosterView {
  if (rotation === null) {
    return { now: [], myRoles: [], nextHandoff: null, upcoming: [], gaps: [], people: [], ...meta };
  }
  const until = nowMs + ROSTER_HORIZON_MS;
  const handoff = nextHandoff(rotation, nowMs, ROSTER_HORIZON_MS);
  return {
    now: holdersAt(rotation, nowMs),
    myRoles: rolesOf(rotation, meId, nowMs),
    nextHandoff: handoff && { at: handoff.at, role: handoff.role, from: handoff.from, to: handoff.to },
    upcoming: shiftsBetween(rotation, nowMs - LOOKBACK_MS, until).filter((shift) => shift.end > nowMs),
    gaps: findGaps(rotation, nowMs, until),
    people: peopleOf(rotation),
    ...meta,
  };
}
