import type { GapView, PersonView, RoleHolder, ShiftView } from '../domain.ts';
import type { Rotation } from './rotation-schema.ts';
import { compileRotation } from './role-timeline.ts';
import type { CompiledRotation, RoleTimeline } from './role-timeline.ts';

// Who is on call: pure functions of (rotation, instant). Nothing here reads a clock; callers pass
// the instant, which is what lets tests pin a handoff to the minute across DST changes.

const DAY_MS = 86_400_000;

/** Who holds each role at an instant, roles in file order; person null means nobody (a gap). */
export function holdersAt(rotation: Rotation, instantMs: number): RoleHolder[] {
  const compiled = compileRotation(rotation);
  return compiled.roles.map((role) => ({ role: role.role, person: personOf(compiled, role.holderAt(instantMs)) }));
}

/** The holder of one role at an instant, or null for a gap or an unknown role. */
export function holderOf(rotation: Rotation, role: string, instantMs: number): PersonView | null {
  const compiled = compileRotation(rotation);
  const timeline = compiled.roles.find((candidate) => candidate.role === role);
  return timeline ? personOf(compiled, timeline.holderAt(instantMs)) : null;
}

/**
 * Shifts of every role overlapping [fromMs, toMs), clipped to that window, consecutive time with
 * the same holder merged; gaps appear as shifts with handle null. Sorted by start, then role order.
 */
export function shiftsBetween(rotation: Rotation, fromMs: number, toMs: number): ShiftView[] {
  const compiled = compileRotation(rotation);
  const out: Array<ShiftView & { order: number }> = [];
  compiled.roles.forEach((role, order) => {
    for (const segment of segmentsOf(role, fromMs, toMs)) {
      const person = personOf(compiled, segment.holder);
      out.push({ role: role.role, handle: person?.handle ?? null, name: person?.name ?? null, start: segment.start, end: segment.end, order });
    }
  });
  out.sort((a, b) => a.start - b.start || a.order - b.order);
  return out.map(({ order: _order, ...shift }) => shift);
}

/** Time in [fromMs, toMs) when a role has nobody on call. */
export function findGaps(rotation: Rotation, fromMs: number, toMs: number): GapView[] {
  return shiftsBetween(rotation, fromMs, toMs)
    .filter((shift) => shift.handle === null)
    .map((shift) => ({ role: shift.role, start: shift.start, end: shift.end }));
}

export interface Handoff {
  at: number;
  role: string;
  /** Display names; null for "nobody". */
  from: string | null;
  to: string | null;
  fromHandle: string | null;
  toHandle: string | null;
}

/** The first change of holder of any role after nowMs, looking at most `horizonMs` ahead. */
export function nextHandoff(rotation: Rotation, nowMs: number, horizonMs = 90 * DAY_MS): Handoff | null {
  const compiled = compileRotation(rotation);
  let best: Handoff | null = null;
  for (const role of compiled.roles) {
    const [current, next] = segmentsOf(role, nowMs, nowMs + horizonMs);
    if (!current || !next || (best && best.at <= next.start)) continue;
    const from = personOf(compiled, current.holder);
    const to = personOf(compiled, next.holder);
    best = { at: next.start, role: role.role, from: from?.name ?? null, to: to?.name ?? null, fromHandle: from?.handle ?? null, toHandle: to?.handle ?? null };
  }
  return best;
}

/** Roles the person with this identity holds at an instant. */
export function rolesOf(rotation: Rotation, meId: string, instantMs: number): string[] {
  return holdersAt(rotation, instantMs)
    .filter((holder) => holder.person !== null && isPerson(holder.person, meId))
    .map((holder) => holder.role);
}

/** Every person the file lists, in file order. */
export function peopleOf(rotation: Rotation): PersonView[] {
  return compileRotation(rotation).listed;
}

/**
 * Vigil's identity (config `me.id`, also the silence's createdBy) is matched to the rotation by
 * handle, or by email for teams whose identities are email addresses; case never matters.
 */
export function isPerson(person: PersonView, meId: string): boolean {
  const id = meId.trim().toLowerCase();
  if (id === '') return false;
  return person.handle.toLowerCase() === id || (person.email !== null && person.email.toLowerCase() === id);
}

interface Segment {
  start: number;
  end: number;
  holder: string | null;
}

function segmentsOf(role: RoleTimeline, fromMs: number, toMs: number): Segment[] {
  if (!(fromMs < toMs)) return [];
  const instants = [...new Set([fromMs, ...role.changesBetween(fromMs, toMs)])].sort((a, b) => a - b);
  const segments: Segment[] = [];
  instants.forEach((start, index) => {
    const end = instants[index + 1] ?? toMs;
    const holder = role.holderAt(start);
    const last = segments[segments.length - 1];
    if (last && last.holder === holder) last.end = end;
    else segments.push({ start, end, holder });
  });
  return segments;
}

function personOf(compiled: CompiledRotation, holder: string | null): PersonView | null {
  return holder === null ? null : (compiled.people.get(holder) ?? null);
}
