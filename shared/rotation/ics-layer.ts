import ICAL from 'ical.js';
import { DateTime } from 'luxon';
import type { IcsShift, RotationPerson } from './rotation-schema.ts';
import { dayNumberOfDate, instantOfLocal, timeZoneProblem } from './zoned-time.ts';

// On-call shifts from an iCalendar feed (PagerDuty, Opsgenie, Grafana OnCall and GoAlert all
// export schedules as ICS). ical.js does the RFC 5545 work: RRULE expansion, EXDATE removal and
// RECURRENCE-ID exceptions. Wall times are turned into instants with luxon's tz database rather
// than a VTIMEZONE block when the TZID is an IANA name, since exported VTIMEZONEs are often
// truncated to a few years.

export interface ParseIcsOptions {
  people: ReadonlyArray<Pick<RotationPerson, 'handle' | 'name' | 'email'>>;
  /** Zone for floating times and all-day events. */
  zone: string;
  /** Only shifts overlapping [fromMs, toMs) are returned; recurrences are expanded up to toMs. */
  fromMs: number;
  toMs: number;
  /** Bound on expanded occurrences per event, so a hostile RRULE cannot spin forever. */
  maxOccurrences?: number;
}

export type ParseIcsResult = { ok: true; shifts: IcsShift[]; unmatched: string[] } | { ok: false; error: string };

type Component = InstanceType<typeof ICAL.Component>;
type Time = InstanceType<typeof ICAL.Time>;
type Event = InstanceType<typeof ICAL.Event>;

export function parseIcsShifts(icsText: string, options: ParseIcsOptions): ParseIcsResult {
  let calendars: Component[];
  try {
    const parsed: unknown = ICAL.parse(icsText);
    // One calendar parses to a jCal array ['vcalendar', ...]; several to an array of them.
    const list = (Array.isArray(parsed) && typeof parsed[0] === 'string' ? [parsed] : (parsed as unknown[])) as unknown[];
    calendars = list.map((jcal) => new ICAL.Component(jcal as ConstructorParameters<typeof ICAL.Component>[0]));
  } catch (error) {
    return { ok: false, error: `not a valid iCalendar feed: ${(error as Error).message}` };
  }
  if (calendars.length === 0 || calendars.some((calendar) => calendar.name !== 'vcalendar')) {
    return { ok: false, error: 'not an iCalendar feed (no VCALENDAR)' };
  }
  const limit = options.maxOccurrences ?? 20_000;
  const shifts: IcsShift[] = [];
  try {
    for (const calendar of calendars) {
      for (const event of eventsOf(calendar)) shifts.push(...expand(event, options, limit));
    }
  } catch (error) {
    return { ok: false, error: `could not expand the feed's events: ${(error as Error).message}` };
  }
  shifts.sort((a, b) => a.start - b.start);
  const unmatched = [...new Set(shifts.filter((shift) => shift.person === null).map((shift) => shift.label))];
  return { ok: true, shifts, unmatched };
}

/** Recurring events with their RECURRENCE-ID exceptions attached, so a moved occurrence replaces the original. */
function eventsOf(calendar: Component): Event[] {
  const masters = new Map<string, Event>();
  const exceptions: Component[] = [];
  const events: Event[] = [];
  for (const component of calendar.getAllSubcomponents('vevent')) {
    if (component.hasProperty('recurrence-id')) {
      exceptions.push(component);
      continue;
    }
    const event = new ICAL.Event(component);
    events.push(event);
    if (event.uid) masters.set(event.uid, event);
  }
  for (const component of exceptions) {
    const uid = String(component.getFirstPropertyValue('uid') ?? '');
    const master = masters.get(uid);
    if (master) master.relateException(component);
    else events.push(new ICAL.Event(component)); // an orphan exception is a plain event
  }
  return events;
}

function expand(event: Event, options: ParseIcsOptions, limit: number): IcsShift[] {
  const out: IcsShift[] = [];
  const add = (item: Event, startTime: Time, endTime: Time) => {
    if (isCancelled(item)) return;
    const start = toMs(startTime, tzidOf(item.component, 'dtstart'), options.zone);
    const end = toMs(endTime, tzidOf(item.component, 'dtend') ?? tzidOf(item.component, 'dtstart'), options.zone);
    if (end <= start || end <= options.fromMs || start >= options.toMs) return;
    const { person, label } = identify(item, options.people);
    out.push({ start, end, summary: item.summary ?? '', person, label });
  };
  if (!event.isRecurring()) {
    add(event, event.startDate, event.endDate);
    return out;
  }
  const iterator = event.iterator();
  for (let count = 0; count < limit; count += 1) {
    const occurrence = iterator.next();
    if (!occurrence) break;
    const details = event.getOccurrenceDetails(occurrence);
    const item = details.item as Event;
    // Occurrences come in order; once one is due past the window (and was not moved into it), stop.
    const due = toMs(occurrence, tzidOf(event.component, 'dtstart'), options.zone);
    if (due >= options.toMs && toMs(details.startDate, tzidOf(item.component, 'dtstart'), options.zone) >= options.toMs) break;
    add(item, details.startDate, details.endDate);
  }
  return out;
}

