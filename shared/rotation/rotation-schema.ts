import { z } from 'zod';
import { durationField } from '../duration.ts';
import { feedUrlProblem } from './feed-url.ts';
import { WEEKDAYS, dayNumberOfDate, parseClockTime, parseInstant, timeZoneProblem, weekdayNumber, weekdayOfDay } from './zoned-time.ts';

// The rotation file (YAML): people, on-call roles built from layers, overrides and escalation
// policies per severity. Every field is documented in docs/rotation.md, with the playbook's
// rotation as the worked example (examples/rotation.playbook.yaml).

const zoneName = z.string().superRefine((value, ctx) => {
  const problem = timeZoneProblem(value);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const handle = z
  .string()
  .regex(/^[a-z0-9][a-z0-9._-]{0,63}$/i, 'a handle is letters, digits, ".", "_" and "-", e.g. alex.chen');

const roleName = z
  .string()
  .regex(/^[a-z0-9][a-z0-9_-]{0,63}$/i, 'a role is letters, digits, "-" and "_", e.g. primary');

const clockTime = z.string().refine((value) => parseClockTime(value) !== null, 'a time of day is HH:MM on a 24-hour clock, e.g. 09:00');

const localDate = z.string().refine((value) => dayNumberOfDate(value) !== null, 'a date is YYYY-MM-DD, e.g. 2026-11-02');

/** Checked against the zone in the cross-field pass, since the zone may come from elsewhere. */
const instantText = z.string().min(1);

const weekday = z.enum(WEEKDAYS, { message: `a weekday is one of ${WEEKDAYS.join(', ')}` });

export const personSchema = z
  .object({
    handle,
    name: z.string().min(1).max(200),
    title: z.string().max(200).optional(),
    /** Defaults to the file's timezone. */
    timezone: zoneName.optional(),
    phone: z.string().min(1).max(64).optional(),
    email: z.email().max(320).optional(),
    /** Slack handle, e.g. "@alex.chen". */
    slack: z.string().min(1).max(128).optional(),
  })
  .strict();
export type RotationPerson = z.infer<typeof personSchema>;

/** One holder per week, cycling through members; handoff at a weekday and wall time in a zone. */
export const weeklyLayerSchema = z
  .object({
    kind: z.literal('weekly'),
    /** The date of the first handoff (a date in the handoff zone, on the handoff weekday). */
    start: localDate,
    /** Optional instant the layer stops covering (ISO with offset, or local in the handoff zone). */
    end: instantText.optional(),
    handoff: z
      .object({
        weekday,
        time: clockTime,
        /** Defaults to the file's timezone. */
        timezone: zoneName.optional(),
      })
      .strict(),
    members: z.array(handle).min(1, 'a weekly layer needs at least one member'),
  })
  .strict();

/** Follow-the-sun: the same daily windows, each in its own zone (usually its holders' zone). */
export const dailyShiftSchema = z
  .object({
    start: clockTime,
    /** End of the window; at or before start means it ends the next day. 24:00 is midnight. */
    end: clockTime,
    timezone: zoneName.optional(),
    /** One member: every day. Several: one per day, cycling from the layer's start date. */
    members: z.array(handle).min(1, 'a daily shift needs at least one member'),
    /** Only on these weekdays (of the window's local start date). Default: every day. */
    weekdays: z.array(weekday).min(1).optional(),
  })
  .strict();

export const dailyLayerSchema = z
  .object({
    kind: z.literal('daily'),
    /** First day of the layer (midnight in the layer zone); also the anchor for cycling members. */
    start: localDate.optional(),
    end: instantText.optional(),
    timezone: zoneName.optional(),
    shifts: z.array(dailyShiftSchema).min(1, 'a daily layer needs at least one shift'),
  })
  .strict();

/** Shifts exported as iCalendar by PagerDuty, Opsgenie, Grafana OnCall, GoAlert, ... */
export const icsLayerSchema = z
  .object({
    kind: z.literal('ics'),
    /** https URL (ETag-revalidated on every refresh) ... */
    url: z.string().optional(),
    /** ... or a file path, relative to the rotation file. */
    file: z.string().min(1).optional(),
    /** Keep only events whose SUMMARY contains this text (case-insensitive), for feeds that mix schedules. */
    match: z.string().min(1).optional(),
    /** Zone for floating times and all-day events in the feed. Defaults to the file's timezone. */
    timezone: zoneName.optional(),
  })
  .strict();

export const layerSchema = z.discriminatedUnion('kind', [weeklyLayerSchema, dailyLayerSchema, icsLayerSchema], {
  error: (issue) => (issue.code === 'invalid_union' ? 'a layer has kind: weekly, daily or ics' : undefined),
});
export type RotationLayer = z.infer<typeof layerSchema>;
export type WeeklyLayer = z.infer<typeof weeklyLayerSchema>;
export type DailyLayer = z.infer<typeof dailyLayerSchema>;
export type IcsLayer = z.infer<typeof icsLayerSchema>;

export const roleRotationSchema = z
  .object({
    role: roleName,
    /** Later layers win wherever they have a holder; earlier layers fill the rest. */
    layers: z.array(layerSchema).default([]),
  })
  .strict();
export type RoleRotation = z.infer<typeof roleRotationSchema>;

/** Someone covers a role for a time range; beats every layer. */
export const overrideSchema = z
  .object({
    role: roleName,
    person: handle,
    start: instantText,
    end: instantText,
    /** Zone for local start/end. Defaults to the file's timezone. */
    timezone: zoneName.optional(),
    reason: z.string().max(500).optional(),
  })
  .strict();
export type RotationOverride = z.infer<typeof overrideSchema>;

export const escalationStepSchema = z
  .object({
    /** Delay from the incident's start. */
    after: durationField,
    role: roleName.optional(),
    person: handle.optional(),
    /** Something to do rather than someone to page, e.g. "External communication and status page update". */
    action: z.string().min(1).max(500).optional(),
  })
  .strict()
  .superRefine((step, ctx) => {
    const named = [step.role, step.person, step.action].filter((value) => value !== undefined).length;
    if (named !== 1) ctx.addIssue({ code: 'custom', message: 'a step names exactly one of role, person or action' });
  });
export type EscalationStep = z.infer<typeof escalationStepSchema>;

export const escalationPolicySchema = z
  .object({
    ack_within: durationField,
    respond_within: durationField.optional(),
    steps: z.array(escalationStepSchema).min(1, 'a policy needs at least one step'),
  })
  .strict();
export type EscalationPolicy = z.infer<typeof escalationPolicySchema>;

const rotationObjectSchema = z
  .object({
    version: z.literal(1).optional(),
    /** Default zone for every local time in the file. */
    timezone: zoneName.default('UTC'),
    people: z.array(personSchema).default([]),
    rotations: z.array(roleRotationSchema).default([]),
    overrides: z.array(overrideSchema).default([]),
    /** Policies keyed by alert severity; `default` applies to any other severity. */
    escalation: z.record(z.string().regex(/^[a-z0-9_-]{1,64}$/i, 'a severity is letters, digits, "-" and "_"'), escalationPolicySchema).default({}),
  })
  .strict();

type RotationObject = z.infer<typeof rotationObjectSchema>;
type Ctx = z.RefinementCtx;

// Cross-references and anything that needs the whole file (zones default to the file's zone).
function checkRotation(file: RotationObject, ctx: Ctx): void {
  const handles = new Set<string>();
  file.people.forEach((person, index) => {
    if (handles.has(person.handle)) issue(ctx, ['people', index, 'handle'], `duplicate person handle "${person.handle}"`);
    handles.add(person.handle);
  });
  const knownPerson = (value: string, path: Array<string | number>) => {
    if (!handles.has(value)) {
      const known = [...handles].join(', ') || 'none';
      issue(ctx, path, `unknown person "${value}" (people: ${known})`);
    }
  };
  const roles = new Set<string>();
  file.rotations.forEach((rotation, roleIndex) => {
    if (roles.has(rotation.role)) issue(ctx, ['rotations', roleIndex, 'role'], `duplicate role "${rotation.role}"`);
    roles.add(rotation.role);
    rotation.layers.forEach((layer, layerIndex) => checkLayer(layer, ['rotations', roleIndex, 'layers', layerIndex], file.timezone, knownPerson, ctx));
  });
  const knownRole = (value: string, path: Array<string | number>) => {
    if (!roles.has(value)) issue(ctx, path, `unknown role "${value}" (roles: ${[...roles].join(', ') || 'none'})`);
  };
  file.overrides.forEach((override, index) => {
    const path = ['overrides', index];
    knownRole(override.role, [...path, 'role']);
    knownPerson(override.person, [...path, 'person']);
    const zone = override.timezone ?? file.timezone;
    const start = checkInstant(override.start, zone, [...path, 'start'], ctx);
    const end = checkInstant(override.end, zone, [...path, 'end'], ctx);
    if (start !== null && end !== null && end <= start) issue(ctx, [...path, 'end'], 'an override ends after it starts');
  });
  for (const [severity, policy] of Object.entries(file.escalation)) {
    let previous = 0;
    policy.steps.forEach((step, index) => {
      const path = ['escalation', severity, 'steps', index];
      if (step.role !== undefined) knownRole(step.role, [...path, 'role']);
      if (step.person !== undefined) knownPerson(step.person, [...path, 'person']);
      if (step.after < previous) issue(ctx, [...path, 'after'], 'steps are listed in order of their delay');
      previous = step.after;
    });
  }
}

function checkLayer(
  layer: RotationLayer,
  path: Array<string | number>,
  fileZone: string,
  knownPerson: (value: string, path: Array<string | number>) => void,
  ctx: Ctx,
): void {
  if (layer.kind === 'weekly') {
    layer.members.forEach((member, index) => knownPerson(member, [...path, 'members', index]));
    const day = dayNumberOfDate(layer.start);
    if (day !== null && weekdayOfDay(day) !== weekdayNumber(layer.handoff.weekday)) {
      const actual = WEEKDAYS[weekdayOfDay(day) - 1];
      issue(ctx, [...path, 'start'], `${layer.start} is a ${actual}, but the handoff weekday is ${layer.handoff.weekday}`);
    }
    if (layer.end !== undefined) checkInstant(layer.end, layer.handoff.timezone ?? fileZone, [...path, 'end'], ctx);
  } else if (layer.kind === 'daily') {
    layer.shifts.forEach((shift, shiftIndex) => {
      shift.members.forEach((member, index) => knownPerson(member, [...path, 'shifts', shiftIndex, 'members', index]));
    });
    if (layer.end !== undefined) checkInstant(layer.end, layer.timezone ?? fileZone, [...path, 'end'], ctx);
  } else {
    if ((layer.url === undefined) === (layer.file === undefined)) issue(ctx, path, 'an ics layer has exactly one of url or file');
    if (layer.url !== undefined) {
      const problem = feedUrlProblem(layer.url);
      if (problem) issue(ctx, [...path, 'url'], problem);
    }
  }
}

function checkInstant(text: string, zone: string, path: Array<string | number>, ctx: Ctx): number | null {
  const value = parseInstant(text, zone);
  if (value === null) issue(ctx, path, `"${text}" is not a time: write 2026-11-10 09:00 (local) or 2026-11-10T17:00:00Z`);
  return value;
}

function issue(ctx: Ctx, path: Array<string | number>, message: string): void {
  ctx.addIssue({ code: 'custom', path, message });
}

export const rotationFileSchema = rotationObjectSchema.superRefine(checkRotation);

/** A validated rotation file. */
export type RotationFile = z.infer<typeof rotationFileSchema>;
export type RotationFileInput = z.input<typeof rotationFileSchema>;

/** One shift read from an iCalendar feed (see ics-layer.ts). */
export interface IcsShift {
  start: number;
  end: number;
  summary: string;
  /** Handle of the matched person, or null when the feed names someone not in `people`. */
  person: string | null;
  /** Who the feed says it is (attendee name or summary), shown when person is null. */
  label: string;
}

/**
 * What the resolver works on: the validated file plus the shifts of its ICS feeds, keyed by the
 * layer's url or file exactly as written. The loader fills icsShifts; without it ICS layers are
 * empty (their time falls through to lower layers or shows as a gap).
 */
export type Rotation = RotationFile & { icsShifts?: Record<string, IcsShift[]> };

/** The key under which an ICS layer's shifts are stored in Rotation.icsShifts. */
export function icsLayerSource(layer: IcsLayer): string {
  return layer.url ?? layer.file ?? '';
}
