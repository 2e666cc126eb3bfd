import type { PersonView } from '../domain.ts';
import type { DailyLayer, IcsLayer, IcsShift, Rotation, RotationLayer, WeeklyLayer } from './rotation-schema.ts';
import { icsLayerSource } from './rotation-schema.ts';
import { dayNumberAt, dayNumberOfDate, instantOfLocal, parseClockTime, parseInstant, weekdayNumber, weekdayOfDay } from './zoned-time.ts';

// The compiled form of a rotation: for each role, layers that answer "who holds it at t" and
// "when might that change between a and b". Every query in resolve-rotation.ts is built from these
// two questions, so DST, zones and cycling live here and nowhere else.

/** A holder is a key into CompiledRotation.people (a handle, or "ics:<label>" for feed names). */
type HolderKey = string;

interface LayerTimeline {
  holderAt(instantMs: number): HolderKey | null;
  /** Instants in [fromMs, toMs) where the holder may change (extra instants are harmless). */
  changesBetween(fromMs: number, toMs: number): number[];
}

interface CompiledOverride {
  start: number;
  end: number;
  person: HolderKey;
}

export interface RoleTimeline {
  role: string;
  holderAt(instantMs: number): HolderKey | null;
  changesBetween(fromMs: number, toMs: number): number[];
}

export interface CompiledRotation {
  roles: RoleTimeline[];
  people: Map<HolderKey, PersonView>;
  /** People from the file, in file order (feed-only names excluded). */
  listed: PersonView[];
}

const cache = new WeakMap<Rotation, CompiledRotation>();

/** Compiles once per rotation object; a reload yields a new object, so the cache never goes stale. */
export function compileRotation(rotation: Rotation): CompiledRotation {
  const cached = cache.get(rotation);
  if (cached) return cached;
  const listed: PersonView[] = rotation.people.map((person) => ({
    handle: person.handle,
    name: person.name,
    timezone: person.timezone ?? rotation.timezone,
    phone: person.phone ?? null,
    email: person.email ?? null,
    slack: person.slack ?? null,
  }));
  const people = new Map<HolderKey, PersonView>(listed.map((person) => [person.handle, person]));
  const feedHolder = (shift: IcsShift): HolderKey => {
    if (shift.person !== null && people.has(shift.person)) return shift.person;
    // Someone the feed names but the file does not list: still on call, just without contacts.
    const key = `ics:${shift.label}`;
    if (!people.has(key)) {
      people.set(key, { handle: shift.label, name: shift.label, timezone: rotation.timezone, phone: null, email: null, slack: null });
    }
    return key;
  };
  const roles = rotation.rotations.map((roleRotation) => {
    const layers = roleRotation.layers.map((layer) => compileLayer(layer, rotation, feedHolder));
    const overrides: CompiledOverride[] = rotation.overrides
      .filter((override) => override.role === roleRotation.role)
      .map((override) => {
        const zone = override.timezone ?? rotation.timezone;
        return { start: mustParse(override.start, zone), end: mustParse(override.end, zone), person: override.person };
      });
    return roleTimeline(roleRotation.role, layers, overrides);
  });
  const compiled = { roles, people, listed };
  cache.set(rotation, compiled);
  return compiled;
}

function roleTimeline(role: string, layers: LayerTimeline[], overrides: CompiledOverride[]): RoleTimeline {
  return {
    role,
    holderAt(instantMs) {
      // The last declared override wins, then the last layer that has someone.
      for (let i = overrides.length - 1; i >= 0; i -= 1) {
        const override = overrides[i]!;
        if (override.start <= instantMs && instantMs < override.end) return override.person;
      }
      for (let i = layers.length - 1; i >= 0; i -= 1) {
        const holder = layers[i]!.holderAt(instantMs);
        if (holder !== null) return holder;
      }
      return null;
    },
    changesBetween(fromMs, toMs) {
      const out: number[] = [];
      for (const layer of layers) out.push(...layer.changesBetween(fromMs, toMs));
      for (const override of overrides) out.push(override.start, override.end);
      return out.filter((at) => at >= fromMs && at < toMs);
    },
  };
}

function compileLayer(layer: RotationLayer, rotation: Rotation, feedHolder: (shift: IcsShift) => HolderKey): LayerTimeline {
  if (layer.kind === 'weekly') return weeklyTimeline(layer, rotation.timezone);
  if (layer.kind === 'daily') return dailyTimeline(layer, rotation.timezone);
  return icsTimeline(layer, rotation.icsShifts?.[icsLayerSource(layer)] ?? [], feedHolder);
}

