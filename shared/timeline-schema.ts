import { z } from 'zod';
import type { TimelineEvent, TimelineEventType } from './domain.ts';

// The incident timeline is the post-mortem's source, read back from disk after crashes and
// upgrades: every line is checked against this schema before it is trusted.

export const TIMELINE_EVENT_TYPES = [
  'first-seen',
  'alarm-raised',
  'notification-shown',
  'deadline-missed',
  're-alarmed',
  'ack-requested',
  'acked',
  'ack-failed',
  'acked-by-other',
  'silence-extended',
  'silence-expired',
  'silence-vanished',
  'escalation-step',
  'resolved',
  'note',
  'step-checked',
  'step-unchecked',
  'user-note',
] as const satisfies readonly TimelineEventType[];

export const timelineEventSchema = z
  .object({
    id: z.string().min(1).max(128),
    incidentKey: z.string().min(1).max(512),
    occurrenceId: z.string().min(1).max(600).optional(),
    at: z.number().int().nonnegative(),
    type: z.enum(TIMELINE_EVENT_TYPES),
    message: z.string().max(16_384),
    by: z.string().max(256).optional(),
    data: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])).optional(),
  })
  .strict();

/** An event before the journal gives it an id. */
export const timelineEventInputSchema = timelineEventSchema.extend({ id: timelineEventSchema.shape.id.optional() });

// Compile-time guard: the schema and the domain type must describe the same thing.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const schemaMatchesDomain: Same<z.infer<typeof timelineEventSchema>, TimelineEvent> = true;
void schemaMatchesDomain;
// Every domain event type is in the list (the `satisfies` above checks the other direction).
const everyTypeListed: Same<(typeof TIMELINE_EVENT_TYPES)[number], TimelineEventType> = true;
void everyTypeListed;

const MESSAGE_MAX = 4096;
const BY_MAX = timelineEventSchema.shape.by.unwrap().maxLength ?? 256;
const DATA_TEXT_MAX = 1024;

function clip(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/**
 * Bounds an event built from untrusted text (a 100 kB alertname, a long createdBy) so the journal
 * never refuses it: an event the schema rejects would otherwise be lost, or block the ones after it.
 */
export function boundTimelineInput<T extends { message: string; by?: string; data?: Record<string, string | number | boolean | null> }>(event: T): T {
  const data = event.data ? Object.fromEntries(Object.entries(event.data).map(([k, v]) => [clip(k, 128), typeof v === 'string' ? clip(v, DATA_TEXT_MAX) : v])) : undefined;
  return { ...event, message: clip(event.message, MESSAGE_MAX), ...(event.by !== undefined ? { by: clip(event.by, BY_MAX) } : {}), ...(data ? { data } : {}) };
}

/** The id of an incident's occurrence that Vigil first saw at `firstSeenAt`. */
export function occurrenceIdOf(incidentKey: string, firstSeenAt: number): string {
  return `${incidentKey}@${firstSeenAt.toString(36)}`;
}
