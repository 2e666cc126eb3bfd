import { z } from 'zod';

// The engine's persisted memory (alarm book, my acks, escalation steps reached). It is read back
// after a crash or restart, so it is validated like any other input: a corrupt file is reported
// and replaced, never trusted.
const ackInfoSchema = z.object({
  by: z.string(),
  via: z.enum(['window', 'keyboard', 'notification', 'tray', 'alarm-window', 'remote']),
  at: z.number(),
  silenceId: z.string().nullable(),
  sourceId: z.string().nullable(),
  mine: z.boolean(),
});

export const engineStateSchema = z.object({
  version: z.literal(1),
  book: z.object({
    incidents: z.record(z.string(), z.object({ firstSeenAt: z.number(), ack: ackInfoSchema.nullable() })),
    alarms: z.record(z.string(), z.object({ severity: z.string(), loud: z.boolean(), raisedAt: z.number(), deadline: z.number(), level: z.number() })),
  }),
  /** Ack silences this Vigil created, re-checked every poll: one that vanishes re-alarms. */
  myAcks: z.record(z.string(), z.object({ silenceId: z.string(), sourceId: z.string(), at: z.number(), via: ackInfoSchema.shape.via })),
  /** How many escalation steps of each incident were already journaled. */
  reachedSteps: z.record(z.string(), z.number().int().nonnegative()),
});
export type EngineState = z.infer<typeof engineStateSchema>;

export const emptyEngineState = (): EngineState => ({ version: 1, book: { incidents: {}, alarms: {} }, myAcks: {}, reachedSteps: {} });