function weeklyTimeline(layer: WeeklyLayer, fileZone: string): LayerTimeline {
  const zone = layer.handoff.timezone ?? fileZone;
  const minutes = parseClockTime(layer.handoff.time) ?? 0;
  const anchor = dayNumberOfDate(layer.start) ?? 0;
  const members = layer.members;
  const handoffAt = (week: number) => instantOfLocal(anchor + 7 * week, minutes, zone);
  const startMs = handoffAt(0);
  const endMs = layer.end === undefined ? Infinity : mustParse(layer.end, zone);
  // Start from the local date, then step, since a week is 167, 168 or 169 hours long.
  const weekAt = (instantMs: number) => {
    let week = Math.floor((dayNumberAt(instantMs, zone) - anchor) / 7);
    while (handoffAt(week) > instantMs) week -= 1;
    while (handoffAt(week + 1) <= instantMs) week += 1;
    return week;
  };
  return {
    holderAt(instantMs) {
      if (instantMs < startMs || instantMs >= endMs) return null;
      return members[mod(weekAt(instantMs), members.length)] ?? null;
    },
    changesBetween(fromMs, toMs) {
      const out = [startMs];
      if (Number.isFinite(endMs)) out.push(endMs);
      const from = Math.max(fromMs, startMs);
      const to = Math.min(toMs, endMs);
      if (from >= to) return out;
      for (let week = weekAt(from) + 1; handoffAt(week) < to; week += 1) out.push(handoffAt(week));
      return out;
    },
  };
}

function dailyTimeline(layer: DailyLayer, fileZone: string): LayerTimeline {
  const layerZone = layer.timezone ?? fileZone;
  const anchor = layer.start === undefined ? 0 : (dayNumberOfDate(layer.start) ?? 0);
  const startMs = layer.start === undefined ? -Infinity : instantOfLocal(anchor, 0, layerZone);
  const endMs = layer.end === undefined ? Infinity : mustParse(layer.end, layerZone);
  const shifts = layer.shifts.map((shift) => {
    const zone = shift.timezone ?? layerZone;
    const begin = parseClockTime(shift.start) ?? 0;
    const rawEnd = parseClockTime(shift.end) ?? 0;
    // An end at or before the start is on the next day (22:00-06:00); equal means 24 hours.
    const finish = rawEnd <= begin ? rawEnd + 1440 : rawEnd;
    const days = shift.weekdays ? new Set(shift.weekdays.map(weekdayNumber)) : null;
    return {
      zone,
      members: shift.members,
      runsOn: (day: number) => days === null || days.has(weekdayOfDay(day)),
      window: (day: number): [number, number] => [instantOfLocal(day, begin, zone), instantOfLocal(day, finish, zone)],
    };
  });
  return {
    holderAt(instantMs) {
      if (instantMs < startMs || instantMs >= endMs) return null;
      // Later shifts win overlaps, as later layers do.
      for (let i = shifts.length - 1; i >= 0; i -= 1) {
        const shift = shifts[i]!;
        const today = dayNumberAt(instantMs, shift.zone);
        for (const day of [today, today - 1]) {
          if (!shift.runsOn(day)) continue;
          const [from, to] = shift.window(day);
          if (from <= instantMs && instantMs < to) return shift.members[mod(day - anchor, shift.members.length)] ?? null;
        }
      }
      return null;
    },
    changesBetween(fromMs, toMs) {
      const out: number[] = [];
      if (Number.isFinite(startMs)) out.push(startMs);
      if (Number.isFinite(endMs)) out.push(endMs);
      const from = Math.max(fromMs, startMs);
      const to = Math.min(toMs, endMs);
      if (from >= to) return out;
      for (const shift of shifts) {
        const last = dayNumberAt(to, shift.zone);
        for (let day = dayNumberAt(from, shift.zone) - 1; day <= last; day += 1) {
          if (shift.runsOn(day)) out.push(...shift.window(day));
        }
      }
      return out;
    },
  };
}

function icsTimeline(layer: IcsLayer, allShifts: IcsShift[], feedHolder: (shift: IcsShift) => HolderKey): LayerTimeline {
  const needle = layer.match?.toLowerCase();
  const shifts = allShifts
    .filter((shift) => needle === undefined || shift.summary.toLowerCase().includes(needle))
    .map((shift) => ({ start: shift.start, end: shift.end, holder: feedHolder(shift) }))
    .sort((a, b) => a.start - b.start);
  return {
    holderAt(instantMs) {
      // Overlapping feed entries: the one that started last is the more specific (a swap inside a week).
      for (let i = shifts.length - 1; i >= 0; i -= 1) {
        const shift = shifts[i]!;
        if (shift.start <= instantMs && instantMs < shift.end) return shift.holder;
      }
      return null;
    },
    changesBetween(fromMs, toMs) {
      const out: number[] = [];
      for (const shift of shifts) {
        if (shift.start >= toMs) break;
        if (shift.end > fromMs) out.push(shift.start, shift.end);
      }
      return out;
    },
  };
}

function mustParse(text: string, zone: string): number {
  const value = parseInstant(text, zone);
  // The schema checked every instant; reaching this means the object did not come from it.
  if (value === null) throw new Error(`invalid instant "${text}" in a rotation that skipped validation`);
  return value;
}

function mod(value: number, divisor: number): number {
  return ((value % divisor) + divisor) % divisor;
}
