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

const viaSchema = ackInfoSchema.shape.via;

/** One ack of mine: a silence on each source the incident was on, and what is needed to re-create one. */
const myAckSchema = z.object({
  at: z.number(),
  via: viaSchema,
  silences: z.array(z.object({ sourceId: z.string(), silenceId: z.string(), until: z.number() })),
  groupLabels: z.record(z.string(), z.string()),
  labelNames: z.array(z.string()),
  title: z.string(),
});
export type MyAck = z.infer<typeof myAckSchema>;

/** Acks stored before per-source silences: one silence, and no way to re-create it (it is only kept alive). */
const legacyMyAckSchema = z
  .object({ silenceId: z.string(), sourceId: z.string(), at: z.number(), via: viaSchema })
  .transform((a): MyAck => ({ at: a.at, via: a.via, silences: [{ sourceId: a.sourceId, silenceId: a.silenceId, until: 0 }], groupLabels: {}, labelNames: [], title: '' }));

export const engineStateSchema = z.object({
  version: z.literal(1),
  book: z.object({
    incidents: z.record(z.string(), z.object({ firstSeenAt: z.number(), ack: ackInfoSchema.nullable() })),
    alarms: z.record(
      z.string(),
      z
        .object({ severity: z.string(), loud: z.boolean(), raisedAt: z.number(), pagedAt: z.number().optional(), deadline: z.number(), nextRingAt: z.number().optional(), level: z.number() })
        // Books written before the fixed deadline: the ack clock started when the alarm was raised.
        .transform((a) => ({ ...a, pagedAt: a.pagedAt ?? a.raisedAt, nextRingAt: a.nextRingAt ?? a.deadline })),
    ),
  }),
  /** Ack silences this Vigil created, re-checked every poll: one that vanishes re-alarms. */
  myAcks: z.record(z.string(), z.union([myAckSchema, legacyMyAckSchema])),
  /** How many escalation steps of each incident were already journaled. */
  reachedSteps: z.record(z.string(), z.number().int().nonnegative()),
});
export type EngineState = z.infer<typeof engineStateSchema>;

export const emptyEngineState = (): EngineState => ({ version: 1, book: { incidents: {}, alarms: {} }, myAcks: {}, reachedSteps: {} });