function isCancelled(event: Event): boolean {
  return String(event.component.getFirstPropertyValue('status') ?? '').toUpperCase() === 'CANCELLED';
}

function tzidOf(component: Component, property: string): string | null {
  const value = component.getFirstProperty(property)?.getParameter('tzid');
  return typeof value === 'string' ? value : null;
}

function toMs(time: Time, tzid: string | null, fallbackZone: string): number {
  if (time.isDate) {
    // All-day entries ("on call Monday") start at local midnight in the layer's zone.
    const day = dayNumberOfDate(`${pad(time.year, 4)}-${pad(time.month, 2)}-${pad(time.day, 2)}`) ?? 0;
    return instantOfLocal(day, 0, fallbackZone);
  }
  if (time.zone?.tzid === 'UTC') return time.toUnixTime() * 1000;
  const wall = { year: time.year, month: time.month, day: time.day, hour: time.hour, minute: time.minute, second: time.second };
  if (tzid !== null && timeZoneProblem(tzid) === null) return DateTime.fromObject(wall, { zone: tzid }).toMillis();
  // A non-IANA TZID ("Pacific Standard Time") defined by a VTIMEZONE in the feed: ical.js knows it.
  if (time.zone && time.zone.tzid !== 'floating') return time.toUnixTime() * 1000;
  return DateTime.fromObject(wall, { zone: fallbackZone }).toMillis();
}

/**
 * Feeds name the on-call person in an ATTENDEE (email, CN) or in the SUMMARY ("On call: Alex
 * Chen", "alex.chen - Primary"). Exact matches win; otherwise the longest name or handle found
 * as a whole word in the summary, so "Al" never claims "Alex Chen"'s shift.
 */
function identify(event: Event, people: ParseIcsOptions['people']): { person: string | null; label: string } {
  const summary = (event.summary ?? '').trim();
  const attendees = event.attendees.map((attendee) => ({
    email: String(attendee.getFirstValue() ?? '').replace(/^mailto:/i, '').trim().toLowerCase(),
    cn: String(attendee.getParameter('cn') ?? '').trim(),
  }));
  const label = attendees.find((attendee) => attendee.cn !== '')?.cn || summary || 'unnamed shift';
  for (const attendee of attendees) {
    const byEmail = people.find((person) => person.email !== undefined && person.email.toLowerCase() === attendee.email);
    if (byEmail) return { person: byEmail.handle, label };
    const byName = exactMatch(attendee.cn, people);
    if (byName) return { person: byName, label };
  }
  const exact = exactMatch(summary, people);
  if (exact) return { person: exact, label };
  let best: { handle: string; length: number } | null = null;
  const text = summary.toLowerCase();
  for (const person of people) {
    for (const candidate of [person.name, person.handle]) {
      if (containsWord(text, candidate.toLowerCase()) && (!best || candidate.length > best.length)) {
        best = { handle: person.handle, length: candidate.length };
      }
    }
  }
  return { person: best?.handle ?? null, label };
}

function exactMatch(text: string, people: ParseIcsOptions['people']): string | null {
  const needle = text.trim().replace(/^@/, '').toLowerCase();
  if (needle === '') return null;
  return people.find((person) => person.handle.toLowerCase() === needle || person.name.toLowerCase() === needle)?.handle ?? null;
}

function containsWord(text: string, word: string): boolean {
  if (word === '') return false;
  let from = 0;
  for (;;) {
    const index = text.indexOf(word, from);
    if (index < 0) return false;
    const before = text[index - 1];
    const after = text[index + word.length];
    if (!isWordChar(before) && !isWordChar(after)) return true;
    from = index + 1;
  }
}

function isWordChar(char: string | undefined): boolean {
  return char !== undefined && /[\p{L}\p{N}]/u.test(char);
}

function pad(value: number, width: number): string {
  return String(value).padStart(width, '0');
}
